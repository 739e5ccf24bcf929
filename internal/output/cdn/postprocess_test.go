package cdn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// Known values, computed outside Go:
//
//	printf '%s' 'a{color:red}' | openssl dgst -sha256 -binary | base64
var knownHashes = map[string]string{
	"a{color:red}":   "'sha256-6hWWMOcF+mJesSJGYhmK2lkIIEw9Xc5XKGLPVzh8yxs='",
	"body{margin:0}": "'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='",
	"":               "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
}

func TestStyleHash(t *testing.T) {
	for style, want := range knownHashes {
		if got := StyleHash([]byte(style)); got != want {
			t.Errorf("StyleHash(%q) = %s, want %s", style, got, want)
		}
	}
}

func TestPolicy(t *testing.T) {
	styles := [][]byte{[]byte("body{margin:0}"), []byte("a{color:red}"), []byte("a{color:red}"), nil}
	p := Policy(styles)
	directives := strings.Split(p, "; ")
	if directives[0] != "default-src 'none'" {
		t.Errorf("first directive = %q, want default-src 'none'", directives[0])
	}
	for _, d := range []string{"base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "img-src 'self'", "connect-src 'self'", "upgrade-insecure-requests"} {
		if !strings.Contains(p, d) {
			t.Errorf("policy has no %q: %s", d, p)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*", "http:", "data:"} {
		if strings.Contains(p, bad) {
			t.Errorf("policy allows %q: %s", bad, p)
		}
	}
	var styleSrc string
	for _, d := range directives {
		if v, ok := strings.CutPrefix(d, "style-src "); ok {
			styleSrc = v
		}
	}
	// Every hash once, sorted, nothing else.
	want := []string{knownHashes[""], knownHashes["a{color:red}"], knownHashes["body{margin:0}"]}
	if styleSrc != strings.Join(want, " ") {
		t.Errorf("style-src %s\nwant      %s", styleSrc, strings.Join(want, " "))
	}
	// The same styles in any order give the same policy.
	if q := Policy([][]byte{nil, []byte("a{color:red}"), []byte("body{margin:0}")}); q != p {
		t.Errorf("policy depends on the order of styles:\n%s\n%s", p, q)
	}
}

func TestPolicyWithoutStyles(t *testing.T) {
	p := Policy(nil)
	if !strings.Contains(p, "style-src 'none'") || !strings.HasPrefix(p, "default-src 'none'") {
		t.Errorf("policy without styles = %s", p)
	}
	if strings.Contains(p, "sha256-") {
		t.Errorf("policy without styles names a hash: %s", p)
	}
}

func TestHeaders(t *testing.T) {
	styles := [][]byte{[]byte("a{color:red}")}
	cases := []struct {
		name    string
		preview bool
		robots  bool
	}{
		{"production", false, false},
		{"preview", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := string(Headers(styles, c.preview))
			lines := strings.Split(strings.TrimSuffix(h, "\n"), "\n")
			if lines[0] != "/*" {
				t.Errorf("first line %q, want /*", lines[0])
			}
			if lines[1] != "  Content-Security-Policy: "+Policy(styles) {
				t.Errorf("second line %q", lines[1])
			}
			if got := strings.Contains(h, "  X-Robots-Tag: noindex\n"); got != c.robots {
				t.Errorf("X-Robots-Tag present: %v, want %v\n%s", got, c.robots, h)
			}
			wantLines := 2
			if c.robots {
				wantLines = 3
			}
			if len(lines) != wantLines || !strings.HasSuffix(h, "\n") {
				t.Errorf("headers file:\n%s", h)
			}
		})
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func tree() map[string]string {
	return map[string]string{
		"index.html":  "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p>x</p></body></html>",
		"en/404.html": "<h1>Page not found</h1>",
		"es/404.html": "<h1>Página no encontrada</h1>",
	}
}

// The root 404 page is the source language's.
func TestRoot404(t *testing.T) {
	for lang, want := range map[string]string{"en": "Page not found", "es": "Página no encontrada"} {
		dir := testfs.Tree(t, tree())
		if err := Root404(dir, lang); err != nil {
			t.Fatal(err)
		}
		if got := read(t, dir, "404.html"); !strings.Contains(got, want) {
			t.Errorf("source language %s: 404.html = %s", lang, got)
		}
	}
	for _, c := range []struct{ name, lang string }{{"no 404 page for the source language", "fr"}} {
		dir := testfs.Tree(t, tree())
		if err := Root404(dir, c.lang); err == nil || !strings.Contains(err.Error(), "root 404 page") {
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}

// WriteHeaders writes Headers into the tree, where Netlify reads it.
func TestWriteHeaders(t *testing.T) {
	dir := testfs.Tree(t, tree())
	styles := [][]byte{[]byte("a{color:red}"), []byte("body{margin:0}")}
	if err := WriteHeaders(dir, styles, true); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, HeadersName); got != string(Headers(styles, true)) {
		t.Errorf("_headers = %s", got)
	}
}
