package cdn

import (
	"regexp"
	"slices"
	"testing"
)

func TestParseHeadersFile(t *testing.T) {
	rules, err := ParseHeadersFile([]byte("# generated\n/*\n  Content-Security-Policy: default-src 'none'\n  X-Test: a: b\n\n/en/*\n  X-Robots-Tag: noindex\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Rule{
		{For: "/*", Match: Pattern("/*"), Values: [][2]string{{"Content-Security-Policy", "default-src 'none'"}, {"X-Test", "a: b"}}},
		{For: "/en/*", Match: Pattern("/en/*"), Values: [][2]string{{"X-Robots-Tag", "noindex"}}},
	}
	if !slices.EqualFunc(rules, want, func(a, b Rule) bool { return a.For == b.For && a.Match == b.Match && slices.Equal(a.Values, b.Values) }) {
		t.Errorf("rules %+v, want %+v", rules, want)
	}
	if _, err := ParseHeadersFile([]byte("  X: 1\n")); err == nil {
		t.Error("a header before any path was accepted")
	}
}

func TestPattern(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		match         bool
	}{
		{"/*", "/", true}, {"/*", "/en/index.html", true}, {"/a/*", "/a/icon.svg", true},
		{"/a/*", "/ar/", false}, {"/:lang/404.html", "/es/404.html", true}, {"/:lang/404.html", "/es/x/404.html", false},
		{"/en", "/en/", true}, {"/a.b", "/axb", false},
	} {
		if got := regexp.MustCompile(Pattern(c.pattern)).MatchString(c.path); got != c.match {
			t.Errorf("%s matches %s: %v", c.pattern, c.path, got)
		}
	}
}

// Every matching rule applies; netlify.toml's after _headers; a later
// value wins.
func TestHeadersFor(t *testing.T) {
	file, _ := ParseHeadersFile([]byte("/*\n  Content-Security-Policy: x\n  Cache-Control: no-store\n"))
	cfg, err := ConfigRules([]byte(`
[[headers]]
  for = "/*"
  [headers.values]
    X-Content-Type-Options = "nosniff"
    Cache-Control = "max-age=0"
[[headers]]
  for = "/a/*"
  [headers.values]
    Cache-Control = "immutable"
[[redirects]]
  from = "/es/*"
  to = "/es/404.html"
  status = 404
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg[0].Values[0][0] != "Cache-Control" {
		t.Errorf("a rule's headers are not sorted by name: %v", cfg[0].Values)
	}
	rules := append(file, cfg...)
	h := HeadersFor("/en/", rules)
	if h.Get("Content-Security-Policy") != "x" || h.Get("Cache-Control") != "max-age=0" || h.Get("X-Content-Type-Options") != "nosniff" || len(h) != 3 {
		t.Errorf("/en/: %v", h)
	}
	if h := HeadersFor("/a/x.svg", rules); h.Get("Cache-Control") != "immutable" {
		t.Errorf("/a/x.svg: %v", h)
	}
}

func TestLoad(t *testing.T) {
	rules, err := Load(t.TempDir(), "../../../netlify.toml")
	if err != nil || len(rules) == 0 || rules[0].For != "/*" {
		t.Errorf("without _headers: %v %+v", err, rules)
	}
	if _, err := Load(t.TempDir(), "missing.toml"); err == nil {
		t.Error("a missing netlify.toml was not an error")
	}
}
