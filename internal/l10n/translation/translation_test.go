package translation

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

func TestTextProblems(t *testing.T) {
	const english = "This translation matches the English version of {{ .Date }}."
	ok := []string{
		"Esta traducción corresponde a la versión del {{ .Date }}.",
		"Esta traducción corresponde a la versión del {{.Date}}.",
		"{{- .Date -}}: versión",
		"{{ .Date }}: a < b, 3 <4, <3",
	}
	for _, s := range ok {
		if p := TextProblems(english, s); len(p) > 0 {
			t.Errorf("%q refused: %v", s, p)
		}
	}
	refused := map[string]string{
		"sin fecha":                             "found none",
		"{{ .Date }} y {{ .Date }}":             "each as often",
		"{{ .Fecha }}":                          "found {{ .Fecha }}",
		"{{ .Date | upper }}":                   "is not a placeholder",
		"{{ $x := .Date }}{{ $x }}":             "is not a placeholder",
		"{{ .Date.Year }}":                      "is not a placeholder",
		`{{ .Date }}{{ printf "%c" 60 }}`:       "is not a placeholder",
		"{{ .Date }}{{ range 9 }}x{{ end }}":    "template command",
		"{{ .Date }}{{ if 1 }}x{{ end }}":       "template command",
		"{{ .Date }}{{ with 1 }}x{{ end }}":     "template command",
		`{{ .Date }}{{ template "x" }}`:         "template command",
		`{{ .Date }}{{ define "x" }}y{{ end }}`: "defines a template",
		`{{ .Date }}{{/* c */}}`:                "template comment",
		"{{ .Date }} {{":                        "is not plain text",
		"{{ .Date }}<meta http-equiv=refresh>":  "HTML tag",
		"{{ .Date }}</p>":                       "HTML tag",
		"{{ .Date }}<!-- x -->":                 "HTML tag",
		"{{ .Date }}<?xml?>":                    "HTML tag",
	}
	for s, want := range refused {
		p := TextProblems(english, s)
		if !strings.Contains(strings.Join(p, "\n"), want) {
			t.Errorf("%q: want a problem with %q, got %v", s, want, p)
		}
	}
}

func TestKeyLines(t *testing.T) {
	data := []byte(`# comment
a = "x"
"quoted key" = "y"

[event.one]
other = "z"
[ "event.two" ]
other = "w"
`)
	got := keyLines(data)
	want := map[string]int{
		"a":               2,
		"quoted key":      3,
		"event.one":       5,
		"event.one.other": 6,
		"event.two":       7,
		"event.two.other": 8,
	}
	for id, line := range want {
		if got[id] != line {
			t.Errorf("line of %q = %d, want %d", id, got[id], line)
		}
	}
}

// The i18n decoder never panics, and every message it returns has a line
// inside the file. It starts from the i18n files of the bad-input corpus.
func FuzzParseStrings(f *testing.F) {
	paths, _ := filepath.Glob("../../site/source/testdata/bad/*.txtar")
	for _, p := range append(paths, "../../site/source/testdata/base.txtar") {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if filepath.Ext(file.Name) == ".toml" {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		out := ParseStrings(data, "i18n/xx.toml", &l)
		if out == nil && !l.HasErrors() {
			t.Fatal("no strings and no error")
		}
		for id, e := range out {
			if e.Line < 1 && !l.HasErrors() {
				t.Fatalf("%q on line %d", id, e.Line)
			}
		}
		_ = TextProblems("{{ .Date }}", string(data))
	})
}

func TestHashIgnoresWhatNoReaderSees(t *testing.T) {
	clean := "A line.\n\nAnother line."
	for _, s := range []string{clean + "\n", clean + "\n\n", "A line.  \n\nAnother line.\t", strings.ReplaceAll(clean, "\n", "\r\n")} {
		if Hash(s) != Hash(clean) {
			t.Errorf("Hash(%q) differs from Hash(%q)", s, clean)
		}
	}
	if Hash("A line.") == Hash("A  line.") {
		t.Error("spaces inside a line are a change")
	}
}
