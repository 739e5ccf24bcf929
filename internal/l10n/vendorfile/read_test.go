package vendorfile

import (
	"slices"
	"strings"
	"testing"

	xunicode "golang.org/x/text/encoding/unicode"
)

const xliffHead = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="statement/es" source-language="en-US" target-language="es-US" datatype="plaintext"><body>
`

func xliffWith(units string) string { return xliffHead + units + "\n</body></file></xliff>\n" }

func readOne(t *testing.T, doc string) (Unit, []Problem) {
	t.Helper()
	f, problems := ReadXLIFF([]byte(doc))
	if len(f.Units) != 1 {
		t.Fatalf("read %d units, problems %v", len(f.Units), problems)
	}
	return f.Units[0], problems
}

// Trados and memoQ segment the source and the target into sentences with
// <mrk mtype="seg">: the text between and inside the markers is the text.
func TestXLIFFSegmentation(t *testing.T) {
	u, problems := readOne(t, xliffWith(`<trans-unit id="page#1" xml:space="preserve">
<source>One. Two.</source>
<seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="1">Uno.</mrk> <mrk mtype="seg" mid="2">Dos &amp; <![CDATA[tres <b>]]>.</mrk></target>
</trans-unit>`))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if u.Source != "One. Two." || u.Target != "Uno. Dos & tres <b>." || u.State != "translated" {
		t.Errorf("read %+v", u)
	}
}

// Inline tags carry formatting the exported text does not have: each is
// named with what to do, at its line.
func TestXLIFFInlineTags(t *testing.T) {
	for tag, want := range map[string]string{
		`<g id="1">bold</g>`:                   `6:21: unit "a": the target holds <g>; it is a CAT tool's inline tag`,
		`<x id="1"/>`:                          `the target holds <x>; it is a CAT tool's inline tag, and the exported text has none`,
		`<mrk mtype="protected">{{ x }}</mrk>`: `the target holds <mrk mtype="protected">; the exported text has no such marker: write the text itself in its place`,
	} {
		_, problems := ReadXLIFF([]byte(xliffWith("<trans-unit id=\"a\">\n<source>x</source>\n<target>y " + tag + "</target></trans-unit>")))
		if !slices.ContainsFunc(problems, func(p Problem) bool { return strings.Contains(p.String(), want) }) {
			t.Errorf("%s: problems %v, want %q", tag, problems, want)
		}
	}
}

// XML's whitespace rules: a re-flowed target under xml:space="default"
// (or none) is one line again, and 大使館 stays one word; under
// "preserve" the text is kept as it is, and Reflow holds it to the shape
// of its English.
func TestXLIFFWhitespace(t *testing.T) {
	u, _ := readOne(t, xliffWith(`<trans-unit id="a"><source>The
      embassy  or consulate.</source><target>
        如果您可以聯絡大使
        館或領事館。
      </target></trans-unit>`))
	if u.Source != "The embassy or consulate." || u.Target != "如果您可以聯絡大使館或領事館。" {
		t.Errorf("default space: read %q, %q", u.Source, u.Target)
	}
	u, _ = readOne(t, xliffWith("<trans-unit id=\"a\" xml:space=\"preserve\"><source>Two\nlines</source><target xml:space=\"default\"> Dos\n  líneas\t</target></trans-unit>"))
	if u.Source != "Two\nlines" || u.Target != "Dos líneas" {
		t.Errorf("preserve on the unit, default on the target: read %q, %q", u.Source, u.Target)
	}
	u, _ = readOne(t, xliffWith("<trans-unit id=\"a\" xml:space=\"preserve\"><source>x</source><target> y\t</target></trans-unit>"))
	if u.Target != " y\t" {
		t.Errorf("preserve: read %q", u.Target)
	}
}

