package yamlsrc

import (
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"- id: a\n  date: \"2025\"\n  text: t\n",
		"a: &x 1\nb: *x\n",
		"- id: one\n  date: \"2025-06\"\n   text: x\n",
		"a: b\n\tc: d\n",
		"x: [1, 2\n",
		"- a\n---\n- b\n",
		"caf\xe9: 1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, l := Parse(data, "f.yaml")
		if n == nil && !l.HasErrors() {
			t.Fatal("no node and no error")
		}
		for _, d := range l {
			if d.Line < 0 || d.Column < 0 {
				t.Fatalf("bad position: %s", d)
			}
		}
		if n != nil {
			var fl diag.List
			Fields(n, "f.yaml", "the file", []string{"id", "date", "text"}, &fl)
		}
	})
}
