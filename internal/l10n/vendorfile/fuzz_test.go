package vendorfile

import (
	"bytes"
	"testing"
)

// Neither reader panics on any input, and every unit it returns has a
// line in the file. The seeds are what the writers write.
func FuzzReadPO(f *testing.F) {
	var b bytes.Buffer
	if err := WritePO(&b, sample); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("msgid \"\"\nmsgstr \"Language: es\\n\"\n#| msgid \"\"\n#| \"a\\n\"\nmsgctxt \"x\"\nmsgid \"\"\n\"b\"\nmsgstr \"c\"\n#~ msgid \"old\"\n"))
	// As tools write it back: a byte order mark, a legacy charset,
	// xliff2po's references, obsolete entries last.
	f.Add([]byte("\xef\xbb\xbfmsgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n#: page%23title\n#, fuzzy\nmsgid \"T\"\nmsgstr \"T\xedtulo\"\n\n#~ msgctxt \"gone\"\n#~ msgid \"G\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _ := ReadPO(data)
		for _, u := range file.Units {
			if u.Line < 1 {
				t.Fatalf("unit %q on line %d", u.ID, u.Line)
			}
		}
	})
}

func FuzzReadXLIFF(f *testing.F) {
	var b bytes.Buffer
	if err := WriteXLIFF(&b, sample); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	// Segmented as Trados writes it, re-flowed, with CDATA and a tag.
	f.Add([]byte(xliffWith("<trans-unit id=\"a\"><source>A. B.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">A.</mrk> <mrk mtype=\"seg\" mid=\"2\">B.</mrk></seg-source><target>\n  <mrk mtype=\"seg\" mid=\"1\">大使\n  館</mrk> <![CDATA[<b>]]><g id=\"1\">x</g></target><context-group><context context-type=\"sourcefile\">page#1</context></context-group></trans-unit>")))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _ := ReadXLIFF(data)
		for _, u := range file.Units {
			if u.Line < 1 {
				t.Fatalf("unit %q on line %d", u.ID, u.Line)
			}
		}
	})
}
