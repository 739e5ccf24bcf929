package preview

import (
	"os"
	"path/filepath"
	"testing"
)

// The mirror follows the source: a new or changed file is copied, a
// removed one removed, a file touched but not changed left alone; the
// state file is written with the changes, and only when given.
func TestMirrorFollowsTheSource(t *testing.T) {
	root, tmp := t.TempDir(), t.TempDir()
	m := mirror{dir: filepath.Join(t.TempDir(), "site")}
	state := filepath.Join(t.TempDir(), "state.toml")
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mirrored := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(m.dir, rel))
		if err != nil {
			return "(none)"
		}
		return string(data)
	}
	write("content/en/_index.md", "one")
	write("data/timeline.yaml", "- a")
	write("notes.txt", "not the site's") // not one of source.Parts
	c := m.changes(root)
	if len(c.write) != 2 || len(c.remove) != 0 {
		t.Fatalf("first look: %d to write, %v to remove", len(c.write), c.remove)
	}
	if err := m.apply(c, tmp, []byte("s1"), state); err != nil {
		t.Fatal(err)
	}
	if mirrored("content/en/_index.md") != "one" || mirrored("notes.txt") != "(none)" {
		t.Errorf("mirror: %q, %q", mirrored("content/en/_index.md"), mirrored("notes.txt"))
	}

	write("content/en/_index.md", "two")
	os.Remove(filepath.Join(root, "data", "timeline.yaml"))
	write("i18n/en.toml", "x = 'y'")
	c = m.changes(root)
	if len(c.write) != 2 || len(c.remove) != 1 || c.remove[0] != "data/timeline.yaml" {
		t.Fatalf("second look: %d to write, %v to remove", len(c.write), c.remove)
	}
	if err := m.apply(c, tmp, nil, state); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(state); string(got) != "s1" {
		t.Errorf("the state was written again: %q", got)
	}
	if mirrored("content/en/_index.md") != "two" || mirrored("i18n/en.toml") != "x = 'y'" || mirrored("data/timeline.yaml") != "(none)" {
		t.Errorf("mirror after the edit: %q, %q, %q", mirrored("content/en/_index.md"), mirrored("i18n/en.toml"), mirrored("data/timeline.yaml"))
	}
	write("content/en/_index.md", "two") // saved again, the same
	if c := m.changes(root); len(c.write) != 0 || len(c.remove) != 0 {
		t.Errorf("nothing changed, yet %d to write, %v to remove", len(c.write), c.remove)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("%d temporary files left", len(entries))
	}
}
