package linkcheck

import (
	"slices"
	"testing"
)

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
		if got := srcset(in); !slices.Equal(got, want) {
			t.Errorf("srcset(%q) = %q, want %q", in, got, want)
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
		if got, ok := refreshURL(c.content); got != c.url || ok != c.ok {
			t.Errorf("refreshURL(%q) = %q, %v; want %q, %v", c.content, got, ok, c.url, c.ok)
		}
	}
}

func TestCSSURLs(t *testing.T) {
	css := `/* url(/commented.png) */
@import "a.css"; @import url(b.css);
.x{background:URL( 'c.png' ) , url(d\).png)}
.y::after{content:"url(not-a-ref)"}
.z{mask:url(#m); background-image:myurl(e.png)}`
	var got []string
	for _, u := range cssURLs([]byte(css)) {
		got = append(got, u.url)
	}
	want := []string{"a.css", "b.css", "c.png", "d).png", "#m"}
	if !slices.Equal(got, want) {
		t.Errorf("cssURLs = %q, want %q", got, want)
	}
	p := ParseCSS("a/site.css", []byte(css))
	if len(p.Refs) != 5 || p.Refs[0].Line != 2 || p.Refs[0].Col != 1 || p.Refs[2].Line != 3 || p.Refs[2].Col != 15 {
		t.Errorf("positions: %+v", p.Refs)
	}
}

func TestParseReferences(t *testing.T) {
	page := `<!doctype html><html lang="es-US">
<head><base href="/es/"><meta http-equiv="Refresh" content="0; url=/en/">
<link rel="canonical" href="https://x.gov/es/"><link rel="Alternate" hreflang="en-US" href="/en/">
<style>
.a { background: url(/a/bg.png) }</style></head>
<body><img srcset="/a/1.png 1x, /a/2.png 2x" src="/a/1.png" style="background:url(/a/3.png)">
<svg><use xlink:href="#icon"></use></svg><video src="/v.mp4" poster="/p.jpg"></video><object data="/o.pdf"></object>
<a href="/en/" hreflang="en">English</a></body></html>`
	p := Parse("es/index.html", []byte(page))
	var urls []string
	for _, r := range p.Refs {
		urls = append(urls, r.Tag+" "+r.Attr+" "+r.URL)
	}
	want := []string{
		"meta content /en/",
		"link href https://x.gov/es/", "link href /en/",
		"style url() /a/bg.png",
		"img srcset /a/1.png", "img srcset /a/2.png", "img src /a/1.png", "img style /a/3.png",
		"use xlink:href #icon", "video src /v.mp4", "video poster /p.jpg", "object data /o.pdf",
		"a href /en/",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("Refs:\n got %q\nwant %q", urls, want)
	}
	if p.Lang != "es-US" || p.Base != "/es/" || len(p.Canonical) != 1 || len(p.Alternates) != 1 || len(p.Hreflang) != 2 {
		t.Errorf("Lang %q Base %q Canonical %v Alternates %v Hreflang %v", p.Lang, p.Base, p.Canonical, p.Alternates, p.Hreflang)
	}
	if r := p.Refs[3]; r.Line != 5 || r.Col != 18 {
		t.Errorf("url() in <style> at %d:%d, want 5:18", r.Line, r.Col)
	}
}
