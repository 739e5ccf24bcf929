// Package htmldoc reads a built HTML page once into what every check of
// the output needs: each start tag, with its attributes and where it
// starts, and the text of each <style> element, with where it starts.
// The budget, the link checker and the Content-Security-Policy all look
// at the same tags; on a site of tens of thousands of pages, tokenizing
// each page once for all of them rather than once for each is a good
// part of what the checks cost.
package htmldoc

import (
	"bytes"

	"golang.org/x/net/html"
)

// Doc is one page, its tags in document order.
type Doc struct {
	Tags []Tag
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
func Parse(data []byte) *Doc {
	d := &Doc{}
	z := html.NewTokenizer(bytes.NewReader(data))
	cur := cursor{line: 1}
	style := -1 // the <style> whose text comes next
	for {
		tt := z.Next()
		raw := z.Raw()
		switch tt {
		case html.ErrorToken:
			return d
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			t := Tag{Name: string(name), SelfClosing: tt == html.SelfClosingTagToken}
			t.Line, t.Col = cur.line, cur.offset-cur.lineStart+1
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				t.Attrs = append(t.Attrs, Attr{string(k), string(v)})
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
				t.Style = append(t.Style, Text{Raw: bytes.Clone(raw), Line: cur.line, Col: cur.offset - cur.lineStart + 1})
			}
		case html.EndTagToken:
			style = -1
		}
		cur.advance(raw)
	}
}

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
		for _, x := range t.Style {
			s = append(s, x.Raw...)
		}
		out = append(out, s)
	}
	return out
}

// cursor follows the tokenizer, counting lines once over the page.
type cursor struct {
	offset, line, lineStart int
}

func (c *cursor) advance(raw []byte) {
	if n := bytes.Count(raw, []byte("\n")); n > 0 {
		c.line += n
		c.lineStart = c.offset + bytes.LastIndexByte(raw, '\n') + 1
	}
	c.offset += len(raw)
}

// Within is the position of offset i of a text, as the line and column of
// the file.
func (x Text) Within(i int) (line, col int) {
	before := x.Raw[:i]
	n := bytes.Count(before, []byte("\n"))
	if n == 0 {
		return x.Line, x.Col + i
	}
	return x.Line + n, i - bytes.LastIndexByte(before, '\n')
}
