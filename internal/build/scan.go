package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"dhcs.ca.gov/statement/internal/budget"
	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/htmldoc"
	"dhcs.ca.gov/statement/internal/linkcheck"
	"dhcs.ca.gov/statement/internal/postprocess"
	"dhcs.ca.gov/statement/internal/release"
	"dhcs.ca.gov/statement/internal/workers"
)

// scanned is what one pass over the staged tree found.
type scanned struct {
	pages  []budget.Page // every page's weight, in path order
	budget diag.List     // the budget's diagnostics, sorted
	links  map[string]*linkcheck.Page
	styles [][]byte                // the distinct inline styles, for the policy
	sums   map[string]release.File // the pages' checksums, for the manifest
}

// scan reads and parses each page of the staged tree once, on every core,
// for all that looks at pages: the budget, the link check (which then
// checks the site as a whole), the policy's style hashes and the
// manifest's checksums. Reading and
// tokenizing a page for each of them separately was a good part of what
// the checks cost on a large site. The results are those of
// budget.Check, linkcheck.Parse and postprocess.InlineStyles.
func scan(dir, display, baseURL string) (scanned, error) {
	var files, pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files = append(files, rel)
		if budget.IsPage(rel) || linkcheck.IsHTML(rel) || postprocess.IsPage(rel) {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		return scanned{}, err
	}
	checker, err := budget.NewChecker(dir, display, baseURL)
	if err != nil {
		return scanned{}, err
	}
	var s scanned
	if s.budget, err = checker.Files(files); err != nil {
		return scanned{}, err
	}

	type result struct {
		page budget.Page
		l    diag.List
		link *linkcheck.Page
		sum  release.File
		err  error
	}
	results := make([]result, len(pages))
	// Every page has the same style sheet or a few: keep each once. The
	// policy sorts their hashes, so the order they come in does not matter.
	var mu sync.Mutex
	seen := map[string]bool{}
	workers.Each(len(pages), func(i int) {
		rel, r := pages[i], &results[i]
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			r.err = err
			return
		}
		r.sum = release.FileOf(rel, data)
		doc := htmldoc.Parse(data)
		if budget.IsPage(rel) {
			r.page, r.l, r.err = checker.Page(rel, data, doc)
		}
		if linkcheck.IsHTML(rel) {
			r.link = linkcheck.FromDoc(rel, doc)
		}
		if postprocess.IsPage(rel) {
			styles := doc.Styles()
			mu.Lock()
			for _, st := range styles {
				if !seen[string(st)] {
					seen[string(st)] = true
					s.styles = append(s.styles, st)
				}
			}
			mu.Unlock()
		}
	})

	s.links = map[string]*linkcheck.Page{}
	s.sums = map[string]release.File{}
	for i, rel := range pages {
		r := &results[i]
		if r.err != nil {
			return scanned{}, r.err
		}
		s.sums[rel] = r.sum
		if budget.IsPage(rel) {
			s.pages = append(s.pages, r.page)
			s.budget.Add(r.l...)
		}
		if r.link != nil {
			s.links[rel] = r.link
		}
	}
	s.budget.Sort()
	return s, nil
}
