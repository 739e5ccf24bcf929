package vendorfile

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// XLIFF 1.2, as the OASIS standard defines it
// (urn:oasis:names:tc:xliff:document:1.2). What is written validates
// against the strict schema (testdata/xliff-core-1.2-strict.xsd).
const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

// WriteXLIFF writes f as an XLIFF 1.2 document. Output depends only on f.
func WriteXLIFF(w io.Writer, f File) error {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff version=\"1.2\" xmlns=%q>\n", xliffNS)
	original := "statement"
	if f.ExportedFor != "" {
		original = originPrefix + f.ExportedFor
	}
	fmt.Fprintf(&b, "  <file original=%s source-language=%s target-language=%s datatype=\"plaintext\">\n", attr(original), attr(f.SourceLanguage), attr(f.TargetLanguage))
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
