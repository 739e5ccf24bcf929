// Package htmldoc is the one model of a built site that every check of the
// output reads: the tree, found by one walk (Tree); each page, read and
// parsed once with the HTML standard's tokenizer (Doc: its start tags,
// with attributes and positions, and the text of its <style> elements);
// and every address a page or style sheet loads or links (Ref, with its
// Kind and position: a, link, img src and srcset, source, script,
// iframe, media, object, SVG use, meta refresh, CSS url() and @import,
// the CSS read with tdewolff's lexer). The budget and policy (package
// budget), the links and hreflang (package linkcheck) and the
// Content-Security-Policy (package cdn) are checks that read it;
// on a site of tens of thousands of pages, reading and tokenizing each
// page once for all of them is a good part of what the checks cost.
package htmldoc

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Doc is one page.
type Doc struct {
	Tags []Tag // in document order
	// Refs are every address the page names, in document order (a tag's
	// attributes, then the CSS of its style attribute; a <style>
	// element's url()s after its tag).
	Refs []Ref
	// FontFaces are where the @font-face rules of its <style> elements
	// start.
	FontFaces []Pos
}

// Tag is a start tag (or a self-closing one).
type Tag struct {
	Name        string // lower case
	Attrs       []Attr // in the order written; keys lower case, values unescaped
	Line, Col   int    // where the tag starts: 1-based line, byte column
	SelfClosing bool
	// Style is the text of a <style> element, after its start tag: what
	// the browser hashes for the Content-Security-Policy, and CSS to check.
	Style []Text
}

// Attr is one attribute.
type Attr struct{ Key, Val string }

// Text is raw text and where it starts.
type Text struct {
	Raw       []byte
	Line, Col int
}

// Get returns the value of the first attribute named key.
func (t *Tag) Get(key string) (string, bool) {
	for _, a := range t.Attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Parse reads a page. It never fails: like a browser, the tokenizer makes
// something of any input.
//
// It runs on every page of the site, so it allocates little: the tags
// and attributes of a page go into one array each, sized from the page up
// front, the usual names are shared strings, and the attribute values are
// cut from one string per page (docs/PERFORMANCE.md, round 2).
func Parse(data []byte) *Doc {
	// Every start tag has a "<" that is not a "</" (comments and the
	// doctype make this an overestimate, by a little).
	d := &Doc{Tags: make([]Tag, 0, bytes.Count(data, []byte("<"))-bytes.Count(data, []byte("</"))+1)}
	attrs := make([]Attr, 0, bytes.Count(data, []byte("="))+1)
	values := make([]byte, 0, len(data)/4) // every attribute value, in order
	ends := make([]int, 0, cap(attrs))     // where each one ends in values
	z := html.NewTokenizer(bytes.NewReader(data))
	cur := cursor{line: 1}
	style := -1 // the <style> whose text comes next
	for {
		tt := z.Next()
		raw := z.Raw()
		switch tt {
		case html.ErrorToken:
			cutValues(d, string(values), ends)
			d.references()
			return d
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			t := Tag{Name: shared(name), SelfClosing: tt == html.SelfClosingTagToken}
			t.Line, t.Col = cur.at()
			first := len(attrs)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, Attr{Key: shared(k)})
				values = append(values, v...)
				ends = append(ends, len(values))
			}
			// A full slice expression, so that appending to one tag's
			// attributes never writes over the next tag's.
			t.Attrs = attrs[first:len(attrs):len(attrs)]
			if len(t.Attrs) == 0 {
				t.Attrs = nil
			}
			d.Tags = append(d.Tags, t)
			style = -1
			if t.Name == "style" && !t.SelfClosing {
				style = len(d.Tags) - 1
			}
		case html.TextToken:
			if style >= 0 {
				t := &d.Tags[style]
				// The tokenizer reuses its buffer: keep a copy.
				line, col := cur.at()
				t.Style = append(t.Style, Text{Raw: bytes.Clone(raw), Line: line, Col: col})
			}
		case html.EndTagToken:
			style = -1
		}
		cur.advance(raw)
	}
}

