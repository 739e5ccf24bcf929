package linkcheck

import (
	"path/filepath"
	"slices"
	"testing"

	"dhcs.ca.gov/statement/internal/testfs"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/diag/diagtest"
)

// want describes one diagnostic a case expects. Col 0 means "any column".
type want struct {
	file      string
	rule      string
	line, col int
	msg       string // a key part of the message
}

// expect checks that l holds exactly the wanted errors.
func expect(t *testing.T, l diag.List, wants ...want) {
	t.Helper()
	out := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		out[i] = diagtest.Want{File: w.file, Rule: w.rule, Line: w.line, Col: w.col, Msg: w.msg}
	}
	diagtest.Expect(t, l, out...)
}

func TestParse(t *testing.T) {
	page := `<!doctype html>
<html lang="en">
<head><link rel="stylesheet" href="/a/site.css"></head>
<body>
  <a id="top" href="#main">Skip</a>
    <img src="/a/icon.svg" alt=""><a href="/es/">Español</a>
  <main id="main"><h2 id="café">Resources</h2>
  <a name="legacy"></a><p id="top">again</p>
  <script src="/a/app.js"></script>
  <iframe src="https://example.com/embed"></iframe>
  <area href="/map/"><source src="/v.webm"><div data-href="/not-a-ref">x</div>
</body>
</html>
`
	p := Parse("en/index.html", []byte(page))
	if p.Path != "en/index.html" {
		t.Errorf("Path = %q", p.Path)
	}
	wantRefs := []Ref{
		{URL: "/a/site.css", Tag: "link", Attr: "href", Line: 3, Col: 7},
		{URL: "#main", Tag: "a", Attr: "href", Line: 5, Col: 3},
		{URL: "/a/icon.svg", Tag: "img", Attr: "src", Line: 6, Col: 5},
		{URL: "/es/", Tag: "a", Attr: "href", Line: 6, Col: 35},
		{URL: "/a/app.js", Tag: "script", Attr: "src", Line: 9, Col: 3},
		{URL: "https://example.com/embed", Tag: "iframe", Attr: "src", Line: 10, Col: 3},
		{URL: "/map/", Tag: "area", Attr: "href", Line: 11, Col: 3},
		{URL: "/v.webm", Tag: "source", Attr: "src", Line: 11, Col: 22},
	}
	if !slices.Equal(p.Refs, wantRefs) {
		t.Errorf("Refs:\n got %+v\nwant %+v", p.Refs, wantRefs)
	}
	wantIDs := map[string]int{"top": 5, "main": 7, "café": 7, "legacy": 8}
	if len(p.IDs) != len(wantIDs) {
		t.Errorf("IDs = %v, want %v", p.IDs, wantIDs)
	}
	for id, line := range wantIDs {
		if got, ok := p.IDs[id]; !ok || got != line {
			t.Errorf("id %q on line %d (found %v), want line %d", id, got, ok, line)
		}
	}
	wantDups := []Ref{{URL: "top", Tag: "p", Attr: "id", Line: 8, Col: 24}}
	if !slices.Equal(p.Dups, wantDups) {
		t.Errorf("Dups = %+v, want %+v", p.Dups, wantDups)
	}
}

