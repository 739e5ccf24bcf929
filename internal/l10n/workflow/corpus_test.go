package workflow

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

// fixture is a fresh copy of the frozen site, and the site loaded from it.
// fixture is a copy of the frozen site, loaded.
func fixture(t *testing.T) (string, *source.Site) {
	t.Helper()
	root := fixtureRoot(t)
	return root, loadClean(t, root)
}

// fixtureRoot is a copy of the frozen site (testdata/site).
func fixtureRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := testfs.CopyFixture(filepath.Join("..", "..", ".."), root); err != nil {
		t.Fatal(err)
	}
	return root
}

func loadClean(t *testing.T, root string) *source.Site {
	t.Helper()
	site, l := source.Load(root, source.Options{})
	if l.HasErrors() {
		t.Fatalf("the site does not load: %v", l)
	}
	return site
}

// texts is every unit of a language as its files hold it, by id.
func texts(t *testing.T, site *source.Site, code string) map[string]string {
	t.Helper()
	lang, err := find(site, code)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range lang.Results {
		out[r.Unit.ID] = r.Entry.Text
	}
	for _, e := range lang.Extra {
		out[e.ID] = e.Text
	}
	return out
}

// The corpus (testdata/corpus, written by generate.py with polib,
// gettext and the Translate Toolkit) holds files as vendors' tools give
// them back. Each imports into the frozen site, and every unit then holds
// exactly the text want.json says, byte for byte; every other unit is as
// it was. STATEMENT_CORPUS names another corpus: .ci/run writes a fresh
// one with the installed tools.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("STATEMENT_CORPUS")
	if dir == "" {
		dir = filepath.Join("testdata", "corpus")
	}
	cases, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		t.Run(c.Name(), func(t *testing.T) {
			corpusCase(t, filepath.Join(dir, c.Name()))
		})
	}
	if n < 14 {
		t.Fatalf("%s has %d cases; generate.py writes 14", dir, n)
	}
}

func corpusCase(t *testing.T, dir string) {
	var want struct {
		Landed map[string]string
		Left   []string
	}
	data, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var file string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			file = e.Name()
		}
	}
	code := strings.TrimSuffix(file, filepath.Ext(file))
	root, site := fixture(t)
	// What an editor changed in English since the export.
	if data, err := os.ReadFile(filepath.Join(dir, "english.json")); err == nil {
		var english map[string][2]string
		if err := json.Unmarshal(data, &english); err != nil {
			t.Fatal(err)
		}
		for rel, change := range english {
			edit(t, root, rel, change[0], change[1])
		}
		site = loadClean(t, root)
	}
	before := texts(t, site, code)
	data, err = os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	_, imported, _, left, l := Import(site, file, data, Reviewer{})
	if len(l) > 0 {
		t.Fatalf("import: %v", l)
	}
	if len(imported) == 0 {
		t.Fatal("nothing imported")
	}
	after := texts(t, loadClean(t, root), code)
	for id, text := range want.Landed {
		if after[id] != text {
			t.Errorf("%s landed as\n%q\nwant\n%q", id, after[id], text)
		}
	}
	for id, text := range before {
		if _, ok := want.Landed[id]; !ok && after[id] != text {
			t.Errorf("%s changed although the file does not change it:\n%q\nwas\n%q", id, after[id], text)
		}
	}
	slices.Sort(left)
	if !slices.Equal(left, want.Left) && !(len(left) == 0 && len(want.Left) == 0) {
		t.Errorf("left %v, want %v", left, want.Left)
	}
	// Every imported unit is current: no translation is recorded against
	// English it does not translate.
	site = loadClean(t, root)
	lang, _ := find(site, code)
	for _, r := range lang.Results {
		if slices.Contains(imported, r.Unit.ID) && r.State != translation.Fresh {
			t.Errorf("%s is %s after the import", r.Unit.ID, r.State)
		}
	}
	msgfmtCheck(t, site, code)
}

// msgfmtCheck has gettext's msgfmt -c check the language's next export:
// nothing the import wrote (a trailing newline or tab) makes the PO
// invalid. msgfmt is Debian's gettext, which .ci/run installs.
func msgfmtCheck(t *testing.T, site *source.Site, code string) {
	t.Helper()
	msgfmt, err := exec.LookPath("msgfmt")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("msgfmt is not installed; .ci/run installs gettext")
		}
		return
	}
	f, err := Export(site, code, true)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := vendorfile.WritePO(&b, f); err != nil {
		t.Fatal(err)
	}
	po := filepath.Join(t.TempDir(), code+".po")
	if err := os.WriteFile(po, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(msgfmt, "-c", "-o", os.DevNull, po).CombinedOutput(); err != nil {
		t.Errorf("msgfmt -c refuses the next export: %v\n%s", err, out)
	}
}
