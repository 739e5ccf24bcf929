package htmldoc

import (
	"fmt"
	"slices"
	"testing"
)

// The inputs on which the budget's and the link checker's own readers
// used to disagree, read by the one model.
func TestDisagreements(t *testing.T) {
	// A CSS escape is decoded as the browser decodes it.
	page := []byte(`<style>a{background:url(x\)y.png)}</style><p style="background:url(&quot;b\41 .png&quot;)">`)
	var got []string
	for _, r := range Parse(page).Refs {
		got = append(got, r.URL)
	}
	if want := []string{"x)y.png", "bA.png"}; !slices.Equal(got, want) {
		t.Errorf("CSS addresses %q, want %q", got, want)
	}
	// A data: URL in srcset holds a comma, and is one address.
	d := Parse([]byte(`<img srcset="data:image/png;base64,AAAA 1x, /b.png 2x">`))
	got = nil
	for _, r := range d.Refs {
		got = append(got, r.URL)
	}
	if want := []string{"data:image/png;base64,AAAA", "/b.png"}; !slices.Equal(got, want) {
		t.Errorf("srcset addresses %q, want %q", got, want)
	}
	// One page predicate, for every check.
	for rel, want := range map[string]bool{
		"en/index.html": true, "a/b.HTML": true, "old/page.htm": true, "x.HTM": true,
		"a/site.css": false, "index.html.gz": false, "html": false, "a.xhtml": false, "sitemap.xml": false,
	} {
		if IsPage(rel) != want {
			t.Errorf("IsPage(%q) = %v", rel, !want)
		}
	}
}