func TestReflow(t *testing.T) {
	for _, c := range []struct{ english, target, want string }{
		{"One line.", "Una\n          línea.\t", "Una línea."},
		{"One line.", "大使\n   館", "大使館"},
		{"One line.", "大使館\n   (embassy)", "大使館 (embassy)"},
		{"One line.", "대사관\n에 연락", "대사관 에 연락"}, // Korean separates words with spaces
		{"One line.", "Idiomas\n", "Idiomas"},
		{"One line.", "a  b", "a  b"}, // not a re-flow: kept
		{"Two\nlines", "Dos\nlíneas\n", "Dos\nlíneas"},
	} {
		if got := Reflow(c.english, c.target); got != c.want {
			t.Errorf("Reflow(%q, %q) = %q, want %q", c.english, c.target, got, c.want)
		}
	}
}

// A file in another encoding is read in the encoding it declares, with
// its lines where they were; an unknown one is refused by name.
func TestEncodings(t *testing.T) {
	latin1 := strings.Replace(xliffWith("<trans-unit id=\"a\"><source>x</source><target>declaraci\xf3n</target></trans-unit>"), "UTF-8", "ISO-8859-1", 1)
	u, problems := readOne(t, latin1)
	if len(problems) > 0 || u.Target != "declaración" {
		t.Errorf("ISO-8859-1: %q %v", u.Target, problems)
	}
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(strings.Replace(xliffWith("<trans-unit id=\"a\"><source>x</source><target>大使館</target></trans-unit>"), "UTF-8", "UTF-16", 1))
	if err != nil {
		t.Fatal(err)
	}
	if u, problems := readOne(t, utf16); len(problems) > 0 || u.Target != "大使館" {
		t.Errorf("UTF-16: %q %v", u.Target, problems)
	}
	// Saved as UTF-8 under an old declaration: refused, not garbled.
	_, problems = ReadXLIFF([]byte(strings.Replace(xliffWith("<trans-unit id=\"a\"><source>x</source><target>declaración</target></trans-unit>"), "UTF-8", "ISO-8859-1", 1)))
	if len(problems) != 1 || !strings.Contains(problems[0].Message, `the file says its encoding is "ISO-8859-1", but it is UTF-8: correct the declaration`) {
		t.Errorf("UTF-8 declared ISO-8859-1: %v", problems)
	}
	_, problems = ReadXLIFF([]byte(strings.Replace(xliffHead, "UTF-8", "x-unheard-of", 1)))
	if len(problems) != 1 || !strings.Contains(problems[0].Message, `the file says its encoding is "x-unheard-of", which this tool does not know: save the file as UTF-8`) {
		t.Errorf("unknown encoding: %v", problems)
	}
	po := "msgid \"\"\nmsgstr \"\"\n\"Language: es\\n\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"declaraci\xf3n\"\n"
	f, problems := ReadPO([]byte(po))
	if len(problems) > 0 || len(f.Units) != 1 || f.Units[0].Target != "declaración" || f.Units[0].Line != 6 {
		t.Errorf("PO in ISO-8859-1: %+v %v", f.Units, problems)
	}
}

// msgmerge, Poedit and Weblate put obsolete entries last: the entry
// before them is read whole, and no flag of an obsolete entry reaches the
// next one. A byte order mark is skipped; xliff2po's references are
// unit ids with # written %23.
func TestPOAsToolsWriteIt(t *testing.T) {
	po := "\xef\xbb\xbf# Exported\nmsgid \"\"\nmsgstr \"Language: es\\n\"\n\n" +
		"#, fuzzy\n#~ msgctxt \"old\"\n#~ msgid \"Old\"\n#~ msgstr \"Viejo\"\n\n" +
		"#: page%23title\nmsgid \"Title\"\nmsgstr \"Título\"\n\n" +
		"msgctxt \"last\"\nmsgid \"Last\"\nmsgstr \"Último\"\n\n" +
		"#~ msgctxt \"gone\"\n#~ msgid \"Gone\"\n#~ msgstr \"Ido\"\n"
	f, problems := ReadPO([]byte(po))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if f.TargetLanguage != "es" || len(f.Units) != 2 {
		t.Fatalf("read %+v", f)
	}
	first, last := f.Units[0], f.Units[1]
	if first.ID != "" || !slices.Equal(first.References, []string{"page#title"}) || first.Target != "Título" || first.State != "translated" {
		t.Errorf("first: %+v", first)
	}
	if last.ID != "last" || last.Target != "Último" || last.Line != 14 {
		t.Errorf("last: %+v", last)
	}
}
