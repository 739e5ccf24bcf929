package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	action   = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
	assigned = regexp.MustCompile(`(\$[A-Za-z_][A-Za-z0-9_]*)\s*:?=`)
	unsafe   = regexp.MustCompile(`\b(safeHTML|safeHTMLAttr|safeURL|safeJS|safeJSStr|safeCSS|htmlUnescape)\b`)
)

// TestThemeEscapesTranslatedText holds the theme to the rule that every
// translated string is printed escaped: no template action passes the
// result of i18n, or a variable made from it, to a function that turns
// escaping off. Where a string needs markup around it, the theme builds
// the markup (text-with-date.html, stale-mark.html).
func TestThemeEscapesTranslatedText(t *testing.T) {
	root := filepath.Join("..", "..", "themes")
	checked := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(p, "layouts") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checked++
		tainted := map[string]bool{}
		for _, a := range action.FindAllString(string(data), -1) {
			translated := strings.Contains(a, "i18n")
			for v := range tainted {
				if regexp.MustCompile(regexp.QuoteMeta(v) + `\b`).MatchString(a) {
					translated = true
				}
			}
			if m := assigned.FindStringSubmatch(a); m != nil && translated {
				tainted[m[1]] = true
			}
			if translated && unsafe.MatchString(a) {
				t.Errorf("%s: %s prints translated text unescaped", p, a)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("read %d layouts; the theme is not where the test looks", checked)
	}
}
