package budget

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

const site = "https://statement.example.gov/"

func page(head, body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>` + head + `</head><body>` + body + `</body></html>`
}

// check runs the checker on files, compressing every page.
func check(t *testing.T, files map[string]string) ([]Page, diag.List) {
	t.Helper()
	return checkSizes(t, files, true)
}

func checkSizes(t *testing.T, files map[string]string, exact bool) ([]Page, diag.List) {
	t.Helper()
	tree, err := htmldoc.Walk(testfs.Tree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewChecker(tree, "public", site)
	if err != nil {
		t.Fatal(err)
	}
	c.Exact = exact
	l := c.Files()
	pages := make([]Page, len(tree.Pages))
	lists := make([]diag.List, len(tree.Pages))
	if err := tree.EachPage(func(i int, data []byte, doc *htmldoc.Doc) (err error) {
		pages[i], lists[i], err = c.Page(tree.Pages[i], data, doc)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, pl := range lists {
		l.Add(pl...)
	}
	l.Sort()
	return pages, l
}

// same checks that l holds exactly the diagnostics want, in their text
// form without the fix.
func same(t *testing.T, l diag.List, want []string) {
	t.Helper()
	var got []string
	for _, d := range l {
		got = append(got, strings.SplitN(d.String(), "\n", 2)[0])
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func gz(s string) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write([]byte(s))
	w.Close()
	return b.Len()
}

// words is n bytes of made-up words that compress no better than prose,
// the same every run.
func words(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < n {
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte(' ')
	}
	return b.String()
}

func TestCleanPagesAreMeasured(t *testing.T) {
	home := page(`<style>body{margin:0}</style><link rel="icon" href="/a/icon.svg"><link rel="canonical" href="https://statement.example.gov/en/">`,
		`<a class="skip" href="#main">Skip</a><main id="main"><svg role="img"><title>logo</title><use href="#x"/></svg><a href="https://www.dhcs.ca.gov">DHCS</a> <a href="mailto:a@b.gov">mail</a></main>`)
	pages, l := check(t, map[string]string{
		"en/index.html": home,
		"index.html":    page("", "<p>choose</p>"),
		"a/icon.svg":    `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	same(t, l, nil)
	if len(pages) != 2 || pages[0].Path != "en/index.html" || pages[1].Path != "index.html" {
		t.Fatalf("pages: %+v", pages)
	}
	p := pages[0]
	if p.Bytes != len(home) || p.GzipBytes != gz(home) || p.TotalGzipBytes != p.GzipBytes || len(p.Needs) != 0 || p.BudgetBytes != 14600 {
		t.Errorf("en/index.html measured as %+v; the icon and the page's own fragment are not needs", p)
	}
}

func TestNeedsAreCountedOnce(t *testing.T) {
	css := `body{background:url(../img/bg.png)}h1{background:url("/img/bg.png")}`
	png := strings.Repeat("\x89", 500)
	pages, l := check(t, map[string]string{
		"en/index.html": page(`<link rel="stylesheet" href="/a/site.css"><link rel="stylesheet" href="https://statement.example.gov/a/site.css">`,
			`<img src="../img/logo.png" alt="logo"><img srcset="/img/logo.png 1x, /img/logo2.png 2x" alt="">`),
		"a/site.css":    css,
		"img/bg.png":    png,
		"img/logo.png":  png[:100],
		"img/logo2.png": png[:200],
	})
	same(t, l, nil)
	p := pages[0]
	want := []Resource{{"a/site.css", gz(css)}, {"img/logo.png", 100}, {"img/logo2.png", 200}, {"img/bg.png", 500}}
	if len(p.Needs) != len(want) {
		t.Fatalf("needs %+v, want %+v", p.Needs, want)
	}
	total := p.GzipBytes
	for i, r := range want {
		if p.Needs[i] != r {
			t.Errorf("need %d = %+v, want %+v", i, p.Needs[i], r)
		}
		total += r.GzipBytes
	}
	if p.TotalGzipBytes != total {
		t.Errorf("total %d, want %d", p.TotalGzipBytes, total)
	}
}

// The budget is inclusive: a page of exactly 14,600 bytes passes, one
// byte more fails. An image is sent as it is, which makes the sum exact.
func TestSizeBudgetBoundary(t *testing.T) {
	html := page("", `<img src="/x.png" alt="x">`)
	room := FirstRoundTrip - gz(html)
	for _, extra := range []int{0, 1} {
		pages, l := check(t, map[string]string{"index.html": html, "x.png": strings.Repeat("p", room+extra)})
		if pages[0].TotalGzipBytes != FirstRoundTrip+extra {
			t.Fatalf("total %d", pages[0].TotalGzipBytes)
		}
		if extra == 0 {
			same(t, l, nil)
			continue
		}
		same(t, l, []string{"public/index.html: error: the page is 14,601 bytes gzip-compressed with what it needs to render (page " +
			thousands(gz(html)) + ", x.png " + thousands(room+1) + "), 1 over the budget of 14,600 bytes that arrive in the first round trip [budget-size]"})
		if !strings.Contains(l[0].Suggestion, "--format json") {
			t.Errorf("the fix does not say where to see the sizes: %q", l[0].Suggestion)
		}
	}
}

