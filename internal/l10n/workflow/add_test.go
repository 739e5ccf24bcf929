package workflow

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

func TestLocale(t *testing.T) {
	for code, want := range map[string]string{
		"hy": "hy-US", "pt-br": "pt-BR", "pa-arab": "pa-Arab-US", "zh-hant": "zh-Hant-US",
		"es-mx": "es-MX", "sr-latn-rs": "sr-Latn-RS", "hmn": "hmn-US", "es-419": "es-419",
	} {
		got, err := usLocale(language.MustParse(code))
		if err != nil || got != want {
			t.Errorf("%s: locale %q (%v), want %q", code, got, err, want)
		}
		if _, err := language.Parse(got); err != nil {
			t.Errorf("%s: %q is not a valid tag: %v", code, got, err)
		}
	}
}

func TestAddLanguageLocale(t *testing.T) {
	root := fixtureRoot(t)
	if _, err := AddLanguage(root, "pt-br", "Português", "ltr"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(root, source.ConfigFile))
	if !strings.Contains(string(data), "\n    locale = \"pt-BR\"\n") || strings.Contains(string(data), "pt-br-US") {
		t.Errorf("hugo.toml:\n%s", data)
	}
}

// sums is every file under root with its text.
func sums(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		data, _ := os.ReadFile(path)
		out[rel] = string(data)
		return nil
	})
	return out
}

func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range after {
		if b, ok := before[p]; !ok {
			t.Errorf("left behind: %s", p)
		} else if b != v {
			t.Errorf("changed: %s", p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("removed: %s", p)
		}
	}
}

func TestAddLanguageRefusesLabels(t *testing.T) {
	root := fixtureRoot(t)
	before := sums(t, root)
	for _, label := range []string{"Armenian\n[languages.x]", "a\rb", "bell\a", "rtl\u202eoverride"} {
		if _, err := AddLanguage(root, "hy", label, "ltr"); err == nil || !strings.Contains(err.Error(), "--label") {
			t.Errorf("label %q: %v", label, err)
		}
	}
	sameTree(t, before, sums(t, root))
}

// A failure anywhere after hugo.toml is edited leaves the site as it was.
func TestAddLanguageUndoesFailure(t *testing.T) {
	t.Run("scaffold fails halfway", func(t *testing.T) {
		root := fixtureRoot(t)
		before := sums(t, root)
		defer func(s func(*source.Site, string) ([]string, error)) { scaffold = s }(scaffold)
		scaffold = func(site *source.Site, code string) ([]string, error) {
			written, err := Scaffold(site, code)
			if err != nil || len(written) < 2 {
				t.Fatalf("the real scaffold: %v %v", written, err)
			}
			return written, errors.New("disk full")
		}
		_, err := AddLanguage(root, "hy", "Հայերեն", "ltr")
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("got %v", err)
		}
		sameTree(t, before, sums(t, root))
	})
	t.Run("strings file in the way", func(t *testing.T) {
		root := fixtureRoot(t)
		if err := os.MkdirAll(filepath.Join(root, source.I18nDir, "hy.toml"), 0o755); err != nil {
			t.Fatal(err)
		}
		before := sums(t, root)
		if _, err := AddLanguage(root, "hy", "Հայերեն", "ltr"); err == nil {
			t.Fatal("no error")
		}
		sameTree(t, before, sums(t, root))
	})
	t.Run("pages in a folder that was there", func(t *testing.T) {
		root := fixtureRoot(t)
		testfs.Write(t, root, map[string]string{"content/hy/notes.txt": "a translator's notes\n", "i18n/hy.toml": "# started by hand\n"})
		before := sums(t, root)
		defer func(s func(*source.Site, string) ([]string, error)) { scaffold = s }(scaffold)
		scaffold = func(site *source.Site, code string) ([]string, error) {
			written, _ := Scaffold(site, code)
			return written, errors.New("disk full")
		}
		if _, err := AddLanguage(root, "hy", "Հայերեն", "ltr"); err == nil {
			t.Fatal("no error")
		}
		sameTree(t, before, sums(t, root))
	})
}
