package gen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// A generated site, with a right-to-left and an unspaced script among its
// languages, builds for production with no diagnostic at all: the
// benchmarks measure a clean build.
func TestGeneratedSitePublishesCleanly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	size := Size{Langs: 8, Pages: 5, Events: 12}
	if err := Generate("../../..", dir, size); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	l, err := build.Run(build.Options{Root: dir, Out: out, Context: build.Production})
	if err != nil || len(l) > 0 {
		var b bytes.Buffer
		diag.Write(&b, l, diag.Text, false)
		t.Fatalf("%v\n%s", err, b.String())
	}
	for _, lang := range languages[:size.Langs] {
		for _, rel := range []string{lang.code + "/index.html", lang.code + "/p/page-0005/index.html"} {
			if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	size := Size{Langs: 3, Pages: 3, Events: 5}
	for _, dir := range []string{a, b} {
		if err := Generate("../../..", dir, size); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
		return nil
	})
	if n == 0 {
		t.Fatal("nothing was generated")
	}
}

func TestEveryLanguageCodeIsCanonical(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	// Generate refuses a site that does not validate, and validation
	// refuses a language key that is not canonical.
	if err := Generate("../../..", dir, Size{Langs: MaxLangs, Pages: 1, Events: 2}); err != nil {
		t.Fatal(err)
	}
}
