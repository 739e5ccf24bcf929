package htmldoc

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/workers"
)

// IsPage reports whether a file of a built tree is an HTML page: every
// check of the output reads the same pages.
func IsPage(rel string) bool {
	ext := strings.ToLower(path.Ext(rel))
	return ext == ".html" || ext == ".htm"
}

// IsStyleSheet reports whether a file of a built tree is a style sheet.
func IsStyleSheet(rel string) bool { return strings.EqualFold(path.Ext(rel), ".css") }

// Tree is a built site, found by one walk: every file and directory, its
// pages, and its style sheets read and parsed. The checks of the output
// all read it; pages are read and parsed by EachPage, once for them all.
type Tree struct {
	Dir   string
	Files []string // every file, slash-separated, relative to Dir, in lexical order
	Pages []string // the pages among Files (IsPage), in the same order
	// Sheets are the style sheets among Files, parsed, by path.
	Sheets map[string]*CSS
	files  map[string]bool
	dirs   map[string]bool
}

// Walk finds the files of the tree in dir and parses its style sheets.
func Walk(dir string) (*Tree, error) {
	t := &Tree{Dir: dir, Sheets: map[string]*CSS{}, files: map[string]bool{}, dirs: map[string]bool{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			t.dirs[rel] = true
			return nil
		}
		t.files[rel] = true
		t.Files = append(t.Files, rel)
		if IsPage(rel) {
			t.Pages = append(t.Pages, rel)
		}
		if IsStyleSheet(rel) {
			data, err := t.Read(rel)
			if err != nil {
				return err
			}
			t.Sheets[rel] = ParseCSS(data)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Has reports whether the tree has a file at rel; IsDir whether it has
// a directory there ("." is the root).
func (t *Tree) Has(rel string) bool   { return t.files[rel] }
func (t *Tree) IsDir(rel string) bool { return t.dirs[rel] }

// Read reads the file at rel.
func (t *Tree) Read(rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(t.Dir, filepath.FromSlash(rel)))
}

// EachPage reads and parses every page once, on every core, and calls fn
// with the page's index in Pages, its bytes and its parse; the bytes are
// not kept. The calls must not depend on one another's order. It returns
// the first error, in page order, of a read or of fn.
func (t *Tree) EachPage(fn func(i int, data []byte, doc *Doc) error) error {
	all := make([]int, len(t.Pages))
	for i := range all {
		all[i] = i
	}
	return t.EachPageOf(all, fn)
}

// EachPageOf is EachPage for the pages at the given indexes in Pages,
// each at most once.
func (t *Tree) EachPageOf(which []int, fn func(i int, data []byte, doc *Doc) error) error {
	errs := make([]error, len(t.Pages))
	workers.Each(len(which), func(n int) {
		i := which[n]
		data, err := t.Read(t.Pages[i])
		if err != nil {
			errs[i] = err
			return
		}
		errs[i] = fn(i, data, Parse(data))
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
