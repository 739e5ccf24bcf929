package vendorfile

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// XLIFF 1.2, as the OASIS standard defines it
// (urn:oasis:names:tc:xliff:document:1.2). What is written validates
// against the strict schema (testdata/xliff-core-1.2-strict.xsd).
const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

type xliffUnit struct {
	ID     string       `xml:"id,attr"`
	Source xliffText    `xml:"source"`
	Target *xliffTarget `xml:"target"`
	Alt    []struct {
		Source xliffText `xml:"source"`
	} `xml:"alt-trans"`
}

type xliffText struct {
	Text  string `xml:",chardata"`
	Inner []byte `xml:",innerxml"`
}

type xliffTarget struct {
	State string `xml:"state,attr"`
	Text  string `xml:",chardata"`
	Inner []byte `xml:",innerxml"`
}

// WriteXLIFF writes f as an XLIFF 1.2 document. Output depends only on f.
func WriteXLIFF(w io.Writer, f File) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff version=\"1.2\" xmlns=%q>\n", xliffNS)
	fmt.Fprintf(&b, "  <file original=\"statement\" source-language=%s target-language=%s datatype=\"plaintext\">\n", attr(f.SourceLanguage), attr(f.TargetLanguage))
	b.WriteString("    <header>\n      <note>Exported by `statement i18n export`. Translate each target; keep link addresses (in parentheses), heading ids ({#...}), placeholders ({{ .Date }}) and Markdown marks (**, *) as they are. Import with `statement i18n import FILE`.</note>\n    </header>\n")
	b.WriteString("    <body>\n")
	for _, u := range f.Units {
		fmt.Fprintf(&b, "      <trans-unit id=%s xml:space=\"preserve\">\n", attr(u.ID))
		fmt.Fprintf(&b, "        <source>%s</source>\n", text(u.Source))
		if u.Target != "" || u.State != "" {
			state := ""
			if u.State != "" {
				state = " state=" + attr(u.State)
			}
			fmt.Fprintf(&b, "        <target%s>%s</target>\n", state, text(u.Target))
		}
		if u.Previous != "" {
			fmt.Fprintf(&b, "        <alt-trans origin=\"previous-english\">\n          <source>%s</source>\n", text(u.Previous))
			if u.Target != "" {
				fmt.Fprintf(&b, "          <target>%s</target>\n", text(u.Target))
			}
			b.WriteString("        </alt-trans>\n")
		}
		for _, n := range u.Notes {
			fmt.Fprintf(&b, "        <note>%s</note>\n", text(n))
		}
		if file, line, ok := strings.Cut(u.Location, ":"); ok || file != "" {
			b.WriteString("        <context-group purpose=\"location\">\n")
			fmt.Fprintf(&b, "          <context context-type=\"sourcefile\">%s</context>\n", text(file))
			if line != "" {
				fmt.Fprintf(&b, "          <context context-type=\"linenumber\">%s</context>\n", text(line))
			}
			b.WriteString("        </context-group>\n")
		}
		b.WriteString("      </trans-unit>\n")
	}
	b.WriteString("    </body>\n  </file>\n</xliff>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	// EscapeText writes a newline as &#xA;: keep it readable.
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}

func attr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return `"` + b.String() + `"`
}

// ReadXLIFF reads an XLIFF 1.2 document. A source or target holding
// inline elements (a CAT tool's <g>, <x/>, <ph>) is a problem: the
// statement's units are plain text with literal Markdown.
func ReadXLIFF(data []byte) (File, []Problem) {
	if p, bad := invalidUTF8(data); bad {
		return File{}, []Problem{p}
	}
	var f File
	var problems []Problem
	dec := xml.NewDecoder(bytes.NewReader(data))
	sawRoot := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			return f, append(problems, Problem{line, col, "the XML is not well formed: " + err.Error()})
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, col := dec.InputPos()
		switch start.Name.Local {
		case "xliff":
			sawRoot = true
			if start.Name.Space != xliffNS || attrValue(start, "version") != "1.2" {
				problems = append(problems, Problem{line, col, fmt.Sprintf("not an XLIFF 1.2 document (namespace %q, version %q); export again and translate that file", start.Name.Space, attrValue(start, "version"))})
			}
		case "file":
			if f.TargetLanguage != "" {
				problems = append(problems, Problem{line, col, "more than one <file>: import one language's export at a time"})
			}
			f.SourceLanguage = attrValue(start, "source-language")
			f.TargetLanguage = attrValue(start, "target-language")
		case "trans-unit":
			var tu xliffUnit
			if err := dec.DecodeElement(&tu, &start); err != nil {
				return f, append(problems, Problem{line, col, "the XML is not well formed: " + err.Error()})
			}
			u := Unit{ID: tu.ID, Source: tu.Source.Text, Line: line, State: "new"}
			if inline(tu.Source.Inner) {
				problems = append(problems, Problem{line, col, fmt.Sprintf("unit %q: the source holds XML elements; the exported units are plain text", tu.ID)})
			}
			if tu.Target != nil {
				u.Target, u.State = tu.Target.Text, tu.Target.State
				if inline(tu.Target.Inner) {
					problems = append(problems, Problem{line, col, fmt.Sprintf("unit %q: the target holds XML elements (%s); write the text with its Markdown as the source has it", tu.ID, firstTag(tu.Target.Inner))})
				}
			}
			for _, a := range tu.Alt {
				u.Previous = a.Source.Text
			}
			f.Units = append(f.Units, u)
		}
	}
	if !sawRoot {
		problems = append(problems, Problem{1, 1, "no <xliff> element: this is not an XLIFF file"})
	}
	return f, problems
}

func attrValue(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func inline(inner []byte) bool { return bytes.ContainsRune(inner, '<') }

func firstTag(inner []byte) string {
	i := bytes.IndexByte(inner, '<')
	j := bytes.IndexAny(inner[i:], " />")
	if j < 0 {
		return strconv.Quote(string(inner[i:]))
	}
	return string(inner[i:i+j]) + ">"
}
