package samepage

import (
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

const base = "https://statement.example/"

const englishPage = `<!doctype html><html lang="en-US" dir="ltr"><head><title>T</title>
<link rel="canonical" href="https://statement.example/en/"><link rel="alternate" hreflang="es-US" href="https://statement.example/es/"></head>
<body><a class="skip" href="#main">Skip</a><nav><a href="/en/" aria-current="page">English</a> <a href="/es/" lang="es-US">Español</a></nav>
<main id="main"><h2 id="resources">Help</h2><p><strong>A</strong> <a href="https://oag.ca.gov/x">suit</a> <time datetime="2026-01-02">January 2</time></p></main></body></html>`

// spanish is the English page translated as the theme makes it: its own
// language, links into /es/, the notice (which links to the English page),
// a stale block, and a part still in English.
const spanish = `<!doctype html><html lang="es-US" dir="ltr"><head><title>T</title>
<link rel="canonical" href="https://statement.example/es/"><link rel="alternate" hreflang="en-US" href="https://statement.example/en/"></head>
<body><a class="skip" href="#main">Saltar</a><nav><a href="/en/" lang="en-US">English</a> <a href="/es/" aria-current="page">Español</a></nav>
<aside class="notice stale" aria-label="Lea"><p><strong>Cambió <time datetime="2026-01-02">2 de enero</time></strong> <a href="/en/" hreflang="en-US">Lea</a></p></aside>
<main id="main"><h2 id="resources" class="stale"><span class="stale-mark">Cambió:</span> Ayuda</h2><p lang="en" dir="ltr"><strong>A</strong> <a href="https://oag.ca.gov/x">demanda</a></p></main></body></html>`

func problems(t *testing.T, translated string) diag.List {
	t.Helper()
	en := Of(htmldoc.Parse([]byte(englishPage)), "en/index.html", base, "", "en")
	es := Of(htmldoc.Parse([]byte(translated)), "es/index.html", base, "es", "en")
	var l diag.List
	Check("public/es/index.html", es, en, Allowance(Address(base, "/en/")), &l)
	return l
}

func TestTheThemesDifferencesPass(t *testing.T) {
	if l := problems(t, spanish); len(l) > 0 {
		t.Errorf("a translation as the theme makes it is refused: %v", l)
	}
}

func TestWhatATranslationMayNotAdd(t *testing.T) {
	cases := map[string]struct{ from, to, want string }{
		"meta refresh":   {"<title>T</title>", `<title>T</title><meta http-equiv="refresh" content="0;url=https://evil.example/">`, `http-equiv="refresh"`},
		"new host":       {`href="https://oag.ca.gov/x"`, `href="https://evil.example/x"`, "host evil.example"},
		"new address":    {`href="https://oag.ca.gov/x"`, `href="https://oag.ca.gov/y"`, "address https://oag.ca.gov/y"},
		"event handler":  {`<h2 id="resources"`, `<h2 onclick="x()" id="resources"`, "attribute onclick on <h2>"},
		"hidden":         {`<h2 id="resources"`, `<h2 hidden id="resources"`, "attribute hidden on <h2>"},
		"new element":    {"<strong>A</strong>", "<blockquote>A</blockquote>", "element <blockquote>"},
		"new class":      {`<p lang="en"`, `<p class="visually-hidden" lang="en"`, `class "visually-hidden" on <p>`},
		"another lang":   {`href="/en/" hreflang`, `href="/fa/" hreflang`, "address https://statement.example/fa/"},
		"image":          {"<strong>A</strong>", `<img src="/x.png" alt="">`, "element <img>"},
		"javascript url": {`href="https://oag.ca.gov/x"`, `href="javascript:alert(1)"`, "address javascript:alert(1)"},
	}
	for name, c := range cases {
		page := strings.Replace(spanish, c.from, c.to, 1)
		if page == spanish {
			t.Fatalf("%s: %q is not in the page", name, c.from)
		}
		l := problems(t, page)
		var all strings.Builder
		for _, d := range l {
			all.WriteString(d.Message + "\n")
		}
		if !strings.Contains(all.String(), c.want) {
			t.Errorf("%s: want a problem with %q, got:\n%s", name, c.want, all.String())
		}
		for _, d := range l {
			if d.Line == 0 || d.Rule != "translation-adds" {
				t.Errorf("%s: %+v has no line or another rule", name, d)
			}
		}
	}
}
