package workflow

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/l10n/translation/hostile"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

// TestImportRefusesHostileTranslations delivers each case of the hostile
// corpus as a vendor's XLIFF unit: import refuses it, naming the unit,
// and the site is byte for byte as it was. One kind of case cannot be
// delivered as written: a multi-line text for a one-line English block
// (a setext underline) is joined into one line on import, as a CAT
// tool's re-flow is (vendorfile.Reflow); that text must then land as
// plain text that validate accepts, with nothing of the attack left.
func TestImportRefusesHostileTranslations(t *testing.T) {
	root := fixtureRoot(t)
	site, l := source.Load(root, source.Options{})
	if l.HasErrors() {
		t.Fatalf("the fixture does not validate: %v", l)
	}
	before := files(t, root)
	for _, c := range hostile.Cases {
		t.Run(c.Name, func(t *testing.T) {
			u, text, ok := c.Target(site.Units)
			if !ok {
				t.Fatal("the fixture has no unit for the case")
			}
			var xliff bytes.Buffer
			f := vendorfile.File{SourceLanguage: "en-US", TargetLanguage: "es-US", Units: []vendorfile.Unit{{ID: u.ID, Source: u.Text, Target: text, State: "translated"}}}
			if err := vendorfile.WriteXLIFF(&xliff, f); err != nil {
				t.Fatal(err)
			}
			written, imported, _, _, l := Import(site, "vendor.xlf", xliff.Bytes(), Reviewer{})
			if joined := vendorfile.Reflow(u.Text, text); joined != text && strings.Contains(text, "\n") && !l.HasErrors() {
				if _, after := source.Load(root, source.Options{}); after.HasErrors() {
					t.Errorf("the re-flowed import left what validate refuses: %v", after)
				}
				for _, w := range written {
					data, _ := os.ReadFile(filepath.Join(root, w))
					if strings.Contains(string(data), text) {
						t.Errorf("%s holds the text as delivered, line breaks and all", w)
					}
				}
				// The next cases start from the fixture again.
				if err := os.RemoveAll(root); err != nil {
					t.Fatal(err)
				}
				if err := testfs.CopyFixture(filepath.Join("..", "..", ".."), root); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !l.HasErrors() || len(written) > 0 || len(imported) > 0 {
				t.Fatalf("imported %v (wrote %v); problems: %v", imported, written, l)
			}
			if !strings.Contains(l[0].Message, u.ID) && !strings.Contains(l[0].Message, "would be refused by validate") {
				t.Errorf("the problem does not name the unit %s: %s", u.ID, l[0].Message)
			}
			if after := files(t, root); !maps.Equal(before, after) {
				t.Error("the refused import changed the site")
			}
		})
	}
}

func files(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
