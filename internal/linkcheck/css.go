package linkcheck

import (
	"bytes"
	"strings"
)

// cssURL is one address a style sheet loads, with its byte offset.
type cssURL struct {
	url    string
	offset int
}

// ParseCSS reads one style sheet: its url() and @import references.
func ParseCSS(rel string, data []byte) *Page {
	p := &Page{Path: rel}
	cur := cursor{line: 1}
	for _, u := range cssURLs(data) { // in the order of their offsets
		cur.advance(data[cur.offset:u.offset])
		line, col := cur.at(0)
		p.Refs = append(p.Refs, Ref{URL: u.url, Tag: "css", Attr: "url()", Line: line, Col: col})
	}
	return p
}

// cssURLs finds url(...) and @import "..." in CSS, skipping comments and
// the insides of other strings. It is a scanner, not a CSS parser: enough
// for the references, which is all a link check needs.
func cssURLs(css []byte) []cssURL {
	var out []cssURL
	for i := 0; i < len(css); {
		switch c := css[i]; {
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				return out
			}
			i += end + 4
		case c == '"' || c == '\'':
			_, next := cssString(css, i)
			i = next
		case (c == 'u' || c == 'U') && hasFoldPrefix(css[i:], "url(") && (i == 0 || !isNameByte(css[i-1])):
			j := i + 4
			for j < len(css) && isSpace(css[j]) {
				j++
			}
			if j < len(css) && (css[j] == '"' || css[j] == '\'') {
				s, next := cssString(css, j)
				out = append(out, cssURL{s, i})
				i = next
				continue
			}
			end := j
			for end < len(css) && css[end] != ')' {
				if css[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(css) {
				return out
			}
			out = append(out, cssURL{strings.TrimSpace(unescapeCSS(css[j:end])), i})
			i = end + 1
		case c == '@' && hasFoldPrefix(css[i:], "@import"):
			j := i + len("@import")
			for j < len(css) && isSpace(css[j]) {
				j++
			}
			if j < len(css) && (css[j] == '"' || css[j] == '\'') {
				s, next := cssString(css, j)
				out = append(out, cssURL{s, i})
				i = next
				continue
			}
			i = j // url(...) is found by the next turn
		default:
			i++
		}
	}
	return out
}

// cssString reads the quoted string starting at css[i] and returns its
// value and the offset after it.
func cssString(css []byte, i int) (string, int) {
	q := css[i]
	j := i + 1
	for j < len(css) && css[j] != q && css[j] != '\n' {
		if css[j] == '\\' {
			j++
		}
		j++
	}
	end := min(j, len(css))
	return unescapeCSS(css[i+1 : end]), end + 1
}

// unescapeCSS undoes the simple escapes ("\)" "\"") that appear in URLs;
// hexadecimal escapes are left alone, as no sane URL needs them.
func unescapeCSS(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	var s strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && !isHex(b[i+1]) {
			i++
		}
		s.WriteByte(b[i])
	}
	return s.String()
}

func hasFoldPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

func isNameByte(b byte) bool {
	return b == '-' || b == '_' || b >= 0x80 || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z') || ('0' <= b && b <= '9')
}

func isHex(b byte) bool {
	return ('0' <= b && b <= '9') || ('a' <= b && b <= 'f') || ('A' <= b && b <= 'F')
}
