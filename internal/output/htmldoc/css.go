package htmldoc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// Pos is a place in a file: 1-based line, byte column.
type Pos struct{ Line, Col int }

// CSS is what a style sheet, a <style> element or a style attribute
// loads, and where it asks for web fonts.
type CSS struct {
	// Refs are its url()s and @imports, each of Kind Render, Attr "url()"
	// and Tag "css" (a style sheet) or "style" (a <style> element).
	Refs []Ref
	// FontFaces are where its @font-face rules start.
	FontFaces []Pos
}

// ParseCSS reads a style sheet with tdewolff's CSS lexer, the one Hugo's
// minifier uses.
func ParseCSS(data []byte) *CSS {
	c := readCSS(data, Pos{1, 1}, false)
	return &c
}

// readCSS reads CSS text that starts at start in its file. Each address
// is placed where its url() or its @import's string starts. With atStart,
// everything found is placed at start (a style attribute, whose text may
// be escaped in the file).
func readCSS(data []byte, start Pos, atStart bool) CSS {
	var out CSS
	// The lexer may write a terminating zero into data's spare capacity,
	// past its end: every caller's data is its own (a file read for it, a
	// <style> text Parse copied, an attribute value converted).
	l := css.NewLexer(parse.NewInputBytes(data))
	cur := cursor{line: start.Line, lineStart: 1 - start.Col}
	pos := func() Pos {
		if atStart {
			return start
		}
		line, col := cur.at()
		return Pos{line, col}
	}
	afterImport := false // the next string is an @import's address
	for {
		tt, text := l.Next()
		if tt == css.ErrorToken {
			return out
		}
		here := pos()
		cur.advance(text)
		switch tt {
		case css.WhitespaceToken, css.CommentToken:
			continue
		case css.AtKeywordToken:
			switch strings.ToLower(UnescapeCSS(string(text))) {
			case "@font-face":
				out.FontFaces = append(out.FontFaces, here)
			case "@import":
				afterImport = true
				continue
			}
		case css.URLToken:
			out.Refs = append(out.Refs, Ref{URL: urlTokenValue(string(text)), Kind: Render, Tag: "css", Attr: "url()", Line: here.Line, Col: here.Col})
		case css.StringToken:
			if afterImport {
				s := string(text)
				out.Refs = append(out.Refs, Ref{URL: UnescapeCSS(s[1 : len(s)-1]), Kind: Render, Tag: "css", Attr: "url()", Line: here.Line, Col: here.Col})
			}
		}
		afterImport = false
	}
}

// urlTokenValue is the address in url(...), url("...") or url('...'),
// unescaped.
func urlTokenValue(tok string) string {
	if i := strings.IndexByte(tok, '('); i >= 0 {
		tok = tok[i+1:]
	}
	tok = strings.TrimSuffix(tok, ")")
	tok = strings.Trim(tok, " \t\n\r\f")
	if len(tok) >= 2 && (tok[0] == '"' || tok[0] == '\'') && tok[len(tok)-1] == tok[0] {
		tok = tok[1 : len(tok)-1]
	}
	return UnescapeCSS(tok)
}

// UnescapeCSS decodes CSS escapes as the CSS Syntax standard consumes
// them: a backslash and up to six hex digits (and one white space after
// them) is that code point, a backslash before a newline continues a
// string, and a backslash before anything else is that character
// ("x\)y.png" is "x)y.png").
func UnescapeCSS(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch {
		case i >= len(s):
			b.WriteRune(utf8.RuneError)
		case s[i] == '\n' || s[i] == '\f':
		case s[i] == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case isHex(s[i]):
			j := i
			for j < len(s) && j-i < 6 && isHex(s[j]) {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 16, 32)
			r := rune(v)
			if r == 0 || r > utf8.MaxRune || (0xD800 <= r && r <= 0xDFFF) {
				r = utf8.RuneError
			}
			b.WriteRune(r)
			if j < len(s) && isSpace(s[j]) {
				if s[j] == '\r' && j+1 < len(s) && s[j+1] == '\n' {
					j++
				}
				j++
			}
			i = j - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
