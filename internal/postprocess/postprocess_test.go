package postprocess

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/testfs"
)

func TestInlineStyles(t *testing.T) {
	cases := []struct {
		name string
		page string
		want []string
	}{
		{"none", `<html><head><title>x</title></head><body><p>x</p></body></html>`, nil},
		{"one", `<head><style>a{color:red}</style></head>`, []string{"a{color:red}"}},
		{
			"several, in order, head and body",
			"<head><style>a{color:red}</style><style>\n  b { }\n</style></head><body><style>c{}</style></body>",
			[]string{"a{color:red}", "\n  b { }\n", "c{}"},
		},
		{"empty style still needs a hash", `<style></style><style>x{}</style>`, []string{"", "x{}"}},
		{"attributes on the tag", `<style media="print" nonce="n">p{}</style>`, []string{"p{}"}},
		{"upper-case tag", `<STYLE>p{}</STYLE>`, []string{"p{}"}},
		// The browser hashes the raw text: a style is raw text, so
		// entities are not decoded and markup is not markup.
		{"raw text is kept as is", `<style>a::after{content:"&amp; <b>"}</style>`, []string{`a::after{content:"&amp; <b>"}`}},
		{"text after a style is not in it", `<style>a{}</style><p>b{}</p>`, []string{"a{}"}},
		{"a stylesheet link is not inline", `<link rel="stylesheet" href="/a/site.css">`, nil},
		{"a style attribute is not a style element", `<p style="color:red">x</p>`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := InlineStyles([]byte(c.page))
			if len(got) != len(c.want) {
				t.Fatalf("got %d styles %q, want %d %q", len(got), got, len(c.want), c.want)
			}
			for i := range got {
				if string(got[i]) != c.want[i] {
					t.Errorf("style %d = %q, want %q", i, got[i], c.want[i])
				}
			}
		})
	}
}

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

const indexPage = `<!DOCTYPE html>
<html lang="en" dir="ltr">
  <head>
    <meta charset="utf-8">
    <title>Choose your language</title>
    <style>
      a {
        color: red;
      }
    </style>
  </head>
  <body>
    <p>
      Choose   your   language.
    </p>
  </body>
</html>
`

const notFoundPage = `<!DOCTYPE html>
<html lang="en" dir="ltr">
  <head>
    <title>Page not found</title>
    <style>
      body {
        margin: 0;
      }
    </style>
  </head>
  <body>
    <h1>Page   not found</h1>
  </body>
</html>
`

func tree() map[string]string {
	return map[string]string{
		"index.html":    indexPage,
		"en/404.html":   notFoundPage,
		"es/404.html":   strings.Replace(notFoundPage, "Page   not found</h1>", "Página no encontrada</h1>", 1),
		"a/site.css":    "body {\n  color: black;\n}\n",
		"a/icon.svg":    "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <!-- comment -->\n  <rect width=\"1\" height=\"1\"/>\n</svg>\n",
		"sitemap.xml":   "<?xml version=\"1.0\"?>\n<urlset>\n  <url>\n    <loc>https://x/</loc>\n  </url>\n</urlset>\n",
		"version.json":  "{\n  \"version\": \"1\"\n}\n",
		"robots.txt":    "User-agent: *\n\n",
		"a/photo.bin":   "  binary  \n",
		"en/index.html": "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p>x</p></body></html>",
	}
}

