// Package linkcheck checks a built site before it is published, and on
// demand the outside pages it links to.
//
// The internal checks (Check, Site.Internal) need nothing but the files:
// every link, asset, style sheet url() and fragment must resolve to a file
// and an id in it; hreflang alternates must point to pages in the language
// they claim and be reciprocal; canonical URLs must exist; mailto: and
// tel: links must be well formed; http:, javascript: and empty links are
// refused. Each problem is reported at the output file's line and column
// and, when the link was written in the site's source (Markdown, data,
// interface strings, templates), names that file too.
//
// The external checks (Site.CheckExternal, with the HTTP work in the
// external sub-package) ask the other sites, politely and with a cache.
//
// The checks read the one model of the built tree (package htmldoc):
// document.go keeps what they need of each page and style sheet,
// resolve.go turns a reference into a target, check_*.go are the rules,
// sources.go finds where a link was written, external.go reports the
// outside links.
package linkcheck

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/workers"
)

// Options say how to read and report on one built tree.
type Options struct {
	// Display is how diagnostics name the checked directory: the build
	// checks a staging directory that is about to become public/.
	Display string
	// BaseURL is the site's own address: absolute links to it are
	// internal, and a path it has is where the tree is served from.
	BaseURL string
	// Source is the site's source directory. When set, a problem with a
	// link that was written there also names the file and line.
	Source string
}

// Site is a parsed built tree.
type Site struct {
	tree *htmldoc.Tree
	opts Options
	base *url.URL

	pages map[string]*Page // HTML files by path
	docs  []*Page          // HTML files and style sheets, sorted by path

	sources *sources

	hreflangOnce sync.Once
	hreflang     *hreflangIndex

	classified classified

	stats Stats // counted by Internal
}

// Stats count what a check looked at.
type Stats struct {
	Pages, StyleSheets, Files int
	// Links counts every reference; Internal those to the site itself,
	// External the distinct addresses on other sites.
	Links, Internal, External int
}

// check walks the tree under dir, parses every page and style sheet, and
// runs the internal checks.
func check(dir string, o Options) (diag.List, error) {
	s, err := load(dir, o)
	if err != nil {
		return nil, err
	}
	return s.Internal(), nil
}

// load walks the tree under dir (package htmldoc) and reads its pages on
// every core. The build does not call it: its one pass reads each page
// for every check and gives the link check its models (New).
func load(dir string, o Options) (*Site, error) {
	tree, err := htmldoc.Walk(dir)
	if err != nil {
		return nil, err
	}
	pages := make([]*Page, len(tree.Pages))
	err = tree.EachPage(func(i int, _ []byte, doc *htmldoc.Doc) error {
		pages[i] = FromDoc(tree.Pages[i], doc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return New(tree, o, pages)
}

// New is the link check of tree, given the models of its pages (FromDoc,
// in the order of tree.Pages); its style sheets it takes from the tree.
func New(tree *htmldoc.Tree, o Options, pages []*Page) (*Site, error) {
	base, err := url.Parse(o.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", o.BaseURL, err)
	}
	if !base.IsAbs() || base.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute URL such as https://example.gov/", o.BaseURL)
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	if o.Display == "" {
		o.Display = filepath.ToSlash(tree.Dir)
	}
	s := &Site{tree: tree, opts: o, base: base, pages: map[string]*Page{}}
	if o.Source != "" {
		s.sources = newSources(o.Source)
	}
	s.docs = append(make([]*Page, 0, len(pages)+len(tree.Sheets)), pages...)
	for rel, css := range tree.Sheets {
		s.docs = append(s.docs, FromSheet(rel, css))
	}
	slices.SortFunc(s.docs, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	for _, p := range s.docs {
		if p.HTML {
			s.pages[p.Path] = p
		}
	}
	return s, nil
}

// Internal runs every check that needs only the tree, page by page on
// every core, and returns the problems sorted by file and position. It
// counts the references as it goes, for Stats.
func (s *Site) Internal() diag.List {
	checks := make([]*pageCheck, len(s.docs))
	workers.Each(len(s.docs), func(i int) {
		c := &pageCheck{site: s, page: s.docs[i], file: s.display(s.docs[i].Path)}
		c.run()
		checks[i] = c
	})
	var l diag.List
	st := Stats{Files: len(s.tree.Files)}
	external := map[string]bool{}
	for _, c := range checks {
		l.Add(c.l...)
		if c.page.HTML {
			st.Pages++
		} else {
			st.StyleSheets++
		}
		st.Links += len(c.page.Refs)
		st.Internal += c.internal
		for _, u := range c.external {
			external[u] = true
		}
	}
	st.External = len(external)
	s.stats = st
	l.Sort()
	return l
}

// Stats counts the tree's files and references, as Internal found them.
func (s *Site) Stats() Stats { return s.stats }

func (s *Site) display(rel string) string { return path.Join(s.opts.Display, rel) }

// pageCheck runs the rules on one document and collects what they find.
type pageCheck struct {
	site *Site
	page *Page
	file string
	l    diag.List

	internal int      // references to the site itself
	external []string // addresses on other sites, as asked
}

func (c *pageCheck) run() {
	for _, d := range c.page.Dups {
		c.l.Errorf(c.file, d.Line, d.Col, "duplicate-id", "the id %q is used more than once in the page", d.URL)
		c.l.Suggest("an id names one element; links to #%s cannot tell which one is meant", d.URL)
	}
	for _, r := range c.page.Refs {
		c.ref(r)
	}
	if c.page.HTML {
		c.hreflang()
		c.canonical()
	}
}

// refErrorf reports a problem with a reference and, when the link was
// written in the site's source, says where.
func (c *pageCheck) refErrorf(r Ref, rule, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if from := c.site.writtenIn(c.page, r.URL); from != "" {
		msg += " (from " + from + ")"
	}
	c.l.Errorf(c.file, r.Line, r.Col, rule, "%s", msg)
}
