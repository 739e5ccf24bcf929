package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
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

func resolve(t *testing.T, root, out string) Target {
	t.Helper()
	target, err := Resolve(root, out, []string{"content"}, false)
	if err != nil {
		t.Fatal(err)
	}
	return target
}

func stageWith(t *testing.T, target Target, files map[string]string) *Staging {
	t.Helper()
	s, err := Stage(target)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		write(t, filepath.Join(s.Site, name), text)
	}
	write(t, filepath.Join(s.Scratch, "overlay.toml"), "x")
	return s
}

func TestSwapReplacesAndCleansUp(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "public", "index.html"), "old")
	write(t, filepath.Join(root, "public", "sitemap.xml"), "old")
	target := resolve(t, root, filepath.Join(root, "public"))
	s := stageWith(t, target, map[string]string{"new.html": "new"})
	if err := Swap(s, target); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "new.html")); err != nil {
		t.Error("new tree not published:", err)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); !os.IsNotExist(err) {
		t.Error("old tree still published")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestSwapIntoNothing(t *testing.T) {
	root := t.TempDir()
	target := resolve(t, root, filepath.Join(root, "out", "site"))
	s := stageWith(t, target, map[string]string{"index.html": "x"})
	if err := Swap(s, target); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(target.Path); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("target: %v %v", fi, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(target.Path))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// A symbolic link named as the output stays a link: the new tree goes
// where it points, and is staged there.
func TestSwapFollowsALink(t *testing.T) {
	root := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "www")
	write(t, filepath.Join(elsewhere, "index.html"), "old")
	write(t, filepath.Join(elsewhere, "sitemap.xml"), "old")
	link := filepath.Join(root, "public")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	target := resolve(t, root, link)
	real, _ := filepath.EvalSymlinks(elsewhere)
	if target.Path != real {
		t.Fatalf("target %s, want %s", target.Path, real)
	}
	s := stageWith(t, target, map[string]string{"index.html": "new"})
	if filepath.Dir(s.Dir) != filepath.Dir(real) {
		t.Errorf("staged in %s, not beside the link's target", s.Dir)
	}
	if err := Swap(s, target); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is gone: %v %v", fi, err)
	}
	if data, _ := os.ReadFile(filepath.Join(link, "index.html")); string(data) != "new" {
		t.Errorf("through the link: %q", data)
	}
}

// When the old tree cannot be removed, the new one is still published,
// and the error says where the old one is.
func TestSwapLeftover(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "public", "index.html"), "old")
	write(t, filepath.Join(root, "public", "sitemap.xml"), "old")
	removeAll = func(string) error { return os.ErrPermission }
	t.Cleanup(func() { removeAll = os.RemoveAll })
	target := resolve(t, root, filepath.Join(root, "public"))
	s := stageWith(t, target, map[string]string{"index.html": "new"})
	err := Swap(s, target)
	var left *LeftoverError
	if !errors.As(err, &left) || left.Path != s.Dir {
		t.Fatalf("got %v, want a LeftoverError at %s", err, s.Dir)
	}
	if data, _ := os.ReadFile(filepath.Join(root, "public", "index.html")); string(data) != "new" {
		t.Errorf("published %q", data)
	}
}

func TestSweepRemovesOnlyStaging(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, ".public.staging-123", "site", "index.html"), "killed")
	write(t, filepath.Join(root, ".other.staging-1", "keep"), "x")
	write(t, filepath.Join(root, "notes.txt"), "x")
	if errs := Sweep(resolve(t, root, filepath.Join(root, "public"))); len(errs) > 0 {
		t.Fatal(errs)
	}
	var names []string
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".other.staging-1 notes.txt" {
		t.Errorf("after the sweep: %v", names)
	}
}

func TestResolveRefuses(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "hugo.toml"), "")
	write(t, filepath.Join(root, "content", "en", "_index.md"), "x")
	write(t, filepath.Join(root, "notes.txt"), "x")
	write(t, filepath.Join(root, "mine", "thesis.tex"), "x")
	write(t, filepath.Join(root, "hugo-build", "index.html"), "x")
	write(t, filepath.Join(root, "hugo-build", "sitemap.xml"), "x")
	write(t, filepath.Join(root, "ours", "version.json"), `{"version": "1", "files": [{"path": "x"}]}`)
	os.Mkdir(filepath.Join(root, "empty"), 0o755)
	os.Symlink(filepath.Join(root, "content", "en"), filepath.Join(root, "sneaky"))
	cases := []struct {
		out, want string
		force     bool
	}{
		{"", "--out is empty", false},
		{"/", "root of the file system", true},
		{root, "site's own folder", true},
		{filepath.Dir(root), "holds the site's source", true},
		{filepath.Join(root, "content"), "is the source folder content/", true},
		{filepath.Join(root, "content", "en"), "inside the source folder content/", true},
		{filepath.Join(root, "content", "en", "new"), "inside the source folder content/", true},
		{filepath.Join(root, "sneaky"), "inside the source folder content/", true},
		{filepath.Join(root, "notes.txt"), "is a file", true},
		{filepath.Join(root, "mine"), "--force", false},
		{filepath.Join(root, "mine"), "", true},
		{filepath.Join(root, "hugo-build"), "", false},
		{filepath.Join(root, "ours"), "", false},
		{filepath.Join(root, "empty"), "", false},
		{filepath.Join(root, "new", "dir"), "", false},
	}
	for _, c := range cases {
		_, err := Resolve(root, c.out, []string{"content", "data"}, c.force)
		var refused *Refusal
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: refused: %v", c.out, err)
		case c.want != "" && (!errors.As(err, &refused) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q (force %v): got %v, want a refusal saying %q", c.out, c.force, err, c.want)
		}
	}
}
