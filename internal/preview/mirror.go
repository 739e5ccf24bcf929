package preview

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"dhcs.ca.gov/statement/internal/site/source"
)

// Hugo serves a copy of the source (the mirror, in the preview's
// temporary directory), not the source itself. An edit that changes the
// translations' state is two changes for Hugo: the edited file and the
// state file, which serve can write only after it has read the edit. Had
// Hugo watched the source, it would often have taken the edit alone, in
// one rebuild, and the state in a second. serve copies an edit into the
// mirror together with the state it makes, one rename after the other,
// so that Hugo takes both in one rebuild (it gathers what changes within
// half a second: only a burst that straddles its tick is two).

// stat is what tells a file's version: its size and time.
type stat struct {
	size int64
	mod  time.Time
}

// mirror is the copy Hugo serves, and the source's files as last copied.
type mirror struct {
	dir    string // the copy's root
	copied map[string]stat
}

// scan lists the source's files (slash paths relative to root) with what
// tells their version.
func scan(root string) map[string]stat {
	files := map[string]stat{}
	for _, part := range source.Parts {
		filepath.WalkDir(filepath.Join(root, part), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
				rel, _ := filepath.Rel(root, path)
				files[filepath.ToSlash(rel)] = stat{info.Size(), info.ModTime()}
			}
			return nil
		})
	}
	return files
}

// change is what sync will write into the mirror: new contents by path,
// and the paths to remove.
type change struct {
	write  map[string][]byte
	remove []string
	seen   map[string]stat
}

// changes reads the files of root that differ from the mirror's copies.
func (m *mirror) changes(root string) change {
	c := change{write: map[string][]byte{}, seen: scan(root)}
	for rel, st := range c.seen {
		if old, ok := m.copied[rel]; ok && old == st {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			delete(c.seen, rel) // gone meanwhile: the next look sees it
			continue
		}
		if old, err := os.ReadFile(filepath.Join(m.dir, filepath.FromSlash(rel))); err == nil && bytes.Equal(old, data) {
			continue // touched, not changed
		}
		c.write[rel] = data
	}
	for rel := range m.copied {
		if _, ok := c.seen[rel]; !ok {
			c.remove = append(c.remove, rel)
		}
	}
	return c
}

// apply writes c into the mirror, each file through a temporary file in
// tmp renamed over its place, removes what c removes, and then writes
// state (when not nil) to statePath the same way: the renames and
// removals follow one another with nothing read or written between.
func (m *mirror) apply(c change, tmp string, state []byte, statePath string) error {
	type rename struct{ from, to string }
	var renames []rename
	stage := func(data []byte, to string) error {
		from := filepath.Join(tmp, "m"+strconv.Itoa(len(renames)))
		if err := os.WriteFile(from, data, 0o644); err != nil {
			return err
		}
		renames = append(renames, rename{from, to})
		return nil
	}
	for rel, data := range c.write {
		to := filepath.Join(m.dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := stage(data, to); err != nil {
			return err
		}
	}
	files := len(renames)
	if state != nil {
		if err := stage(state, statePath); err != nil {
			return err
		}
	}
	for _, r := range renames[:files] {
		if err := os.Rename(r.from, r.to); err != nil {
			return err
		}
	}
	for _, rel := range c.remove {
		os.Remove(filepath.Join(m.dir, filepath.FromSlash(rel)))
	}
	for _, r := range renames[files:] {
		if err := os.Rename(r.from, r.to); err != nil {
			return err
		}
	}
	m.copied = c.seen
	return nil
}
