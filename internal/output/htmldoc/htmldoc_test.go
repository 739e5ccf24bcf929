package htmldoc

import (
	"slices"
	"strings"
	"testing"
)

func TestTagsAttributesAndPositions(t *testing.T) {
	page := "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=utf-8>\n  <LINK REL=\"icon\" href=\"/a/i.svg?x=1&amp;y=2\"/>\n</head>\n<body><p id=a>x</p><br/>\n</body></html>"
	d := Parse([]byte(page))
	type want struct {
		name        string
		line, col   int
		selfClosing bool
		attrs       []Attr
	}
	wants := []want{
		{"html", 2, 1, false, []Attr{{"lang", "en"}}},
		{"head", 3, 1, false, nil},
		{"meta", 3, 7, false, []Attr{{"charset", "utf-8"}}},
		{"link", 4, 3, true, []Attr{{"rel", "icon"}, {"href", "/a/i.svg?x=1&y=2"}}},
		{"body", 6, 1, false, nil},
		{"p", 6, 7, false, []Attr{{"id", "a"}}},
		{"br", 6, 20, true, nil},
	}
	if len(d.Tags) != len(wants) {
		t.Fatalf("%d tags, want %d: %+v", len(d.Tags), len(wants), d.Tags)
	}
	for i, w := range wants {
		g := d.Tags[i]
		if g.Name != w.name || g.Line != w.line || g.Col != w.col || g.SelfClosing != w.selfClosing || !slices.Equal(g.Attrs, w.attrs) {
			t.Errorf("tag %d = %s %d:%d self-closing %v %v, want %+v", i, g.Name, g.Line, g.Col, g.SelfClosing, g.Attrs, w)
		}
		// The position is where the tag's "<" is.
		if off := offsetOf(page, g.Line, g.Col); page[off] != '<' {
			t.Errorf("tag %d: %d:%d is not a '<'", i, g.Line, g.Col)
		}
	}
	if v, ok := d.Tags[3].Get("href"); !ok || v != "/a/i.svg?x=1&y=2" {
		t.Errorf("Get(href) = %q, %v", v, ok)
	}
	if _, ok := d.Tags[3].Get("type"); ok {
		t.Error("Get found an attribute the tag does not have")
	}
}

func offsetOf(text string, line, col int) int {
	off := 0
	for range line - 1 {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	return off + col - 1
}

func TestStyles(t *testing.T) {
	cases := []struct {
		name string
		page string
		want []string
	}{
		{"none", `<html><head><title>x</title></head><body><p>x</p></body></html>`, nil},
		{"one", `<head><style>a{color:red}</style></head>`, []string{"a{color:red}"}},
		{"several, in order", "<style>a{}</style><style>\n  b { }\n</style><body><style>c{}</style>", []string{"a{}", "\n  b { }\n", "c{}"}},
		{"empty style still counts", `<style></style><style>x{}</style>`, []string{"", "x{}"}},
		{"upper-case tag", `<STYLE>p{}</STYLE>`, []string{"p{}"}},
		{"raw text is kept as is", `<style>a::after{content:"&amp; <b>"}</style>`, []string{`a::after{content:"&amp; <b>"}`}},
		{"text after a style is not in it", `<style>a{}</style><p>b{}</p>`, []string{"a{}"}},
		{"a style attribute is not a style element", `<p style="color:red">x</p>`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Parse([]byte(c.page)).Styles()
			if len(got) != len(c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			for i := range got {
				if string(got[i]) != c.want[i] {
					t.Errorf("style %d = %q, want %q", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestStyleTextPositions(t *testing.T) {
	page := "<p>\n<style>\n a { b: url(x) }\n</style>"
	d := Parse([]byte(page))
	x := d.Tags[1].Style[0]
	if x.Line != 2 || x.Col != 8 {
		t.Errorf("text starts at %d:%d, want 2:8", x.Line, x.Col)
	}
	if len(d.Refs) != 1 || d.Refs[0].Line != 3 || d.Refs[0].Col != 9 {
		t.Errorf("url( at %+v, want 3:9", d.Refs)
	}
}

// The tokenizer reuses its buffer; what Parse keeps must not change when
// it reads on.
func TestStyleTextIsACopy(t *testing.T) {
	page := "<style>a{}</style>" + strings.Repeat("<p>filler</p>", 2000)
	if got := string(Parse([]byte(page)).Styles()[0]); got != "a{}" {
		t.Errorf("style = %q", got)
	}
}

// A page like the site's: a head of links and metadata, an inline style
// sheet, and a body of paragraphs with links.
func BenchmarkParse(b *testing.B) {
	var page strings.Builder
	page.WriteString(`<!doctype html><html lang="en-US" dir="ltr"><head><meta charset="utf-8"><title>t</title>`)
	for i := range 12 {
		page.WriteString(`<link rel="alternate" hreflang="l` + string(rune('a'+i)) + `" href="https://statement.example.gov/l/p/page-0001/">`)
	}
	page.WriteString(`<style>` + strings.Repeat(`.a{color:red;margin:0 auto}`, 130) + `</style></head><body>`)
	for i := range 40 {
		page.WriteString(`<h2 id="s` + string(rune('a'+i%26)) + `">Heading</h2><p>Some text of a paragraph, <a href="/en/p/page-0042/#section-3">a link</a>, more text.</p>`)
	}
	page.WriteString(`</body></html>`)
	data := []byte(page.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Parse(data)
	}
}

func TestIsJavaScriptURL(t *testing.T) {
	for raw, want := range map[string]bool{
		"javascript:alert(1)":    true,
		"  JavaScript:void(0) ":  true,
		"java\tscript:x":         true,
		"java\nscr\ript:x":       true,
		"javascript":             false,
		"javascript\x1ax":        false,
		"/javascript:x":          false,
		"https://a/javascript:x": false,
		"vbscript:x":             false,
		"":                       false,
		"#javascript:":           false,
		"javascripts:x":          false,
	} {
		if got := IsJavaScriptURL(raw); got != want {
			t.Errorf("IsJavaScriptURL(%q) = %v", raw, got)
		}
	}
}

// Tags share one array of attributes: growing one tag's list must not
// write over the next tag's, and every value lands on its own attribute.
func TestAttributesStayApart(t *testing.T) {
	d := Parse([]byte(`<a href="/one" class="x"><b id=two><i></i><img src="/3.png" alt="th&lt;ree">`))
	if len(d.Tags) != 4 {
		t.Fatalf("%d tags", len(d.Tags))
	}
	d.Tags[0].Attrs = append(d.Tags[0].Attrs, Attr{"title", "added"})
	want := [][]Attr{{{"href", "/one"}, {"class", "x"}, {"title", "added"}}, {{"id", "two"}}, nil, {{"src", "/3.png"}, {"alt", "th<ree"}}}
	for i, w := range want {
		if !slices.Equal(d.Tags[i].Attrs, w) {
			t.Errorf("tag %d: %v, want %v", i, d.Tags[i].Attrs, w)
		}
	}
}
