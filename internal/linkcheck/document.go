package linkcheck

import (
	"bytes"
	"strings"

	"dhcs.ca.gov/statement/internal/htmldoc"
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

func (c *cursor) advance(raw []byte) {
	if n := bytes.Count(raw, []byte("\n")); n > 0 {
		c.line += n
		c.lineStart = c.offset + bytes.LastIndexByte(raw, '\n') + 1
	}
	c.offset += len(raw)
}

// Parse reads one HTML page, keeping the position of every reference.
func Parse(rel string, data []byte) *Page { return FromDoc(rel, htmldoc.Parse(data)) }

// FromDoc is Parse for a page already parsed: the build reads and parses
// each page once for all its checks.
func FromDoc(rel string, d *htmldoc.Doc) *Page {
	p := &Page{Path: rel, HTML: true, IDs: map[string]int{}}
	for i := range d.Tags {
		t := &d.Tags[i]
		p.tag(t)
		for _, x := range t.Style {
			for _, u := range cssURLs(x.Raw) {
				l, c := x.Within(u.offset)
				p.Refs = append(p.Refs, Ref{URL: u.url, Tag: "style", Attr: "url()", Line: l, Col: c})
			}
		}
	}
	return p
}

// tag records what one start tag declares and refers to.
func (p *Page) tag(t *htmldoc.Tag) {
	name, line, col := t.Name, t.Line, t.Col
	at := func(url, attr string) Ref { return Ref{URL: url, Tag: name, Attr: attr, Line: line, Col: col} }
	var rel, hreflang, href, httpEquiv, content string
	var hasHref bool
	for _, a := range t.Attrs {
		key, val := a.Key, a.Val
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
			for _, u := range cssURLs([]byte(val)) {
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
		for _, ra := range refAttrs[name] {
			if key == ra {
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
