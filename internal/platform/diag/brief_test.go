package diag

import (
	"strings"
	"testing"
)

// An editor's error comes first, English warnings stay, and a language's
// translation warnings are one line naming the command that lists them.
func TestWriteBrief(t *testing.T) {
	var l List
	l.Warnf("i18n/es.toml", 3, 1, "i18n-stale", "stale one")
	l[0].Language = "es"
	l.Warnf("content/en/_index.md", 4, 1, "english-warning", "an English warning")
	l.Warnf("i18n/es.toml", 5, 1, "i18n-stale", "stale two")
	l[2].Language = "es"
	l.Warnf("i18n/fa.toml", 5, 1, "i18n-incomplete", "missing")
	l[3].Language = "fa"
	l.Errorf("data/timeline.yaml", 9, 1, "timeline-date", "the editor's error")
	var b strings.Builder
	if err := WriteBrief(&b, l, false, "validate --verbose"); err != nil {
		t.Fatal(err)
	}
	want := "data/timeline.yaml:9:1: error: the editor's error [timeline-date]\n" +
		"content/en/_index.md:4:1: warning: an English warning [english-warning]\n" +
		"es: 2 translation warnings; see them with `statement i18n status es` (or `statement validate --verbose`)\n" +
		"fa: 1 translation warning; see them with `statement i18n status fa` (or `statement validate --verbose`)\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
