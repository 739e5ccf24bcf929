package vendorfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// xliff11NS is XLIFF 1.1's namespace, which the Translate Toolkit's
// po2xliff still writes. The elements read here are the same in 1.1.
const xliff11NS = "urn:oasis:names:tc:xliff:document:1.1"

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// originPrefix starts <file original>: the rest is the language the file
// was exported for (File.ExportedFor).
const originPrefix = "statement/"

var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']`)

// ReadXLIFF reads an XLIFF 1.2 document as CAT tools write it back (and
// 1.1, as the Translate Toolkit's po2xliff writes it).
//
// Text follows XML's rules: under xml:space="preserve" it is kept as it
// is; otherwise (xml:space="default", or none) it is collapsed as
// CollapseSpace says, so that a tool re-flowing a long target does not
// put line breaks and indentation into the page. Segmentation that
// Trados and memoQ add (<seg-source>, <mrk mtype="seg">) is unwrapped:
// it marks where sentences are and changes no text. Any other inline
// element (<g>, <x/>, a protected <mrk>) is a problem, named with what to
// do: the exported units are plain text with literal Markdown.
func ReadXLIFF(data []byte) (File, []Problem) {
	var label string
	if m := xmlEncoding.FindSubmatch(bytes.TrimPrefix(data, bom)); m != nil {
		label = string(m[1])
	}
	data, problems := toUTF8(data, label)
	if len(problems) > 0 {
		return File{}, problems
	}
	r := &xliffReader{dec: xml.NewDecoder(bytes.NewReader(data))}
	// toUTF8 has decoded the text already, whatever the declaration says.
	r.dec.CharsetReader = func(_ string, rest io.Reader) (io.Reader, error) { return rest, nil }
	r.read()
	if r.broken != nil {
		// What else looked wrong is most likely the break's doing.
		return r.f, []Problem{*r.broken}
	}
	if !r.sawRoot && len(r.problems) == 0 {
		r.problems = append(r.problems, Problem{1, 1, "no <xliff> element: this is not an XLIFF file"})
	}
	return r.f, r.problems
}

type xliffReader struct {
	dec      *xml.Decoder
	f        File
	problems []Problem
	sawRoot  bool
	files    int
	broken   *Problem // where the XML is not well formed
}

func (r *xliffReader) problem(format string, args ...any) {
	line, col := r.dec.InputPos()
	r.problems = append(r.problems, Problem{line, col, fmt.Sprintf(format, args...)})
}

// token is the next token; false at the end of the document or at an
// error, which it reports where the XML breaks.
func (r *xliffReader) token() (xml.Token, bool) {
	tok, err := r.dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, false
	}
	if err != nil {
		r.malformed(err)
		return nil, false
	}
	return tok, true
}

// skip skips the rest of the element just started; false at an error.
func (r *xliffReader) skip() bool {
	if err := r.dec.Skip(); err != nil {
		r.malformed(err)
		return false
	}
	return true
}

// malformed reports an XML error where the XML breaks, which is not
// always where the unit around it starts.
func (r *xliffReader) malformed(err error) {
	line, col := r.dec.InputPos()
	msg := err.Error()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Line != line {
			col = 1
		}
		line, msg = se.Line, se.Msg
	}
	r.broken = &Problem{line, col, "the XML is not well formed: " + msg}
}

func (r *xliffReader) read() {
	spaces := []string{"default"} // xml:space of each open element
	for {
		tok, ok := r.token()
		if !ok {
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			space := spaceOf(t, spaces[len(spaces)-1])
			switch t.Name.Local {
			case "xliff":
				r.sawRoot = true
				version := attrValue(t, "version")
				if !(t.Name.Space == xliffNS && version == "1.2") && !(t.Name.Space == xliff11NS && version == "1.1") {
					r.problem("not an XLIFF 1.2 document (namespace %q, version %q); export again and translate that file", t.Name.Space, version)
				}
			case "file":
				r.files++
				if r.files > 1 {
					r.problem("more than one <file>: import one language's export at a time")
				}
				r.f.SourceLanguage = attrValue(t, "source-language")
				r.f.TargetLanguage = attrValue(t, "target-language")
				if rest, ok := strings.CutPrefix(attrValue(t, "original"), originPrefix); ok {
					r.f.ExportedFor = rest
				}
			case "trans-unit":
				if !r.unit(t, space) {
					return
				}
				continue // unit read up to its end tag
			}
			spaces = append(spaces, space)
		case xml.EndElement:
			if len(spaces) > 1 {
				spaces = spaces[:len(spaces)-1]
			}
		}
	}
}

