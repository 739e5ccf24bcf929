package textline

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Updated the timeline.":   "Updated the timeline.",
		"  a\tb  ":                "a b",
		".inf":                    ".inf",
		"Tiếng Việt":              "Tiếng Việt",
		"می\u200cخواهم":           "می\u200cخواهم",
		`quotes "and" \backslash`: `quotes "and" \backslash`,
	} {
		got, err := Clean(in)
		if err != nil || got != want {
			t.Errorf("Clean(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, why := range map[string]string{
		"two\nlines":     "line break",
		"cr\rhere":       "line break",
		"sep\u2028x":     "line break",
		"bell\a":         "U+0007",
		"esc\x1b[31m":    "U+001B",
		"rtl \u202eevil": "U+202E",
		"bom\ufeff":      "U+FEFF",
		"nul\x00":        "U+0000",
		"bad \xff utf8":  "UTF-8",
		"del\x7f":        "U+007F",
	} {
		if _, err := Clean(in); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("Clean(%q): %v, want an error naming %s", in, err, why)
		}
	}
}