func TestRun(t *testing.T) {
	dir := testfs.Tree(t, tree())
	if err := Run(dir, Options{SourceLanguage: "en"}); err != nil {
		t.Fatal(err)
	}

	index := read(t, dir, "index.html")
	if len(index) >= len(indexPage) {
		t.Errorf("index.html was not minified:\n%s", index)
	}
	for _, gone := range []string{"\n", "  ", "color: red"} {
		if strings.Contains(index, gone) {
			t.Errorf("index.html still has %q:\n%s", gone, index)
		}
	}
	// Document tags, end tags and quotes stay.
	for _, kept := range []string{"<html lang=\"en\" dir=\"ltr\">", "<head>", "</head>", "<body>", "</p>", "</html>", "Choose your language."} {
		if !strings.Contains(index, kept) {
			t.Errorf("index.html lost %q:\n%s", kept, index)
		}
	}
	// The minified style is what is hashed.
	styles := InlineStyles([]byte(index))
	if len(styles) != 1 || string(styles[0]) != "a{color:red}" {
		t.Errorf("minified styles = %q, want a{color:red}", styles)
	}

	// Other text formats are minified; others are left alone.
	for name, want := range map[string]string{
		"a/site.css":   "body{color:#000}",
		"version.json": `{"version":"1"}`,
		"robots.txt":   "User-agent: *\n\n",
		"a/photo.bin":  "  binary  \n",
	} {
		if got := read(t, dir, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"a/icon.svg", "sitemap.xml"} {
		if got := read(t, dir, name); strings.Contains(got, "\n ") || len(got) >= len(tree()[name]) {
			t.Errorf("%s was not minified: %q", name, got)
		}
	}
	if strings.Contains(read(t, dir, "a/icon.svg"), "comment") {
		t.Error("the SVG comment is still there")
	}

	// The root 404 is the source language's, as minified.
	root404, en404 := read(t, dir, "404.html"), read(t, dir, "en/404.html")
	if root404 != en404 {
		t.Errorf("404.html differs from en/404.html:\n%s\n%s", root404, en404)
	}
	if !strings.Contains(root404, "<h1>Page not found</h1>") {
		t.Errorf("404.html = %s", root404)
	}

	// _headers allows exactly the two distinct inline styles.
	headers := read(t, dir, HeadersName)
	for _, h := range []string{knownHashes["a{color:red}"], knownHashes["body{margin:0}"]} {
		if !strings.Contains(headers, h) {
			t.Errorf("_headers does not allow %s:\n%s", h, headers)
		}
	}
	if strings.Count(headers, "sha256-") != 2 {
		t.Errorf("_headers should name 2 hashes:\n%s", headers)
	}
	if strings.Contains(headers, "X-Robots-Tag") {
		t.Errorf("a production build says noindex:\n%s", headers)
	}
	if !strings.HasPrefix(headers, "/*\n  Content-Security-Policy: default-src 'none'") {
		t.Errorf("_headers = %s", headers)
	}

	// A second run changes nothing: minified output is stable.
	before := snapshot(t, dir)
	if err := Run(dir, Options{SourceLanguage: "en"}); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, dir)
	for name := range before {
		if before[name] != after[name] {
			t.Errorf("second run changed %s:\n%s\n%s", name, before[name], after[name])
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return err
	})
	return out
}

func TestRunPreviewAndOtherSourceLanguage(t *testing.T) {
	dir := testfs.Tree(t, tree())
	if err := Run(dir, Options{SourceLanguage: "es", Preview: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, "404.html"); !strings.Contains(got, "Página no encontrada") {
		t.Errorf("404.html is not the Spanish page: %s", got)
	}
	if h := read(t, dir, HeadersName); !strings.Contains(h, "  X-Robots-Tag: noindex\n") {
		t.Errorf("preview _headers has no noindex:\n%s", h)
	}
}

func TestRunErrors(t *testing.T) {
	cases := []struct {
		name   string
		change func(map[string]string)
		opts   Options
		err    string
	}{
		{"no 404 page for the source language", func(m map[string]string) { delete(m, "en/404.html") }, Options{SourceLanguage: "en"}, "root 404 page"},
		{"unknown source language", func(m map[string]string) {}, Options{SourceLanguage: "fr"}, "root 404 page"},
		{"a file that does not minify", func(m map[string]string) { m["data.json"] = "{not json" }, Options{SourceLanguage: "en"}, "minifying data.json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := tree()
			c.change(files)
			dir := testfs.Tree(t, files)
			err := Run(dir, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Run error = %v, want %q", err, c.err)
			}
			if _, statErr := os.Stat(filepath.Join(dir, HeadersName)); statErr == nil {
				t.Errorf("_headers written despite the error")
			}
		})
	}
}

// The minifier keeps what the checks and browsers rely on.
func TestMinifierKeepsDocumentShape(t *testing.T) {
	m := newMinifier()
	out, err := m.Bytes("text/html", []byte(`<!DOCTYPE html><html lang="es" dir="ltr"><head><title>x</title></head><body><a href="/en/" id="a">x</a></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{`<html lang="es" dir="ltr">`, "<head>", "<body>", `href="/en/"`, `id="a"`, "</body></html>"} {
		if !bytes.Contains(out, []byte(kept)) {
			t.Errorf("minified page lost %q: %s", kept, out)
		}
	}
}