func TestLargePageFails(t *testing.T) {
	big := page("", "<p>"+words(30000)+"</p>")
	pages, l := check(t, map[string]string{"es/index.html": big})
	if len(l) != 1 || l[0].Rule != RuleSize || l[0].File != "public/es/index.html" || !strings.Contains(l[0].Message, " over the budget of 14,600 bytes") {
		t.Fatalf("diagnostics: %v", l)
	}
	if pages[0].GzipBytes <= FirstRoundTrip {
		t.Fatalf("the test page is too small to test anything: %d", pages[0].GzipBytes)
	}
}

func TestRules(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"JSON-LD is data, not code", map[string]string{"index.html": page(`<script type="application/ld+json">{"@type":"NewsArticle"}</script><script type="Application/LD+JSON; charset=utf-8">{}</script>`, "")}, nil},
		{"a script", map[string]string{"index.html": page(`<script>alert(1)</script>`, "")}, []string{
			`public/index.html:1:76: error: <script> runs code; the page must work without JavaScript (only <script type="application/ld+json"> data blocks are allowed) [budget-script]`}},
		{"scripts of every kind", map[string]string{"index.html": page(`<script src="/a.js"></script>`, "\n<script type=module></script>\n<script type=\"text/plain\"></script>")}, []string{
			`public/index.html:1:76: error: <script> runs code; the page must work without JavaScript (only <script type="application/ld+json"> data blocks are allowed) [budget-script]`,
			`public/index.html:2:1: error: <script> runs code; the page must work without JavaScript (only <script type="application/ld+json"> data blocks are allowed) [budget-script]`,
			`public/index.html:3:1: error: <script> runs code; the page must work without JavaScript (only <script type="application/ld+json"> data blocks are allowed) [budget-script]`}},
		{"event handlers and javascript: URLs", map[string]string{"index.html": page("", "\n<img src=/x.png alt=x onerror=\"alert(1)\">\n<a href=\" JaVaScRiPt:alert(1)\">x</a><body onload=x>\n<a href=\"java&#9;script:alert(1)\">tab</a>")}, []string{
			`public/index.html:2:1: error: the onerror attribute of <img> runs code; the page must work without JavaScript [budget-script]`,
			`public/index.html:3:1: error: <a href=" JaVaScRiPt:alert(1)"> runs code; the page must work without JavaScript [budget-script]`,
			`public/index.html:3:37: error: the onload attribute of <body> runs code; the page must work without JavaScript [budget-script]`,
			// A browser drops tabs and newlines from a URL: this runs too.
			"public/index.html:4:1: error: <a href=\"java\\tscript:alert(1)\"> runs code; the page must work without JavaScript [budget-script]"}},
		{"links and metadata may name other origins", map[string]string{"index.html": page(
			`<link rel="canonical" href="https://statement.example.gov/"><link rel="alternate" hreflang="es" href="https://elsewhere.example/es/"><meta property="og:url" content="https://x.example/">`,
			`<a href="https://www.dhcs.ca.gov/">DHCS</a><form action="/search"></form><img src="data:image/gif;base64,R0lGOD" alt="">`)}, nil},
		{"subresources from another origin", map[string]string{"index.html": page(
			"\n"+`<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">`+"\n"+`<link rel="preconnect" href="//cdn.example">`,
			"\n"+`<img src="http://statement.example.gov/x.png" alt="">`+"\n"+`<img srcset="/a.png 1x, https://cdn.example/b.png 2x" alt="">`+"\n"+`<a href="/" ping="https://tracker.example/p">x</a>`)}, []string{
			`public/index.html:2:1: error: <link href="https://fonts.googleapis.com/css?family=Roboto"> loads from https://fonts.googleapis.com, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:3:1: error: <link href="//cdn.example"> loads from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:4:1: error: <img src="http://statement.example.gov/x.png"> loads from http://statement.example.gov, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:5:1: error: <img srcset="https://cdn.example/b.png"> loads from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:6:1: error: <a ping="https://tracker.example/p"> loads from https://tracker.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`}},
		{"a form sent elsewhere", map[string]string{"index.html": page("", `<form action="https://forms.example/submit"><button formaction="//other.example/">go</button></form>`)}, []string{
			`public/index.html:1:89: error: <form action="https://forms.example/submit"> sends a form to https://forms.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:1:133: error: <button formaction="//other.example/"> sends a form to https://other.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`}},
		{"CSS from another origin", map[string]string{
			"index.html": page("<style>\n@import \"https://cdn.example/a.css\";\nb{background:url( 'https://cdn.example/b.png' )}</style>", `<p style="background:url(//cdn.example/c.png)">x</p>`),
			"a/site.css": "p{color:red}\ni{background:url(https://cdn.example/d.png)}"}, []string{
			`public/a/site.css:2:14: error: the CSS loads "https://cdn.example/d.png" from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:2:9: error: the CSS loads "https://cdn.example/a.css" from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:3:14: error: the CSS loads "https://cdn.example/b.png" from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`,
			`public/index.html:3:70: error: the CSS loads "//cdn.example/c.png" from https://cdn.example, another origin; every request must go to the site's own origin, https://statement.example.gov [budget-origin]`}},
		{"web fonts", map[string]string{
			"index.html":       page(`<style>@font-face{font-family:X;src:url(/f/x.woff2)}</style><link rel="preload" href="/f/x.woff2" as="font" crossorigin>`, ""),
			"a/site.css":       "@FONT-FACE{font-family:Y}",
			"f/x.woff2":        "wOF2",
			"f/system-ui.html": page(`<style>body{font-family:system-ui,sans-serif}</style>`, ""),
		}, []string{
			`public/a/site.css:1:1: error: @font-face loads a web font; the site uses the reader's own fonts [budget-font]`,
			`public/f/x.woff2: error: f/x.woff2 is a web font; the site uses the reader's own fonts [budget-font]`,
			`public/index.html:1:83: error: @font-face loads a web font; the site uses the reader's own fonts [budget-font]`,
			`public/index.html:1:136: error: <link rel="preload" as="font"> loads a web font; the site uses the reader's own fonts [budget-font]`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, l := check(t, c.files)
			same(t, l, c.want)
			for _, d := range l {
				if d.Suggestion == "" {
					t.Errorf("%s: no fix suggested", d)
				}
			}
		})
	}
}

