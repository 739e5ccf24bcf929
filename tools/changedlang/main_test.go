package main

import (
	"strings"
	"testing"
)

func TestOneLanguage(t *testing.T) {
	known := []string{"en", "es", "vi", "zh-hant"}
	for _, c := range []struct {
		paths string
		want  string
	}{
		{"content/es/_index.md", "es"},
		{"i18n/es.toml", "es"},
		{"content/es/_index.md i18n/es.toml translations/english/0123456789abcdef.txt", "es"},
		{"i18n/es.toml translations/es.toml", "es"},
		{"i18n/es.toml translations/vi.toml", ""}, // another language's record
		{"content/zh-hant/notices/a.md", "zh-hant"},
		{"i18n/es.toml translations/vendor/es.toml", "es"},
		{"i18n/es.toml translations/vendor/vi.toml", ""},
		{"content/en/_index.md", "en"},
		{"content/es/_index.md i18n/vi.toml", ""},         // two languages
		{"i18n/es.toml data/timeline.yaml", ""},           // shared data too
		{"i18n/es.toml hugo.toml", ""},                    // the configuration
		{"i18n/es.toml .github/workflows/ci.yml", ""},     // anything else
		{"i18n/xx.toml", ""},                              // not configured
		{"translations/english/0123456789abcdef.txt", ""}, // no language
		{"content/_index.md", ""},                         // not under a language
		{"i18n/es/extra.toml", ""},                        // not a strings file
		{"", ""},                                          // no change
	} {
		if got := OneLanguage(strings.Fields(c.paths), known); got != c.want {
			t.Errorf("OneLanguage(%s) = %q, want %q", c.paths, got, c.want)
		}
	}
}

func TestReadLines(t *testing.T) {
	got, err := readLines(strings.NewReader("i18n/es.toml\n\n  content/es/_index.md  \n"))
	if err != nil || strings.Join(got, "|") != "i18n/es.toml|content/es/_index.md" {
		t.Errorf("readLines = %q, %v", got, err)
	}
}
