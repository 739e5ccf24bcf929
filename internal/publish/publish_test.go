package publish

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSwapReplacesAndCleansUp(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "public")
	write(t, filepath.Join(target, "old.html"), "old")

	staged, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staged, "new.html"), "new")
	if err := Swap(staged, target); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "new.html")); err != nil {
		t.Error("new tree not published:", err)
	}
	if _, err := os.Stat(filepath.Join(target, "old.html")); !os.IsNotExist(err) {
		t.Error("old tree still published")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestSwapIntoNothing(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out", "site")
	staged, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(staged, "index.html"), "x")
	if err := Swap(staged, target); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("target: %v %v", fi, err)
	}
}