func TestParseNameAndID(t *testing.T) {
	cases := []struct {
		name, html string
		ids        []string
		dups       []string
	}{
		{"name then id with the same value is a duplicate", `<a name="x"></a><p id="x"></p>`, []string{"x"}, []string{"x"}},
		{"id then name with the same value is not reported twice", `<p id="x"></p><a name="x"></a>`, []string{"x"}, nil},
		{"name on another element is not an anchor", `<input name="q"><p id="y"></p>`, []string{"y"}, nil},
		{"three uses, two duplicates", `<p id="z"></p><p id="z"></p><p id="z"></p>`, []string{"z"}, []string{"z", "z"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Parse("x.html", []byte(c.html))
			var ids []string
			for id := range p.IDs {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			var dups []string
			for _, d := range p.Dups {
				dups = append(dups, d.URL)
			}
			if !slices.Equal(ids, c.ids) || !slices.Equal(dups, c.dups) {
				t.Errorf("ids %v dups %v, want %v %v", ids, dups, c.ids, c.dups)
			}
		})
	}
}

// Columns count bytes, as Go's own tools do.
func TestParseColumnsAreBytes(t *testing.T) {
	p := Parse("x.html", []byte("<p>é</p><a href=\"/x\">"))
	if len(p.Refs) != 1 || p.Refs[0].Line != 1 || p.Refs[0].Col != 10 {
		t.Errorf("Refs = %+v, want one on 1:10", p.Refs)
	}
}

const base = "https://statement.example.gov/"

// page wraps a body in a minimal document; the body starts on line 2.
func page(body string) string {
	return "<!doctype html>\n" + body + "\n"
}

// A small built site every case starts from.
func siteTree() map[string]string {
	return map[string]string{
		"index.html":    page(`<a href="/en/">English</a> <a href="/es/">Español</a>`),
		"en/index.html": page(`<h1 id="top">Statement</h1><h2 id="resources">Help</h2><h2 id="café">Café</h2>`),
		"es/index.html": page(`<h1 id="top">Declaración</h1>`),
		"en/404.html":   page(`<a href="/">Home</a>`),
		"a/site.css":    "body{}",
		"a/icon.svg":    "<svg/>",
		"a/doc.pdf":     "%PDF",
	}
}

func TestCheckCleanSite(t *testing.T) {
	l, err := Check(testfs.Tree(t, siteTree()), Options{Display: "public", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, l)
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name  string
		page  string // slash path of the page under test
		body  string // its body, from line 2
		wants []want
	}{
		{
			name:  "broken internal link",
			page:  "index.html",
			body:  `<p>Choose:</p> <a href="/fr/">Français</a>`,
			wants: []want{{"public/index.html", "link-broken", 2, 16, `"/fr/" points to fr/index.html, which the build did not produce`}},
		},
		{
			name:  "broken relative link",
			page:  "es/index.html",
			body:  `<a href="../de/">Deutsch</a>`,
			wants: []want{{"public/es/index.html", "link-broken", 2, 1, `"../de/" points to de/index.html`}},
		},
		{
			name:  "broken asset",
			page:  "en/index.html",
			body:  `<img src="/a/missing.png" alt="">`,
			wants: []want{{"public/en/index.html", "link-broken", 2, 1, `"/a/missing.png" points to a/missing.png`}},
		},
		{
			name:  "broken stylesheet on a later line",
			page:  "en/index.html",
			body:  "<p>one</p>\n<p>two</p>\n  <link rel=\"stylesheet\" href=\"/a/site.min.css\">",
			wants: []want{{"public/en/index.html", "link-broken", 4, 3, "a/site.min.css"}},
		},
		{
			name:  "missing fragment on another page",
			page:  "index.html",
			body:  `<a href="/en/#contact">Contact</a>`,
			wants: []want{{"public/index.html", "link-fragment", 2, 1, `"/en/#contact": en/index.html has no element with id "contact"`}},
		},
		{
			name:  "missing fragment on the same page",
			page:  "es/index.html",
			body:  `<h1 id="top">x</h1><a href="#recursos">Recursos</a>`,
			wants: []want{{"public/es/index.html", "link-fragment", 2, 20, `"#recursos": es/index.html has no element with id "recursos"`}},
		},
		{
			name: "fragment on the same page",
			page: "es/index.html",
			body: `<a href="#recursos">Recursos</a><h2 id="recursos">Recursos</h2>`,
		},
		{
			name: "existing fragment on another page",
			page: "index.html",
			body: `<a href="/en/#resources">Help</a> <a href="en/index.html#top">Top</a>`,
		},
		{
			// url.Parse decodes the fragment, so a percent-encoded
			// non-ASCII id matches the id as written in the page.
			name: "existing percent-encoded unicode fragment",
			page: "index.html",
			body: `<a href="/en/#caf%C3%A9">Café</a> <a href="/en/#café">Café</a>`,
		},
		{
			name:  "missing percent-encoded fragment names the decoded id",
			page:  "index.html",
			body:  `<a href="/en/#th%C3%A9">Thé</a>`,
			wants: []want{{"public/index.html", "link-fragment", 2, 1, `has no element with id "thé"`}},
		},
		{
			name: "directory link without trailing slash resolves to index.html",
			page: "index.html",
			body: `<a href="/en">English</a> <a href="es">Español</a> <a href="/en#resources">Help</a>`,
		},
		{
			name:  "directory link without trailing slash checks the fragment in index.html",
			page:  "index.html",
			body:  `<a href="/en#nowhere">Help</a>`,
			wants: []want{{"public/index.html", "link-fragment", 2, 1, `en/index.html has no element with id "nowhere"`}},
		},
		{
			name: "query string on a page link",
			page: "index.html",
			body: `<a href="/en/?utm_source=x">English</a> <a href="/es/index.html?x=1#top">Español</a>`,
		},
		{
			name: "link to the root and to a page by file name",
			page: "es/index.html",
			body: `<a href="/">Home</a> <a href="/en/index.html">English</a> <a href="../index.html">Choose</a>`,
		},
		{
			name:  "duplicate id",
			page:  "es/index.html",
			body:  `<h1 id="top">Declaración</h1>` + "\n" + `  <p id="top">otra vez</p>`,
			wants: []want{{"public/es/index.html", "duplicate-id", 3, 3, `the id "top" is used more than once in the page`}},
		},
		{
			name: "absolute link to the base URL is internal",
			page: "index.html",
			body: `<a href="https://statement.example.gov/en/">English</a>` + "\n" +
				`<a href="https://statement.example.gov/fr/">Français</a>` + "\n" +
				`<a href="https://statement.example.gov/en/#nope">x</a>`,
			wants: []want{
				{"public/index.html", "link-broken", 3, 1, `"https://statement.example.gov/fr/" points to fr/index.html`},
				{"public/index.html", "link-fragment", 4, 1, `has no element with id "nope"`},
			},
		},
		{
			name: "protocol-relative link to the site is internal",
			page: "index.html",
			body: `<a href="//statement.example.gov/fr/">Français</a>`,
			wants: []want{
				{"public/index.html", "link-broken", 2, 1, "fr/index.html"},
			},
		},
		{
			name: "external links are ignored",
			page: "index.html",
			body: `<a href="https://www.dhcs.ca.gov/nowhere#x">DHCS</a>
<a href="mailto:press@dhcs.ca.gov">mail</a> <a href="tel:+19164407660">call</a>
<img src="https://cdn.example.com/missing.png" alt="">`,
		},
		{
			name: "plain http is refused, to this site or another",
			page: "index.html",
			body: `<a href="http://statement.example.gov/en/">x</a>` + "\n" + `<a href="http://www.dhcs.ca.gov/">y</a>`,
			wants: []want{
				{"public/index.html", "link-http", 2, 1, `"http://statement.example.gov/en/" is not encrypted`},
				{"public/index.html", "link-http", 3, 1, `"http://www.dhcs.ca.gov/" is not encrypted`},
			},
		},
		{
			name: "fragment on a non-HTML file is not checked",
			page: "index.html",
			body: `<a href="/a/doc.pdf#page=2">PDF</a>`,
		},
		{
			name:  "empty href is an error",
			page:  "index.html",
			body:  `<a href="">here</a>` + "\n" + `<img src="  " alt="">`,
			wants: []want{{"public/index.html", "link-empty", 2, 1, "<a href> is empty"}, {"public/index.html", "link-empty", 3, 1, "<img src> is empty"}},
		},
		{
			name:  "malformed URL",
			page:  "index.html",
			body:  `<a href="/en/%zz">bad</a>`,
			wants: []want{{"public/index.html", "link-malformed", 2, 1, `<a href="/en/%zz"> is not a valid URL`}},
		},
		{
			// A browser would quietly drop the extra "..", and the link
			// would work by accident until the site moves under a path.
			name:  "a link that climbs above the root leaves the site",
			page:  "en/index.html",
			body:  `<a href="../../../fr/">x</a>`,
			wants: []want{{"public/en/index.html", "link-outside", 2, 1, `"../../../fr/" points outside the site: it climbs above the root`}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := siteTree()
			files[c.page] = page(c.body)
			l, err := Check(testfs.Tree(t, files), Options{Display: "public", BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			expect(t, l, c.wants...)
		})
	}
}

// The display name is how diagnostics name the checked directory.
func TestCheckDisplayName(t *testing.T) {
	files := siteTree()
	files["es/index.html"] = page(`<a href="/fr/">x</a>`)
	l, err := Check(testfs.Tree(t, files), Options{Display: ".public.staging", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, l, want{".public.staging/es/index.html", "link-broken", 2, 1, "fr/index.html"})
}

// Diagnostics come sorted by file and line whatever the walk order.
func TestCheckSorted(t *testing.T) {
	files := siteTree()
	files["index.html"] = page("<a href=\"/x/\">x</a>\n<a href=\"/y/\">y</a>")
	files["en/index.html"] = page(`<a href="/z/">z</a>`)
	l, err := Check(testfs.Tree(t, files), Options{Display: "public", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l {
		got = append(got, d.File+":"+string(rune('0'+d.Line)))
	}
	want := []string{"public/en/index.html:2", "public/index.html:2", "public/index.html:3"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// With a base URL under a path, as a preview or a sub-site has, the files
// in dir are the pages under that path.
func TestCheckBaseURLWithPath(t *testing.T) {
	files := siteTree()
	files["es/index.html"] = page(`<a href="../en/">English</a> <a href="#top">Top</a><h1 id="top">x</h1> <a href="https://statement.example.gov/sub/en/">abs</a>`)
	l, err := Check(testfs.Tree(t, files), Options{Display: "public", BaseURL: "https://statement.example.gov/sub/"})
	if err != nil {
		t.Fatal(err)
	}
	// index.html's "/en/" really is outside /sub/; es/index.html's links
	// are all fine.
	expect(t, l,
		want{"public/index.html", "link-outside", 2, 1, `"/en/" points outside the site`},
		want{"public/index.html", "link-outside", 2, 0, `"/es/" points outside the site`},
		want{"public/en/404.html", "link-outside", 2, 1, `"/" points outside the site`},
	)
}

func TestCheckBadBaseURL(t *testing.T) {
	if _, err := Check(t.TempDir(), Options{Display: "public", BaseURL: "https://exa mple.gov/%zz"}); err == nil {
		t.Error("Check accepted a base URL that does not parse")
	}
}

func TestCheckMissingDir(t *testing.T) {
	if _, err := Check(filepath.Join(t.TempDir(), "none"), Options{Display: "public", BaseURL: base}); err == nil {
		t.Error("Check on a missing directory did not fail")
	}
}

// The same address written on many pages is resolved once; an address
// whose meaning depends on the page (relative, or under <base>) is
// resolved for each page, so that one page's answer is never another's.
func TestSameAddressOnManyPages(t *testing.T) {
	files := siteTree()
	files["en/a/index.html"] = page(`<a href="x.html">x</a> <a href="/en/#top">top</a> <a href="#here">here</a><p id="here">`)
	files["en/a/x.html"] = page(`<a href="/en/#top">top</a>`)
	files["es/a/index.html"] = page(`<a href="x.html">x</a> <a href="/en/#top">top</a> <a href="#here">here</a>`)
	files["es/b/index.html"] = page(`<base href="/en/a/"><a href="x.html">x</a> <a href="/en/#nowhere">no</a>`)
	l, err := Check(testfs.Tree(t, files), Options{Display: "public", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, l,
		want{"public/es/a/index.html", "link-broken", 2, 0, "es/a/x.html"},
		want{"public/es/a/index.html", "link-fragment", 2, 0, "here"},
		want{"public/es/b/index.html", "link-fragment", 2, 0, "nowhere"},
	)
}

func TestSamePerPage(t *testing.T) {
	for raw, want := range map[string]bool{
		"/en/":                           true,
		" /en/#top ":                     true,
		"//statement.example.gov/x":      true,
		"https://statement.example.gov/": true,
		"HTTP://example.com/":            true,
		"x.html":                         false,
		"#top":                           false,
		"?q=1":                           false,
		"../en/":                         false,
		"https:x.html":                   false,
		"mailto:a@b.gov":                 false,
		"":                               false,
	} {
		if got := samePerPage(raw); got != want {
			t.Errorf("samePerPage(%q) = %v", raw, got)
		}
	}
}

func TestLangMatches(t *testing.T) {
	for _, c := range []struct {
		hreflang, lang string
		want           bool
	}{
		{"es", "es", true}, {"es", "es-US", true}, {"ES", "es-us", true}, {"es-US", "es-US", true},
		{"es-US", "es", false}, {"es", "est", false}, {"es", "en", false}, {"zh-Hant", "zh-hant-TW", true},
		{"", "es", false},
	} {
		if got := langMatches(c.hreflang, c.lang); got != c.want {
			t.Errorf("langMatches(%q, %q) = %v", c.hreflang, c.lang, got)
		}
	}
}
