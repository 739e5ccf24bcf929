package htmldoc

import (
	"slices"
	"strings"
)

// Ref is one address a page or a style sheet names: the URL as written
// (HTML entities or CSS escapes decoded, as the browser reads it), what
// the browser does with it, the element and attribute it came from, and
// where it is in the file (1-based line, byte column). An attribute's
// reference is placed at its tag's "<"; a url() in a <style> element or a
// style sheet at the url() itself.
type Ref struct {
	URL       string
	Kind      Kind
	Tag, Attr string
	Line, Col int
}

// FromCSS reports whether the reference is a url() or @import: of a style
// sheet, a <style> element or a style attribute.
func (r Ref) FromCSS() bool { return r.Attr == "url()" || r.Attr == "style" }

// Kind says what a browser does with a reference.
type Kind uint8

const (
	// Follow: a link the reader follows, a document of its own (an
	// iframe), or one named without being fetched (rel=canonical,
	// alternate). Only what it runs matters to the page's budget.
	Follow Kind = iota
	// Submit: where a form is sent.
	Submit
	// Fetch: loaded by the browser, but not needed for the first view.
	Fetch
	// Render: loaded and needed before the first view: style sheets,
	// images, objects, SVG uses, and everything CSS loads.
	Render
	// Base: <base href>, against which the page's relative references
	// resolve.
	Base
)

// navigational link relations name another document without fetching it.
// Every other <link> is taken for a fetch, so that a new kind of request
// is checked rather than missed.
var navigational = []string{
	"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next",
	"nofollow", "noopener", "noreferrer", "opener", "prev", "privacy-policy", "search", "tag", "terms-of-service",
}

// HasToken reports whether a space-separated attribute such as rel holds
// the keyword, compared as HTML compares them (ASCII case-insensitively).
func HasToken(list, token string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// kindOf says what the browser does with the address in attribute key of
// t, and false when it is not an address.
func kindOf(t *Tag, key string) (Kind, bool) {
	switch key {
	case "href", "xlink:href":
		switch t.Name {
		case "a", "area":
			return Follow, true
		case "link":
			rel, _ := t.Get("rel")
			if HasToken(rel, "stylesheet") {
				return Render, true
			}
			rels := strings.Fields(strings.ToLower(rel))
			if len(rels) > 0 && !slices.ContainsFunc(rels, func(r string) bool { return !slices.Contains(navigational, r) }) {
				return Follow, true
			}
			return Fetch, true
		case "image", "use", "feimage":
			return Render, true
		case "base":
			return Base, key == "href"
		}
	case "src":
		switch t.Name {
		case "img", "embed", "input":
			return Render, true
		case "iframe", "frame":
			return Follow, true
		}
		return Fetch, true
	case "srcset":
		return Render, t.Name == "img" || t.Name == "source"
	case "poster":
		return Render, t.Name == "video"
	case "data":
		return Render, t.Name == "object"
	case "action", "formaction":
		return Submit, true
	case "ping", "background", "manifest":
		return Fetch, true
	}
	return 0, false
}

// refs appends the references of one start tag: its addresses, the CSS
// of its style attribute, a <meta http-equiv=refresh>.
func (t *Tag) refs(out []Ref) []Ref {
	at := func(url, attr string, k Kind) Ref {
		return Ref{URL: url, Kind: k, Tag: t.Name, Attr: attr, Line: t.Line, Col: t.Col}
	}
	for _, a := range t.Attrs {
		if a.Key == "style" {
			// Placed at the tag: a position inside an attribute's value
			// would not match the file's text, which may be escaped.
			css := readCSS([]byte(a.Val), Pos{t.Line, t.Col}, true)
			for _, r := range css.Refs {
				out = append(out, at(r.URL, "style", Render))
			}
			continue
		}
		k, ok := kindOf(t, a.Key)
		if !ok {
			continue
		}
		switch a.Key {
		case "srcset":
			for _, u := range Srcset(a.Val) {
				out = append(out, at(u, a.Key, k))
			}
		case "ping":
			for _, u := range strings.Fields(a.Val) {
				out = append(out, at(u, a.Key, k))
			}
		default:
			out = append(out, at(a.Val, a.Key, k))
		}
	}
	if t.Name == "meta" {
		if eq, _ := t.Get("http-equiv"); strings.EqualFold(strings.TrimSpace(eq), "refresh") {
			content, _ := t.Get("content")
			if u, ok := RefreshURL(content); ok {
				out = append(out, at(u, "content", Follow))
			}
		}
	}
	return out
}

// Srcset returns the URLs of an srcset attribute ("a.png 1x, b.png 2x"),
// following the HTML standard's parsing rules: a URL runs to the next
// white space, commas and all, and a comma ends a candidate
// ("data:image/png;base64,AAAA 1x" is one URL).
func Srcset(s string) []string {
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

// RefreshURL returns the address of <meta http-equiv="refresh"
// content="5; url=/en/">, as the HTML standard parses it.
func RefreshURL(content string) (string, bool) {
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

// IsJavaScriptURL recognises a javascript: URL as browsers do: ignoring
// case, the spaces around it, and the tabs and newlines they strip from
// any URL ("java\tscript:" runs too).
func IsJavaScriptURL(raw string) bool {
	const scheme = "javascript:"
	raw = strings.TrimSpace(raw)
	n := 0
	for i := 0; i < len(raw) && n < len(scheme); i++ {
		c := raw[i]
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != scheme[n] {
			return false
		}
		n++
	}
	return n == len(scheme)
}
