package vendorfile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var sample = File{
	SourceLanguage: "en-US",
	TargetLanguage: "es-US",
	ExportedFor:    "es",
	Units: []Unit{
		{ID: "page#1", Source: "See [help](https://example.org/a?b=1&c=2) <now>.", Target: "Vea [ayuda](https://example.org/a?b=1&c=2).", State: "needs-review-translation", Previous: "See [help](https://example.org/a?b=1&c=2).", Location: "content/en/_index.md:6", Notes: []string{"A paragraph.", "Keep the address."}},
		{ID: "note.2026-01-02.2", Source: "Two\nlines with a \"quote\" and a \\ and a\ttab", State: "new", Location: "data/revisions.yaml:4"},
		{ID: "skip_link", Source: "Skip to the statement", Target: "Saltar a la declaración", State: "translated", Location: "i18n/en.toml:13"},
	},
}

func TestXLIFFRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLIFF(&b, sample); err != nil {
		t.Fatal(err)
	}
	f, problems := ReadXLIFF(b.Bytes())
	if len(problems) > 0 {
		t.Fatalf("%v\n%s", problems, b.String())
	}
	check(t, f, b.String())
}

func TestPORoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WritePO(&b, sample); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"#, fuzzy\n#| msgid \"See [help](https://example.org/a?b=1&c=2).\"\nmsgctxt \"page#1\"", "msgid \"\"\n\"Two\\n\"\n\"lines with a \\\"quote\\\"", "#: content/en/_index.md:6"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("PO lacks %q:\n%s", want, b.String())
		}
	}
	f, problems := ReadPO(b.Bytes())
	if len(problems) > 0 {
		t.Fatalf("%v\n%s", problems, b.String())
	}
	// PO has no state beyond fuzzy: an empty msgstr is a unit not ready.
	for i := range f.Units {
		if f.Units[i].ID == "note.2026-01-02.2" {
			f.Units[i].State = "new"
		}
	}
	check(t, f, b.String())
}

func check(t *testing.T, f File, text string) {
	t.Helper()
	if f.TargetLanguage != "es-US" || f.SourceLanguage != "en-US" || f.ExportedFor != "es" || len(f.Units) != len(sample.Units) {
		t.Fatalf("read back %+v\n%s", f, text)
	}
	for i, u := range f.Units {
		w := sample.Units[i]
		if u.ID != w.ID || u.Source != w.Source || u.Target != w.Target || u.State != w.State || u.Previous != w.Previous || u.Line == 0 {
			t.Errorf("unit %d read back as %+v, want %+v", i, u, w)
		}
	}
	ready := []bool{false, false, true}
	for i, u := range f.Units {
		if u.Ready() != ready[i] {
			t.Errorf("%s: ready %v", u.ID, u.Ready())
		}
	}
}

func TestReadProblems(t *testing.T) {
	cases := []struct {
		name, text, want string
		po               bool
	}{
		{name: "malformed XML", text: "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file target-language=\"es\"><body>\n<trans-unit id=\"a\"><source>x</source></file>", want: "4:45: the XML is not well formed: element <trans-unit> closed by </file>"},
		{name: "not XLIFF 1.2", text: "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"></xliff>", want: "not an XLIFF 1.2 document"},
		{name: "inline element", text: "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file target-language=\"es\"><body><trans-unit id=\"a\"><source>x</source><target>y <x id=\"1\"/></target></trans-unit></body></file></xliff>", want: "the target holds <x>; it is a CAT tool's inline tag"},
		{name: "invalid UTF-8", text: "<xliff>\n  \xff</xliff>", want: "2:3: byte 0xff is not UTF-8"},
		{name: "PO bad quote", po: true, text: "msgid \"\"\nmsgstr \"Language: es\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"say \"hi\"\"\n", want: "6:1: "},
		{name: "PO invalid UTF-8", po: true, text: "msgid \"\"\nmsgstr \"Language: es\\n\"\nmsgctxt \"a\"\nmsgid \"x\"\nmsgstr \"\xc3\"\n", want: "5:9: byte 0xc3"},
	}
	for _, c := range cases {
		var problems []Problem
		if c.po {
			_, problems = ReadPO([]byte(c.text))
		} else {
			_, problems = ReadXLIFF([]byte(c.text))
		}
		if !slices.ContainsFunc(problems, func(p Problem) bool { return strings.Contains(p.String(), c.want) }) {
			t.Errorf("%s: problems %v, want one with %q", c.name, problems, c.want)
		}
	}
}

// The XLIFF written validates against the XLIFF 1.2 strict schema
// (testdata, with its licence). xmllint is Debian's libxml2-utils, which
// .ci/run installs; a developer without it is told, CI is not let off.
func TestXLIFFSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is not installed; .ci/run installs libxml2-utils")
		}
		t.Skip("xmllint (Debian libxml2-utils) is not installed")
	}
	ValidateXLIFF(t, xmllint, func(w *bytes.Buffer) error { return WriteXLIFF(w, sample) })
}

// ValidateXLIFF runs xmllint with the schema on what write writes.
func ValidateXLIFF(t *testing.T, xmllint string, write func(*bytes.Buffer) error) {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "x.xlf")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testdata, _ := filepath.Abs("testdata")
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join(testdata, "xliff-core-1.2-strict.xsd"), file)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(testdata, "catalog.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the XLIFF does not validate: %v\n%s\n%s", err, out, b.String())
	}
}
