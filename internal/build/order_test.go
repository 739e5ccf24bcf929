package build

import (
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// `validate --strict --lang vi`: the named language's errors come first,
// before other languages' warnings, whatever their files' order.
func TestNamedLanguagesErrorsComeFirst(t *testing.T) {
	var l diag.List
	l.Warnf("content/ar/_index.md", 3, 1, "i18n-stale", "ar is stale")
	l.Warnf("i18n/es.toml", 7, 1, "i18n-stale", "es is stale")
	l.Warnf("i18n/vi.toml", 9, 1, "i18n-stale", "vi is stale")
	l[0].Language, l[1].Language, l[2].Language = "ar", "es", "vi"
	got := Options{Strict: true, Languages: []string{"vi"}}.finish(l)
	if got[0].Language != "vi" || got[0].Severity != diag.Error {
		t.Fatalf("first = %+v", got[0])
	}
	if got[1].File != "content/ar/_index.md" || got[2].File != "i18n/es.toml" || got[1].Severity != diag.Warning {
		t.Errorf("the warnings are not after it, in file order: %+v", got[1:])
	}
	// Without a language named, the order is the files'.
	if got := (Options{Strict: true}).finish(l); got[0].File != "content/ar/_index.md" {
		t.Errorf("plain --strict: first = %+v", got[0])
	}
}
