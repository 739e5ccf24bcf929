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
	f.Fuzz(func(t *testing.T, data []byte) {
		file, _ := ReadXLIFF(data)
		for _, u := range file.Units {
			if u.Line < 1 {
				t.Fatalf("unit %q on line %d", u.ID, u.Line)
			}
		}
	})
}
