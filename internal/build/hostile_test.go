package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/l10n/translation/hostile"
	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

// hostileSite is a fresh copy of the fixture and the English units the
// corpus's cases are written to.
func hostileSite(t *testing.T) (string, []hostileTarget) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	if err := testfs.CopyFixture("../..", root); err != nil {
		t.Fatal(err)
	}
	site, l := source.Load(root, source.Options{})
	if l.HasErrors() {
		t.Fatalf("the fixture does not validate: %v", l)
	}
	var targets []hostileTarget
	for _, c := range hostile.Cases {
		u, text, ok := c.Target(site.Units)
		if !ok {
			t.Fatalf("%s: the fixture has no unit for the case", c.Name)
		}
		targets = append(targets, hostileTarget{c, func(root string) (string, error) { return hostile.HandEdit(root, u, text) }})
	}
	return root, targets
}

type hostileTarget struct {
	hostile.Case
	edit func(root string) (string, error)
}

// TestValidateRefusesHostileHandEdits writes each case of the hostile
// corpus into the Spanish files by hand: validate --strict refuses it,
// at the file and line of the edit.
func TestValidateRefusesHostileHandEdits(t *testing.T) {
	root, targets := hostileSite(t)
	clean := filepath.Join(t.TempDir(), "clean")
	if err := os.CopyFS(clean, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	for _, c := range targets {
		t.Run(c.Name, func(t *testing.T) {
			file, err := c.edit(root)
			restoreAfter(t, clean, root, file)
			if err != nil {
				t.Fatal(err)
			}
			l := Validate(Options{Root: root, Context: Production, Strict: true})
			if !l.HasErrors() {
				t.Fatalf("validate --strict accepts it")
			}
			for _, d := range l {
				if d.Severity == diag.Error && d.File == file && d.Line > 0 {
					return
				}
			}
			t.Errorf("no error names %s and a line:\n%s", file, listText(l))
		})
	}
}

// TestGateRefusesHostileOutput builds, with the model's checks of the
// input switched off, each case of the corpus that would show in the
// page's elements, attributes or addresses: the last gate refuses the
// build. The cases the theme prints as text (markup in an interface
// string) are built too: the page is published, the gate finds nothing
// it does that English does not, and the markup is there as text.
func TestGateRefusesHostileOutput(t *testing.T) {
	root, targets := hostileSite(t)
	clean := filepath.Join(t.TempDir(), "clean")
	if err := os.CopyFS(clean, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	for _, c := range targets {
		if !c.Output && !c.Escaped {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			file, err := c.edit(root)
			restoreAfter(t, clean, root, file)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			o := Options{Root: root, Out: out, Context: Production}
			o.skipTranslationModel = true
			l, err := Run(o)
			if err != nil {
				t.Fatal(err)
			}
			if c.Escaped {
				page, err := os.ReadFile(filepath.Join(out, "es", "index.html"))
				if err != nil || l.HasErrors() {
					t.Fatalf("not published (%v):\n%s", err, listText(l))
				}
				// Published, as text: the address is in the page, and no
				// element or attribute of it names it.
				if !strings.Contains(string(page), "evil.example") {
					t.Error("the text is not on the page")
				}
				for _, r := range htmldoc.Parse(page).Refs {
					if strings.Contains(r.URL, "evil.example") {
						t.Errorf("<%s %s> names %s", r.Tag, r.Attr, r.URL)
					}
				}
				return
			}
			for _, d := range l {
				if d.Rule == "translation-adds" && strings.HasPrefix(d.File, filepath.ToSlash(out)+"/es/") {
					return
				}
			}
			t.Errorf("the gate let it through:\n%s", listText(l))
		})
	}
}

func listText(l diag.List) string {
	var b strings.Builder
	diag.Write(&b, l, diag.Text, false)
	return fmt.Sprint(b.String())
}

// restoreAfter puts the file a case edited (rel, the one file a hand edit
// writes; "" when it wrote none) back as it is in clean once the case
// ends, for the next case. Copying the whole tree again for each case was
// most of these tests' time.
func restoreAfter(t *testing.T, clean, dir, rel string) {
	if rel == "" {
		return
	}
	t.Cleanup(func() {
		data, err := os.ReadFile(filepath.Join(clean, rel))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	})
}
