package linkcheck

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Ref is one reference a document makes: the URL as written (entities
// decoded), the element and attribute it came from, and where the element
// starts in the file (1-based line, byte column).
type Ref struct {
	URL       string
	Tag, Attr string
	Line, Col int
}

// Alternate is a <link rel="alternate" hreflang> of a page.
type Alternate struct {
	Hreflang string
	Ref
}

// Page is what the checks need of one HTML file or style sheet.
type Page struct {
	Path string // slash-separated, relative to the site root
	HTML bool   // false for a style sheet, which has references only

	Refs []Ref
	IDs  map[string]int // id (or a[name]) → line of its first use
	Dups []Ref          // ids used a second time (URL holds the id)

	Lang      string // <html lang>, "" when absent
	HasLang   bool
	LangAt    Ref // position of the <html> tag, for problems about the page as a whole
	Base      string
	Canonical []Ref
	// Alternates are the hreflang alternates of the page (also in Refs,
	// where their existence is checked).
	Alternates []Alternate
	// Hreflang holds every reference with an hreflang attribute: the
	// language its target must be in.
	Hreflang []Alternate
}

// refAttrs are the attributes that load or link to something.
var refAttrs = map[string][]string{
	"a":      {"href"},
	"area":   {"href"},
	"link":   {"href"},
	"img":    {"src"},
	"script": {"src"},
	"source": {"src"},
	"iframe": {"src"},
	"embed":  {"src"},
	"track":  {"src"},
	"audio":  {"src"},
	"video":  {"src", "poster"},
	"object": {"data"},
	"input":  {"src"},
	"use":    {"href", "xlink:href"},
	"image":  {"href", "xlink:href"},
}

// cursor turns byte offsets into lines and columns as the tokenizer moves
// forward, so that a page costs one pass however many tags it has.
type cursor struct {
	offset, line, lineStart int
}

func (c *cursor) at(delta int) (line, col int) { return c.line, c.offset + delta - c.lineStart + 1 }

// within returns the position of offset i inside raw, which starts at the
// cursor.
func (c *cursor) within(raw []byte, i int) (line, col int) {
	before := raw[:i]
	n := bytes.Count(before, []byte("\n"))
	if n == 0 {
		return c.at(i)
	}
	return c.line + n, i - bytes.LastIndexByte(before, '\n')
}

func (c *cursor) advance(raw []byte) {
	if n := bytes.Count(raw, []byte("\n")); n > 0 {
		c.line += n
		c.lineStart = c.offset + bytes.LastIndexByte(raw, '\n') + 1
	}
	c.offset += len(raw)
}

// Parse reads one HTML page, keeping the position of every reference.
func Parse(rel string, data []byte) *Page {
	p := &Page{Path: rel, HTML: true, IDs: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	cur := cursor{line: 1}
	inStyle := false
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			return p
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			line, col := cur.at(0)
			name := p.tag(z, line, col)
			inStyle = name == "style" && tt == html.StartTagToken
		case html.TextToken:
			if inStyle {
				for _, u := range cssURLs(raw) {
					l, c := cur.within(raw, u.offset)
					p.Refs = append(p.Refs, Ref{URL: u.url, Tag: "style", Attr: "url()", Line: l, Col: c})
				}
			}
		case html.EndTagToken:
			inStyle = false
		}
		cur.advance(raw)
	}
}

// tag records what one start tag declares and refers to, and returns its
// name.
func (p *Page) tag(z *html.Tokenizer, line, col int) string {
	nameBytes, more := z.TagName()
	name := string(nameBytes)
	at := func(url, attr string) Ref { return Ref{URL: url, Tag: name, Attr: attr, Line: line, Col: col} }
	var rel, hreflang, href, httpEquiv, content string
	var hasHref bool
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		key, val := string(k), string(v)
		switch {
		case key == "id" || (name == "a" && key == "name"):
			if _, seen := p.IDs[val]; seen && key == "id" {
				p.Dups = append(p.Dups, at(val, key))
			} else if !seen {
				p.IDs[val] = line
			}
		case key == "srcset" && (name == "img" || name == "source"):
			for _, u := range srcset(val) {
				p.Refs = append(p.Refs, at(u, key))
			}
		case key == "style":
			for _, u := range cssURLs(v) {
				p.Refs = append(p.Refs, at(u.url, "style"))
			}
		case key == "lang" && name == "html":
			p.Lang, p.HasLang = strings.TrimSpace(val), true
		case key == "rel":
			rel = val
		case key == "hreflang":
			hreflang = val
		case key == "http-equiv":
			httpEquiv = val
		case key == "content":
			content = val
		}
		if key == "href" {
			href, hasHref = val, true
		}
		for _, a := range refAttrs[name] {
			if key == a {
				p.Refs = append(p.Refs, at(val, key))
			}
		}
	}
	switch name {
	case "html":
		p.LangAt = at("", "lang")
	case "base":
		if hasHref && p.Base == "" {
			p.Base = href
		}
	case "meta":
		if strings.EqualFold(strings.TrimSpace(httpEquiv), "refresh") {
			if u, ok := refreshURL(content); ok {
				p.Refs = append(p.Refs, at(u, "content"))
			}
		}
	}
	if hasHref && hreflang != "" {
		a := Alternate{Hreflang: strings.TrimSpace(hreflang), Ref: at(href, "href")}
		p.Hreflang = append(p.Hreflang, a)
		if name == "link" && hasToken(rel, "alternate") {
			p.Alternates = append(p.Alternates, a)
		}
	}
	if name == "link" && hasHref && hasToken(rel, "canonical") {
		p.Canonical = append(p.Canonical, at(href, "href"))
	}
	return name
}

// hasToken reports whether a space-separated attribute such as rel holds
// the keyword, compared as HTML compares them (ASCII case-insensitively).
func hasToken(list, token string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// srcset returns the URLs of an srcset attribute ("a.png 1x, b.png 2x"),
// following the HTML standard's parsing rules: a URL runs to the next
// white space, and a comma ends a candidate.
func srcset(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		trailing := strings.HasSuffix(u, ",")
		u = strings.TrimRight(u, ",")
		if u != "" {
			out = append(out, u)
		}
		if trailing {
			continue
		}
		// Skip the descriptors ("2x", "480w"); parentheses may hold commas.
		depth := 0
		for i < len(s) && (depth > 0 || s[i] != ',') {
			switch s[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			i++
		}
	}
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// refreshURL returns the address of <meta http-equiv="refresh"
// content="5; url=/en/">, as the HTML standard parses it.
func refreshURL(content string) (string, bool) {
	s := strings.TrimLeft(content, " \t\n\r\f")
	s = strings.TrimLeft(s, "0123456789.")
	s = strings.TrimLeft(s, " \t\n\r\f")
	if s == "" || (s[0] != ';' && s[0] != ',') {
		return "", false
	}
	s = strings.TrimLeft(s[1:], " \t\n\r\f")
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		rest := strings.TrimLeft(s[3:], " \t\n\r\f")
		if strings.HasPrefix(rest, "=") {
			s = strings.TrimLeft(rest[1:], " \t\n\r\f")
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if i := strings.IndexByte(s, q); i >= 0 {
			s = s[:i]
		}
	}
	// "5;" with no address reloads the page itself.
	return s, s != ""
}
