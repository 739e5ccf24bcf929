// Package checks puts the checks of a built tree together, so that
// the commands only parse flags and print. Scan is the build's one pass:
// the tree is walked once and each page read and parsed once (package
// htmldoc), and every check reads that model: the page budget and policy
// (budget), the links and hreflang (linkcheck), the style hashes of the
// Content-Security-Policy and the manifest's checksums. Links is
// `statement check`: the link checks of a published tree, and on demand
// the outside links.
package checks

import (
	"slices"
	"sync"

	"dhcs.ca.gov/statement/internal/output/budget"
	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/output/linkcheck"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/output/samepage"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Options say how to read and report on one built tree.
type Options struct {
	// Display is how diagnostics name the tree's directory (the build
	// checks a staging directory that becomes public/).
	Display string
	// BaseURL is the site's own address.
	BaseURL string
	// Source is the site's source directory, where links were written.
	Source string
	// Build asks for all the build needs: every page weighed and held to
	// the budget and the policy, the style hashes, the checksums. Without
	// it only the links' models are read.
	Build bool
	// ExactSizes compresses every page, for its size (--format json).
	// Otherwise only the pages the budget could refuse are compressed,
	// and the page that weighs most before compression, for the summary.
	ExactSizes bool
	// SourceLanguage and Translations are the language codes of the
	// English pages and of the translations: with them, each translated
	// page is held to its English page (package samepage).
	SourceLanguage string
	Translations   []string
}

// Result is what one pass found.
type Result struct {
	Pages  []budget.Page // every page's weight, in path order (with Build; see ExactSizes)
	Budget diag.List     // the budget's and the policy's problems, sorted
	Styles [][]byte      // the pages' distinct inline styles, for the policy
	Sums   map[string]manifest.File
	// Links is the link check of the whole site, ready to run: the rules
	// across pages (fragments, hreflang) need every page's model.
	Links *linkcheck.Site
	// Translated are the translated pages that do what their English page
	// does not (package samepage), sorted.
	Translated diag.List
}

// Scan walks the tree in dir once and reads and parses each page once,
// on every core, for every check.
func Scan(dir string, o Options) (*Result, error) {
	tree, err := htmldoc.Walk(dir)
	if err != nil {
		return nil, err
	}
	var checker *budget.Checker
	r := &Result{Sums: make(map[string]manifest.File, len(tree.Pages))}
	if o.Build {
		if checker, err = budget.NewChecker(tree, o.Display, o.BaseURL); err != nil {
			return nil, err
		}
		checker.Exact = o.ExactSizes
		r.Budget = checker.Files()
	}
	type found struct {
		page       budget.Page
		l          diag.List
		sum        manifest.File
		translated diag.List // the translation gate's (sameAsEnglish)
	}
	results := make([]found, len(tree.Pages))
	links := make([]*linkcheck.Page, len(tree.Pages))
	// Every page has the same style sheet or a few: keep each once. The
	// policy sorts their hashes, so the order they come in does not matter.
	var mu sync.Mutex
	seen := map[string]bool{}
	// The English pages are read first, and keep their features; each
	// translated page is then held to its English page as it is read,
	// and its features are not kept (they were a fifth of the peak heap
	// at 12 x 2,000 x 300).
	english := map[string]samepage.Features{}
	var englishFirst, translated []int
	for i, rel := range tree.Pages {
		if lang, ok := o.languageOf(rel); ok && lang != "" {
			translated = append(translated, i)
		} else {
			englishFirst = append(englishFirst, i)
		}
	}
	page := func(i int, data []byte, doc *htmldoc.Doc) error {
		rel, f := tree.Pages[i], &results[i]
		links[i] = linkcheck.FromDoc(rel, doc)
		if lang, ok := o.languageOf(rel); ok {
			features := samepage.Of(doc, rel, o.BaseURL, lang, o.SourceLanguage)
			if lang == "" {
				mu.Lock()
				english[rel] = features
				mu.Unlock()
			} else {
				f.translated = o.sameAsEnglish(rel, lang, features, english)
			}
		}
		if !o.Build {
			return nil
		}
		f.sum = manifest.FileOf(rel, data)
		styles := doc.Styles()
		mu.Lock()
		for _, st := range styles {
			if !seen[string(st)] {
				seen[string(st)] = true
				r.Styles = append(r.Styles, st)
			}
		}
		mu.Unlock()
		var err error
		f.page, f.l, err = checker.Page(rel, data, doc)
		return err
	}
	err = tree.EachPageOf(englishFirst, page)
	if err == nil {
		err = tree.EachPageOf(translated, page)
	}
	if err != nil {
		return nil, err
	}
	for i, rel := range tree.Pages {
		f := &results[i]
		r.Translated.Add(f.translated...)
		if o.Build {
			r.Sums[rel] = f.sum
			r.Pages = append(r.Pages, f.page)
			r.Budget.Add(f.l...)
		}
	}
	r.Budget.Sort()
	r.Translated.Sort()
	if p, ok := budget.Largest(r.Pages); ok && !p.Measured() {
		i := slices.IndexFunc(r.Pages, func(q budget.Page) bool { return q.Path == p.Path })
		if r.Pages[i], err = checker.Measure(p); err != nil {
			return nil, err
		}
	}
	r.Links, err = linkcheck.New(tree, linkcheck.Options{Display: o.Display, BaseURL: o.BaseURL, Source: o.Source}, links)
	if err != nil {
		return nil, err
	}
	return r, nil
}