// spaceOf is the xml:space in force inside e.
func spaceOf(e xml.StartElement, inherited string) string {
	for _, a := range e.Attr {
		if a.Name.Local == "space" && (a.Name.Space == xmlNS || a.Name.Space == "xml") {
			return a.Value
		}
	}
	return inherited
}

// unit reads one trans-unit, up to its end tag; false at an XML error.
func (r *xliffReader) unit(start xml.StartElement, space string) bool {
	line, col := r.dec.InputPos()
	u := Unit{ID: attrValue(start, "id"), Line: line, State: "new", Approved: attrValue(start, "approved") == "yes"}
	// po2xliff's header unit is the PO header, not a text.
	header := attrValue(start, "restype") == "x-gettext-domain-header"
	for {
		tok, ok := r.token()
		if !ok {
			return false
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if !header {
				if u.ID == "" && len(u.References) == 0 {
					r.problems = append(r.problems, Problem{line, col, "a <trans-unit> without an id: keep the ids as exported"})
				}
				r.f.Units = append(r.f.Units, u)
			}
			return true
		case xml.StartElement:
			sp := spaceOf(t, space)
			var ok bool
			switch t.Name.Local {
			case "source":
				u.Source, ok = r.text(t, sp, u.ID)
			case "target":
				u.Target, ok = r.text(t, sp, u.ID)
				u.State = attrValue(t, "state")
			case "alt-trans":
				u.Previous, ok = r.altSource(t, sp, u.ID)
			case "context-group":
				ok = r.contexts(&u)
			default: // seg-source repeats the source; notes, counts, tool data
				ok = r.skip()
			}
			if !ok {
				return false
			}
		}
	}
}

// text reads a source or target: its text with segmentation markers
// unwrapped, white space as xml:space says. Any other element in it is a
// problem.
func (r *xliffReader) text(start xml.StartElement, space, id string) (string, bool) {
	var b strings.Builder
	depth := 0 // open <mrk mtype="seg"> elements
	for {
		tok, ok := r.token()
		if !ok {
			return "", false
		}
		switch t := tok.(type) {
		case xml.CharData: // text and CDATA alike
			b.Write(t)
		case xml.StartElement:
			if t.Name.Local == "mrk" && attrValue(t, "mtype") == "seg" {
				depth++
				continue
			}
			r.problem("unit %q: the %s holds %s; %s", id, start.Name.Local, describeInline(t), inlineAdvice(t))
			if !r.skip() {
				return "", false
			}
		case xml.EndElement:
			if depth == 0 {
				if space == "preserve" {
					return b.String(), true
				}
				return CollapseSpace(b.String()), true
			}
			depth--
		}
	}
}

func describeInline(e xml.StartElement) string {
	if t := attrValue(e, "mtype"); t != "" {
		return fmt.Sprintf("<%s mtype=%q>", e.Name.Local, t)
	}
	return "<" + e.Name.Local + ">"
}

func inlineAdvice(e xml.StartElement) string {
	if e.Name.Local == "mrk" {
		return "the exported text has no such marker: write the text itself in its place, as the source has it, and save the target without markers"
	}
	return "it is a CAT tool's inline tag, and the exported text has none (its formatting is the Markdown in the text: **bold**, [words](address)). Keep the words, remove the tag, and save the target as plain text"
}

// altSource reads an alt-trans: its source is the English the target was
// made from.
func (r *xliffReader) altSource(start xml.StartElement, space, id string) (string, bool) {
	var previous string
	for {
		tok, ok := r.token()
		if !ok {
			return "", false
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return previous, true
		case xml.StartElement:
			if t.Name.Local == "source" {
				if previous, ok = r.text(t, spaceOf(t, space), id); !ok {
					return "", false
				}
			} else if !r.skip() {
				return "", false
			}
		}
	}
}

// contexts reads a context-group: its source files are where the unit
// is, or (po2xliff) the unit's id.
func (r *xliffReader) contexts(u *Unit) bool {
	for {
		tok, ok := r.token()
		if !ok {
			return false
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return true
		case xml.StartElement:
			if t.Name.Local != "context" || attrValue(t, "context-type") != "sourcefile" {
				if !r.skip() {
					return false
				}
				continue
			}
			var text string
			if err := r.dec.DecodeElement(&text, &t); err != nil {
				r.malformed(err)
				return false
			}
			if text = strings.TrimSpace(text); text != "" {
				u.References = append(u.References, text)
			}
		}
	}
}

func attrValue(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