func TestSrcset(t *testing.T) {
	cases := map[string][]string{
		"a.png":                        {"a.png"},
		"a.png 1x, b.png 2x":           {"a.png", "b.png"},
		"  a.png  480w ,b.png 800w  ":  {"a.png", "b.png"},
		"a.png, b.png 2x":              {"a.png", "b.png"},
		"a.png,b.png 2x":               {"a.png,b.png"}, // a URL runs to white space, commas and all
		"/a,b.png 2x":                  {"/a,b.png"},
		"a.png 1x (min-width: 1px), b": {"a.png", "b"},
		"":                             nil,
		" , ":                          nil,
	}
	for in, want := range cases {
		if got := Srcset(in); !slices.Equal(got, want) {
			t.Errorf("Srcset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRefreshURL(t *testing.T) {
	cases := []struct {
		content, url string
		ok           bool
	}{
		{"0; url=/en/", "/en/", true},
		{"5;URL='/es/'", "/es/", true},
		{"0, https://example.gov/x", "https://example.gov/x", true},
		{`3; url = "/a b/"`, "/a b/", true},
		{"0;/en/", "/en/", true},
		{"30", "", false},  // reloads the page itself
		{"30;", "", false}, // so does this
		{"soon", "", false},
	}
	for _, c := range cases {
		if got, ok := RefreshURL(c.content); got != c.url || ok != c.ok {
			t.Errorf("RefreshURL(%q) = %q, %v; want %q, %v", c.content, got, ok, c.url, c.ok)
		}
	}
}

func TestUnescapeCSS(t *testing.T) {
	for in, want := range map[string]string{
		`plain.png`:      "plain.png",
		`x\)y.png`:       "x)y.png",
		`\41 b`:          "Ab",
		`\000041x`:       "Ax",
		`a\"b`:           `a"b`,
		"a\\\nb":         "ab", // a continued string
		`\0`:             "\uFFFD",
		`\D800`:          "\uFFFD",
		`caf\e9`:         "café",
		`\`:              "\uFFFD",
		`\\server\share`: `\servershare`,
	} {
		if got := UnescapeCSS(in); got != want {
			t.Errorf("UnescapeCSS(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSS(t *testing.T) {
	css := `/* url(/commented.png) */
@import "a.css"; @import url(b.css);
.x{background:URL( 'c.png' ) , url(d\).png)}
.y::after{content:"url(not-a-ref)"}
@font-face{font-family:x;src:url(f.woff2)}
.z{mask:url(#m); background-image:myurl(e.png)}`
	c := ParseCSS([]byte(css))
	var got []string
	for _, r := range c.Refs {
		got = append(got, fmt.Sprintf("%d:%d %s", r.Line, r.Col, r.URL))
		if r.Kind != Render || r.Tag != "css" || r.Attr != "url()" || !r.FromCSS() {
			t.Errorf("%+v: want a Render url() of css", r)
		}
	}
	want := []string{"2:9 a.css", "2:26 b.css", "3:15 c.png", "3:32 d).png", "5:30 f.woff2", "6:9 #m"}
	if !slices.Equal(got, want) {
		t.Errorf("refs %q, want %q", got, want)
	}
	if !slices.Equal(c.FontFaces, []Pos{{5, 1}}) {
		t.Errorf("@font-face at %v, want 5:1", c.FontFaces)
	}
}

// Every kind of reference, with what the browser does with it.
func TestRefs(t *testing.T) {
	page := `<!doctype html><html lang="es-US" manifest="/m.webmanifest">
<head><base href="/es/"><meta http-equiv="Refresh" content="0; url=/en/">
<link rel="canonical" href="https://x.gov/es/"><link rel="Alternate" hreflang="en-US" href="/en/">
<link rel="stylesheet" href="/a/s.css"><link rel="icon" href="/i.svg"><link rel="preload stylesheet" href="/p.css">
<style>
.a { background: url(/a/bg.png) }</style><script src="/s.js"></script></head>
<body><img srcset="/a/1.png 1x, /a/2.png 2x" src="/a/1.png" style="background:url(/a/3.png)">
<svg><use xlink:href="#icon"></use><image href="/im.png"/></svg><video src="/v.mp4" poster="/p.jpg"><track src="/t.vtt"></video><object data="/o.pdf"></object>
<picture><source srcset="/w.webp"></picture><iframe src="/f/"></iframe><audio src="/a.mp3"></audio><embed src="/e.svg">
<form action="/send"><button formaction="/other">go</button><input type="image" src="/go.png"></form>
<a href="/en/" hreflang="en" ping="/p1 /p2">English</a><area href="/map"><p data="/not-a-ref" src="/x"></p></body></html>`
	d := Parse([]byte(page))
	var got []string
	for _, r := range d.Refs {
		got = append(got, fmt.Sprintf("%s %s %s %s", kindNames[r.Kind], r.Tag, r.Attr, r.URL))
	}
	want := []string{
		"fetch html manifest /m.webmanifest",
		"base base href /es/",
		"follow meta content /en/",
		"follow link href https://x.gov/es/", "follow link href /en/",
		"render link href /a/s.css", "fetch link href /i.svg", "render link href /p.css",
		"render style url() /a/bg.png",
		"fetch script src /s.js",
		"render img srcset /a/1.png", "render img srcset /a/2.png", "render img src /a/1.png", "render img style /a/3.png",
		"render use xlink:href #icon", "render image href /im.png",
		"fetch video src /v.mp4", "render video poster /p.jpg", "fetch track src /t.vtt", "render object data /o.pdf",
		"render source srcset /w.webp", "follow iframe src /f/", "fetch audio src /a.mp3", "render embed src /e.svg",
		"submit form action /send", "submit button formaction /other", "render input src /go.png",
		"follow a href /en/", "fetch a ping /p1", "fetch a ping /p2", "follow area href /map",
		"fetch p src /x",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Refs:\n got %q\nwant %q", got, want)
	}
	if r := d.Refs[8]; r.Line != 6 || r.Col != 18 {
		t.Errorf("url() in <style> at %d:%d, want 6:18", r.Line, r.Col)
	}
	if r := d.Refs[13]; r.Line != 7 || r.Col != 7 {
		t.Errorf("url() in a style attribute at %d:%d, want its tag's 7:7", r.Line, r.Col)
	}
}

var kindNames = map[Kind]string{Follow: "follow", Submit: "submit", Fetch: "fetch", Render: "render", Base: "base"}
