package cdn

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestAcceptLanguages(t *testing.T) {
	for code, want := range map[string][]string{
		"en":      {"en"},
		"es":      {"es"},
		"zh-hant": nil,           // zh-TW and zh-CN are both zh to Netlify: the chooser
		"fil":     {"fil", "tl"}, // browsers still send Tagalog's tl
		"he":      {"he", "iw"},
		"hmn":     {"hmn"},
		"fa":      {"fa"},
		"pt-br":   nil,
	} {
		if got := AcceptLanguages(code); !slices.Equal(got, want) {
			t.Errorf("AcceptLanguages(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestRedirects(t *testing.T) {
	got := string(Redirects([]string{"en", "es", "zh-hant", "fil", "zh-hans"}, "en"))
	want := `# Written by ` + "`statement build`" + ` from hugo.toml's published languages; do not edit.
# The first rule that matches wins; netlify.toml's rules come after these.

# The language chooser sends a browser to the language it asks for.
/  /en/  302!  Language=en
/  /es/  302!  Language=es
/  /fil/  302!  Language=fil,tl

# Each language's missing pages get its own 404 page.
/en/*  /en/404.html  404
/es/*  /es/404.html  404
/zh-hant/*  /zh-hant/404.html  404
/fil/*  /fil/404.html  404
/zh-hans/*  /zh-hans/404.html  404
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	dir := t.TempDir()
	if err := WriteRedirects(dir, []string{"en"}, "en"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, RedirectsName)); string(data) != string(Redirects([]string{"en"}, "en")) {
		t.Errorf("wrote %q", data)
	}
}
