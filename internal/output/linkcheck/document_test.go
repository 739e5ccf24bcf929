package linkcheck

import (
	"slices"
	"testing"
)

// The link checker keeps the references of the one model (htmldoc, where
// they are tested) but <base>, and reads a page's language, base,
// canonical and hreflang links.
func TestParseReferences(t *testing.T) {
	page := `<!doctype html><html lang="es-US">
<head><base href="/es/"><meta http-equiv="Refresh" content="0; url=/en/">
<link rel="canonical" href="https://x.gov/es/"><link rel="Alternate" hreflang="en-US" href="/en/">
<style>
.a { background: url(/a/bg.png) }</style></head>
<body><img srcset="/a/1.png 1x, /a/2.png 2x" src="/a/1.png" style="background:url(/a/3.png)">
<a href="/en/" hreflang="en">English</a></body></html>`
	p := parse("es/index.html", []byte(page))
	var urls []string
	for _, r := range p.Refs {
		urls = append(urls, r.Tag+" "+r.Attr+" "+r.URL)
	}
	want := []string{
		"meta content /en/",
		"link href https://x.gov/es/", "link href /en/",
		"style url() /a/bg.png",
		"img srcset /a/1.png", "img srcset /a/2.png", "img src /a/1.png", "img style /a/3.png",
		"a href /en/",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("Refs:\n got %q\nwant %q", urls, want)
	}
	if p.Lang != "es-US" || p.Base != "/es/" || len(p.Canonical) != 1 || len(p.Alternates) != 1 || len(p.Hreflang) != 2 {
		t.Errorf("Lang %q Base %q Canonical %v Alternates %v Hreflang %v", p.Lang, p.Base, p.Canonical, p.Alternates, p.Hreflang)
	}
}
