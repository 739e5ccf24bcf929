package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in      string
		want    Date
		wantErr string // a key part of the error; "" for a valid date
	}{
		{in: "2025", want: Date{Year: 2025, Precision: Year}},
		{in: "2025-06", want: Date{Year: 2025, Month: 6, Precision: Month}},
		{in: "2025-08-12", want: Date{Year: 2025, Month: 8, Day: 12, Precision: Day}},
		{in: "2025-12-31", want: Date{Year: 2025, Month: 12, Day: 31, Precision: Day}},
		{in: "2025-01-01", want: Date{Year: 2025, Month: 1, Day: 1, Precision: Day}},
		{in: "2024-02-29", want: Date{Year: 2024, Month: 2, Day: 29, Precision: Day}},
		{in: "2000-02-29", want: Date{Year: 2000, Month: 2, Day: 29, Precision: Day}},
		{in: "2025-13", wantErr: `"2025-13" has no month 13: months run from 01 to 12`},
		{in: "2025-00", wantErr: "has no month 0"},
		{in: "2025-13-01", wantErr: "has no month 13"},
		{in: "2025-02-30", wantErr: `"2025-02-30" is not a real date: February 2025 has 28 days`},
		{in: "2023-02-29", wantErr: "February 2023 has 28 days"},
		{in: "1900-02-29", wantErr: "February 1900 has 28 days"},
		{in: "2025-04-31", wantErr: "April 2025 has 30 days"},
		{in: "2025-08-00", wantErr: "is not a real date"},
		{in: "2025-08-32", wantErr: "August 2025 has 31 days"},
		{in: "Aug 12, 2025", wantErr: `"Aug 12, 2025" is not a date: write it as "2025-08-12" (dates are YYYY, YYYY-MM or YYYY-MM-DD)`},
		{in: "12th of Aug", wantErr: `"12th of Aug" is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2025-08-12"`},
		{in: "12/08/2025", wantErr: "YYYY, YYYY-MM or YYYY-MM-DD"},
		{in: "2025-8-12", wantErr: "YYYY, YYYY-MM or YYYY-MM-DD"},
		{in: "25-08-12", wantErr: "YYYY, YYYY-MM or YYYY-MM-DD"},
		{in: "2025-08-12T10:00:00Z", wantErr: "YYYY, YYYY-MM or YYYY-MM-DD"},
		{in: " 2025", wantErr: "is not a date"},
		{in: "2025 ", wantErr: "is not a date"},
		{in: "", wantErr: `"" is not a date`},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseDate(c.in)
			if c.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", c.in, got)
				}
				if !strings.Contains(err.Error(), c.wantErr) {
					t.Errorf("error %q does not contain %q", err, c.wantErr)
				}
				if got != (Date{}) {
					t.Errorf("ParseDate returned %+v with an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", c.in, got, c.want)
			}
			// String gives back exactly what was parsed.
			if s := got.String(); s != c.in {
				t.Errorf("String() = %q, want %q", s, c.in)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	cases := []struct {
		d    Date
		want string
	}{
		{Date{Year: 2025, Precision: Year}, "2025"},
		{Date{Year: 2025, Month: 6, Precision: Month}, "2025-06"},
		{Date{Year: 2025, Month: 8, Day: 2, Precision: Day}, "2025-08-02"},
		{Date{Year: 987, Precision: Year}, "0987"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.d, got, c.want)
		}
		back, err := ParseDate(c.want)
		if err != nil || back != c.d {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v", c.want, back, err, c.d)
		}
	}
}

func TestFirstLast(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in          string
		first, last time.Time
	}{
		{"2025", day(2025, 1, 1), day(2025, 12, 31)},
		{"2025-06", day(2025, 6, 1), day(2025, 6, 30)},
		{"2025-12", day(2025, 12, 1), day(2025, 12, 31)},
		{"2024-02", day(2024, 2, 1), day(2024, 2, 29)},
		{"2025-02", day(2025, 2, 1), day(2025, 2, 28)},
		{"2025-08-12", day(2025, 8, 12), day(2025, 8, 12)},
	}
	for _, c := range cases {
		d, err := ParseDate(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.First(); !got.Equal(c.first) {
			t.Errorf("%s.First() = %s, want %s", c.in, got.Format(time.DateOnly), c.first.Format(time.DateOnly))
		}
		if got := d.Last(); !got.Equal(c.last) {
			t.Errorf("%s.Last() = %s, want %s", c.in, got.Format(time.DateOnly), c.last.Format(time.DateOnly))
		}
	}
}

func TestParseDateNamesTheFix(t *testing.T) {
	for in, fix := range map[string]string{
		"03/15/2026":     `write it as "2026-03-15"`,
		"3/5/2026":       `write it as "2026-03-05"`,
		"2026/3/15":      `write it as "2026-03-15"`,
		"2026-3-5":       `write it as "2026-03-05"`,
		"2026-3":         `write it as "2026-03"`,
		"March 15, 2026": `write it as "2026-03-15"`,
		"Aug 12, 2025":   `write it as "2025-08-12"`,
		"Sept. 9 2026":   `write it as "2026-09-09"`,
		"15 March 2026":  `write it as "2026-03-15"`,
		"June 2025":      `write it as "2025-06"`,
		"15/03/2026":     `e.g. "2025-08-12"`, // no month 15: no guess
		"02/30/2026":     `e.g. "2025-08-12"`,
		"Smarch 1, 2026": `e.g. "2025-08-12"`,
	} {
		_, err := ParseDate(in)
		if err == nil || !strings.Contains(err.Error(), fix) {
			t.Errorf("ParseDate(%q): %v, want %q", in, err, fix)
		}
	}
}
