package vendorfile

import (
	"bytes"
	"testing"
)

func TestIsExport(t *testing.T) {
	f := File{SourceLanguage: "en-US", TargetLanguage: "es-US", Units: []Unit{{ID: "skip_link", Source: "Skip", State: "new"}}}
	var x, p bytes.Buffer
	if err := WriteXLIFF(&x, f); err != nil {
		t.Fatal(err)
	}
	if err := WritePO(&p, f); err != nil {
		t.Fatal(err)
	}
	if !IsExport(x.Bytes()) || !IsExport(p.Bytes()) {
		t.Error("an export is not recognised")
	}
	for _, other := range []string{"", "baseURL = \"https://x/\"\n", "---\ntitle: x\n---\n", "msgid \"\"\nmsgstr \"Project-Id-Version: other\\n\"\n", "<xliff version=\"1.2\"><file original=\"other\">"} {
		if IsExport([]byte(other)) {
			t.Errorf("%q is taken for an export", other)
		}
	}
}