// cutValues gives every attribute of d, in document order, its value, cut
// from all the values one after another.
func cutValues(d *Doc, all string, ends []int) {
	i, start := 0, 0
	for t := range d.Tags {
		attrs := d.Tags[t].Attrs
		for a := range attrs {
			attrs[a].Val = all[start:ends[i]]
			start = ends[i]
			i++
		}
	}
}

// shared returns the usual tag and attribute names as one string each,
// rather than a new one every time (a lookup with string(b) does not
// allocate).
func shared(b []byte) string {
	if s, ok := names[string(b)]; ok {
		return s
	}
	return string(b)
}

var names = func() map[string]string {
	m := map[string]string{}
	for _, s := range []string{
		"a", "abbr", "article", "aside", "b", "base", "body", "br", "button", "code", "dd", "details", "div", "dl", "dt",
		"em", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "img", "input",
		"label", "li", "link", "main", "meta", "nav", "ol", "option", "p", "path", "picture", "script", "section",
		"select", "small", "source", "span", "strong", "style", "summary", "svg", "table", "td", "th", "time", "title",
		"tr", "ul", "use", "bdi", "g", "rect", "circle", "text",
		"alt", "aria-current", "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "charset", "class",
		"content", "d", "datetime", "dir", "fill", "height", "href", "hreflang", "http-equiv", "id", "lang", "media",
		"name", "property", "rel", "role", "sizes", "src", "srcset", "tabindex", "translate", "type", "viewbox", "width",
		"x", "y", "xmlns", "focusable", "stroke", "transform", "font-size", "font-weight", "text-anchor",
	} {
		m[s] = s
	}
	return m
}()

// Styles returns the text of every <style> element, in order, each as
// one piece (an empty element gives an empty piece: it needs a hash too).
func (d *Doc) Styles() [][]byte {
	var out [][]byte
	for i := range d.Tags {
		t := &d.Tags[i]
		if t.Name != "style" || t.SelfClosing {
			continue
		}
		var s []byte
		switch len(t.Style) {
		case 0:
			s = []byte{}
		case 1:
			s = t.Style[0].Raw // the usual case: no copy
		default:
			for _, x := range t.Style {
				s = append(s, x.Raw...)
			}
		}
		out = append(out, s)
	}
	return out
}

// references finds every address of the page, once its tags are read.
func (d *Doc) references() {
	// One array, sized up front: the attributes that may hold an address
	// (an overestimate), and the url()s of the <style> texts.
	n := 0
	for i := range d.Tags {
		t := &d.Tags[i]
		for _, a := range t.Attrs {
			if mayRefer[a.Key] {
				n++
			}
		}
		for _, x := range t.Style {
			n += bytes.Count(x.Raw, []byte("url("))
		}
	}
	d.Refs = make([]Ref, 0, n)
	for i := range d.Tags {
		t := &d.Tags[i]
		d.Refs = t.refs(d.Refs)
		for _, x := range t.Style {
			css := readCSS(x.Raw, Pos{x.Line, x.Col}, false)
			for _, r := range css.Refs {
				r.Tag = "style"
				d.Refs = append(d.Refs, r)
			}
			d.FontFaces = append(d.FontFaces, css.FontFaces...)
		}
	}
}

// mayRefer are the attributes that may hold an address (see kindOf).
var mayRefer = map[string]bool{
	"href": true, "xlink:href": true, "src": true, "srcset": true, "poster": true, "data": true,
	"action": true, "formaction": true, "ping": true, "background": true, "manifest": true,
	"style": true, "content": true,
}

// cursor follows a tokenizer through a text, counting lines once over
// it: a line and column for each token however many there are.
type cursor struct {
	offset, line, lineStart int
}

// at is the line and column of the cursor.
func (c *cursor) at() (line, col int) { return c.line, c.offset - c.lineStart + 1 }

// advance moves the cursor over raw, the text of the next token.
func (c *cursor) advance(raw []byte) {
	if n := bytes.Count(raw, []byte("\n")); n > 0 {
		c.line += n
		c.lineStart = c.offset + bytes.LastIndexByte(raw, '\n') + 1
	}
	c.offset += len(raw)
}

// TextOf is the text of a parsed node and everything in it, as written.
func TextOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
