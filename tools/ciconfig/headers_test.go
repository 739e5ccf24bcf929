package ciconfig

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/output/cdn"
)

// No path is matched by two header rules that set the same header: when
// two do, which value a reader gets depends on how the CDN orders them,
// which Netlify does not document (and netlify-cli's dev server overrides
// Cache-Control). The rules are netlify.toml's and those of the _headers
// file the build writes, for production and for previews.
func TestNoPathGetsAHeaderFromTwoRules(t *testing.T) {
	config, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	fromConfig, err := cdn.ConfigRules(config)
	if err != nil {
		t.Fatal(err)
	}
	for _, preview := range []bool{false, true} {
		fromBuild, err := cdn.ParseHeadersFile(cdn.Headers([][]byte{[]byte("body{}")}, preview))
		if err != nil {
			t.Fatal(err)
		}
		rules := append(fromBuild, fromConfig...)
		for i, a := range rules {
			for _, b := range rules[i+1:] {
				if !overlap(a.For, b.For) {
					continue
				}
				for _, va := range a.Values {
					for _, vb := range b.Values {
						if strings.EqualFold(va[0], vb[0]) {
							t.Errorf("preview %v: %s is set for %s (%q) and for %s (%q), and a path matches both: make the rules disjoint", preview, va[0], a.For, va[1], b.For, vb[1])
						}
					}
				}
			}
		}
	}
}

// overlap tells whether some path matches both Netlify patterns: each is
// tried on an example of the other (a * or :placeholder as one segment).
func overlap(a, b string) bool {
	example := func(p string) string {
		segs := strings.Split(p, "/")
		for i, s := range segs {
			if s == "*" || strings.HasPrefix(s, ":") {
				segs[i] = "x"
			}
		}
		return strings.Join(segs, "/")
	}
	return regexp.MustCompile(cdn.Pattern(a)).MatchString(example(b)) ||
		regexp.MustCompile(cdn.Pattern(b)).MatchString(example(a))
}

func TestOverlap(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"/*", "/a/*", true},
		{"/a/*", "/en/*", false},
		{"/en/", "/:lang/", true},
		{"/index.html", "/404.html", false},
	} {
		if got := overlap(c.a, c.b); got != c.want {
			t.Errorf("overlap(%s, %s) = %v", c.a, c.b, got)
		}
	}
}
