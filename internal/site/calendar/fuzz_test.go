package calendar

import "testing"

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025", "2025-06", "2025-08-12", "2024-02-29", "2025-02-29", "Aug 12, 2025", "2025-13", "0000-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("%q parsed as %s", s, d)
		}
		if d.Last().Before(d.First()) {
			t.Fatalf("%s ends before it starts", d)
		}
	})
}
