package gen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

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