func TestLargest(t *testing.T) {
	if _, ok := Largest(nil); ok {
		t.Error("Largest of no pages")
	}
	p, _ := Largest([]Page{{Path: "a", Bytes: 3}, {Path: "b", Bytes: 4, Needs: []Resource{{"x.css", 5}}}, {Path: "c", Bytes: 8, TotalGzipBytes: 99}})
	if p.Path != "b" {
		t.Errorf("Largest = %s, want the one that weighs most before compression", p.Path)
	}
}

// random is n bytes that do not compress, the same every run.
func random(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// gzip never makes more of n bytes than gzipBound(n), on the input it
// compresses worst: random bytes.
func TestGzipBound(t *testing.T) {
	for _, n := range []int{0, 1, 100, 14572, 14600, 16383, 16384, 16385, 65535, 65536, 131071, 300000} {
		for seed := range uint64(3) {
			if got, bound := gzipSize(random(n, seed)), gzipBound(n); got > bound {
				t.Errorf("%d random bytes compress to %d, over the bound %d", n, got, bound)
			}
		}
	}
	if got := gzipBound(FirstRoundTrip - 28); got != FirstRoundTrip {
		t.Errorf("gzipBound(14,572) = %d; the docs say a page of 14,572 bytes fits", got)
	}
}

// Without Exact, a page whose bytes cannot exceed the budget whatever gzip
// does is not compressed; one that could is, and the budget holds it to
// its compressed size exactly as before.
func TestOnlyPagesThatCouldFailAreCompressed(t *testing.T) {
	under := string(random(FirstRoundTrip-28-len(page("", "")), 1))
	over := string(random(FirstRoundTrip-27-len(page("", "")), 1))
	text := words(20000) // over the bound, but compresses under the budget
	pages, l := checkSizes(t, map[string]string{
		"a.html": page("", under), "b.html": page("", over), "c.html": page("", text),
	}, false)
	if len(pages) != 3 {
		t.Fatalf("pages %+v", pages)
	}
	if a := pages[0]; a.Measured() || a.GzipBytes != 0 || a.Bytes != len(page("", under)) {
		t.Errorf("a page within the bound was compressed: %+v", a)
	}
	if gz(page("", under)) > FirstRoundTrip {
		t.Errorf("the page within the bound compresses to %d, over the budget", gz(page("", under)))
	}
	if b := pages[1]; !b.Measured() || b.TotalGzipBytes != gz(page("", over)) {
		t.Errorf("a page over the bound was not measured: %+v", b)
	}
	if c := pages[2]; !c.Measured() || c.TotalGzipBytes > FirstRoundTrip {
		t.Errorf("prose over the bound: %+v", c)
	}
	// Random bytes one past the bound may or may not fit; whatever they
	// compress to, the verdict is the exact one.
	if refused := gz(page("", over)) > FirstRoundTrip; refused != (len(l) == 1) {
		t.Errorf("verdict %v for %d compressed bytes", l, gz(page("", over)))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 14600: "14,600", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %s", n, got)
		}
	}
}

// gzipSize, with its reused compressors, measures what a new one does.
func TestGzipSizeWithReusedCompressors(t *testing.T) {
	for _, text := range []string{"", "a", strings.Repeat("<p>budget</p>", 500), "x"} {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		w.Write([]byte(text))
		w.Close()
		if got := gzipSize([]byte(text)); got != b.Len() {
			t.Errorf("%d bytes: gzipSize %d, gzip %d", len(text), got, b.Len())
		}
	}
}
