package linkcheck

import (
	"path/filepath"
	"slices"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
)

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
	p := parse("en/index.html", []byte(page))
	if p.Path != "en/index.html" {
		t.Errorf("Path = %q", p.Path)
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
			p := parse("x.html", []byte(c.html))
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
	p := parse("x.html", []byte("<p>é</p><a href=\"/x\">"))
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

// The rules are tested on the folders of testdata/rules (rules_test.go);
// these tests hold what Check does whatever the rule.

// The display name is how diagnostics name the checked directory.
func TestCheckDisplayName(t *testing.T) {
	files := siteTree()
	files["es/index.html"] = page(`<a href="/fr/">x</a>`)
	l, err := check(testfs.Tree(t, files), Options{Display: ".public.staging", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	diagtest.Expect(t, l, diagtest.Want{File: ".public.staging/es/index.html", Rule: "link-broken", Line: 2, Col: 1, Msg: "fr/index.html"})
}

// Diagnostics come sorted by file and line whatever the walk order.
func TestCheckSorted(t *testing.T) {
	files := siteTree()
	files["index.html"] = page("<a href=\"/x/\">x</a>\n<a href=\"/y/\">y</a>")
	files["en/index.html"] = page(`<a href="/z/">z</a>`)
	l, err := check(testfs.Tree(t, files), Options{Display: "public", BaseURL: base})
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
	l, err := check(testfs.Tree(t, files), Options{Display: "public", BaseURL: "https://statement.example.gov/sub/"})
	if err != nil {
		t.Fatal(err)
	}
	// index.html's "/en/" really is outside /sub/; es/index.html's links
	// are all fine.
	diagtest.Expect(t, l,
		diagtest.Want{File: "public/index.html", Rule: "link-outside", Line: 2, Col: 1, Msg: `"/en/" points outside the site`},
		diagtest.Want{File: "public/index.html", Rule: "link-outside", Line: 2, Col: 0, Msg: `"/es/" points outside the site`},
		diagtest.Want{File: "public/en/404.html", Rule: "link-outside", Line: 2, Col: 1, Msg: `"/" points outside the site`},
	)
}

func TestCheckBadBaseURL(t *testing.T) {
	if _, err := check(t.TempDir(), Options{Display: "public", BaseURL: "https://exa mple.gov/%zz"}); err == nil {
		t.Error("Check accepted a base URL that does not parse")
	}
}

func TestCheckMissingDir(t *testing.T) {
	if _, err := check(filepath.Join(t.TempDir(), "none"), Options{Display: "public", BaseURL: base}); err == nil {
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
	l, err := check(testfs.Tree(t, files), Options{Display: "public", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	diagtest.Expect(t, l,
		diagtest.Want{File: "public/es/a/index.html", Rule: "link-broken", Line: 2, Col: 0, Msg: "es/a/x.html"},
		diagtest.Want{File: "public/es/a/index.html", Rule: "link-fragment", Line: 2, Col: 0, Msg: "here"},
		diagtest.Want{File: "public/es/b/index.html", Rule: "link-fragment", Line: 2, Col: 0, Msg: "nowhere"},
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
