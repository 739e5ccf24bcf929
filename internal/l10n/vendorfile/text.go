package vendorfile

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/width"
)

// bom is the UTF-8 byte order mark, which Windows tools put at the start
// of a file.
var bom = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 turns a file a tool saved in another encoding into UTF-8: UTF-16
// by its byte order mark, or the encoding the file declares (label, from
// the XML declaration or the PO header). Lines stay where they were, so a
// problem found later is still at its line. A file in UTF-8 is only
// checked.
func toUTF8(data []byte, label string) ([]byte, []Problem) {
	var dec []byte
	var err error
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		dec, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec, err = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	case label == "" || isUTF8Label(label):
		dec = data
	default:
		enc, lookupErr := htmlindex.Get(label)
		if lookupErr != nil {
			return nil, []Problem{{1, 1, fmt.Sprintf("the file says its encoding is %q, which this tool does not know: save the file as UTF-8", label)}}
		}
		// Text in a legacy encoding is almost never valid UTF-8 once it
		// has a letter beyond ASCII; a file that is, was saved as UTF-8
		// under an old declaration, and decoding it would garble every
		// accented letter.
		if utf8.Valid(data) && !isASCII(data) {
			return nil, []Problem{{1, 1, fmt.Sprintf("the file says its encoding is %q, but it is UTF-8: correct the declaration to UTF-8 (XML: encoding=\"UTF-8\"; PO: charset=UTF-8)", label)}}
		}
		dec, err = enc.NewDecoder().Bytes(data)
	}
	if err != nil {
		return nil, []Problem{{1, 1, fmt.Sprintf("the file cannot be read as %s (%v): save the file as UTF-8", encodingName(data, label), err)}}
	}
	if p, bad := invalidUTF8(dec); bad {
		if !isUTF8Label(label) && label != "" {
			p.Message = fmt.Sprintf("the file says its encoding is %q, but %s", label, p.Message)
		}
		return nil, []Problem{p}
	}
	return dec, nil
}

func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func isUTF8Label(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	return l == "utf-8" || l == "utf8"
}

func encodingName(data []byte, label string) string {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "UTF-16"
	}
	return label
}

// invalidUTF8 finds the first byte of data that is not UTF-8.
func invalidUTF8(data []byte) (Problem, bool) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return Problem{line, col, fmt.Sprintf("byte 0x%02x is not UTF-8: save the file as UTF-8", data[i])}, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return Problem{}, false
}

// isXMLSpace is XML's white space: the only characters its whitespace
// rules touch. A no-break space is text.
func isXMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// CollapseSpace is what XML's xml:space="default" lets an application do
// with text, and what this tool does: each run of white space becomes one
// space, and none is kept at either end. A run that holds a line break
// (a CAT tool re-flowing a long target) is joined by the rule browsers
// use for a line break in text (CSS Text 3, segment break transformation):
// nothing between two East Asian wide characters (大使\n館 is 大使館), a
// space elsewhere.
func CollapseSpace(s string) string {
	return joinRuns(s, func(run string) bool { return true })
}

// Reflow holds a translated text to the shape of its English: no white
// space at either end (a trailing newline or tab that a tool added, which
// msgfmt -c also refuses), and, where the English is one line, no line
// break a tool's re-flow added, joined as CollapseSpace joins it. A text
// whose English has several lines keeps its line breaks.
func Reflow(english, target string) string {
	target = strings.TrimFunc(target, isXMLSpace)
	if strings.Contains(strings.TrimFunc(english, isXMLSpace), "\n") {
		return target
	}
	return joinRuns(target, func(run string) bool { return strings.ContainsAny(run, "\n\r") })
}

// joinRuns replaces each run of XML white space for which join is true,
// and trims the ends.
func joinRuns(s string, join func(run string) bool) string {
	s = strings.TrimFunc(s, isXMLSpace)
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isXMLSpace(r) {
			b.WriteRune(r)
			i += size
			continue
		}
		j := i
		for j < len(s) && isXMLSpace(rune(s[j])) {
			j++
		}
		run := s[i:j]
		switch {
		case !join(run):
			b.WriteString(run)
		case strings.ContainsAny(run, "\n\r") && wideBoth(s[:i], s[j:]):
			// A line break between two wide characters is no space.
		default:
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

// wideBoth reports whether the text before a line break ends, and the
// text after it starts, with an East Asian wide character other than
// Hangul (Korean separates words with spaces).
func wideBoth(before, after string) bool {
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return isWide(r1) && isWide(r2)
}

func isWide(r rune) bool {
	if unicode.Is(unicode.Hangul, r) {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return true
	}
	return false
}
