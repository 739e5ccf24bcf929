// Package budget holds every built page to what a reader on a cheap phone
// over a slow link can afford, and reports what each page costs.
//
//   - Size: a page and everything it needs to render (its inline CSS and
//     inline SVG, and any same-origin style sheet or image it loads),
//     gzip-compressed, fit in 14,600 bytes: the ten segments a server may
//     send before the reader's first acknowledgement (RFC 6928), so the
//     whole first view arrives in one round trip.
//   - Script: none. A page must work without JavaScript; only JSON-LD data
//     blocks (<script type="application/ld+json">), which run nothing, are
//     allowed. Event-handler attributes and javascript: URLs are scripts too.
//   - Origin: nothing is loaded from, and no form is sent to, another
//     origin. A reader of a statement about privacy tells nobody else that
//     they read it.
//   - Fonts: no web fonts. The reader's system fonts cost nothing, cover
//     every script the translations use, and need no request.
//
// The checks read the one model of the built tree (package htmldoc): a
// Checker is given each page as the build's single pass parses it (package
// checks). size.go weighs pages, policy.go holds the script, origin and
// font rules. The build refuses to publish a page that breaks a rule;
// `statement build --format json` prints every page's size.
package budget

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// The rules, as diagnostics name them.
const (
	RuleSize   = "budget-size"
	RuleScript = "budget-script"
	RuleOrigin = "budget-origin"
	RuleFont   = "budget-font"
)

// Page is what one HTML page costs a reader.
type Page struct {
	// Path is slash-separated and relative to the output directory.
	Path string `json:"path"`
	// Bytes is the page as published; GzipBytes the same compressed.
	Bytes     int `json:"bytes"`
	GzipBytes int `json:"gzip_bytes"`
	// Needs are the same-origin files the page loads to render.
	Needs []Resource `json:"needs,omitempty"`
	// TotalGzipBytes is the page and its needs, compressed as served.
	TotalGzipBytes int `json:"total_gzip_bytes"`
	BudgetBytes    int `json:"budget_bytes"`
}

// Measured reports whether the page was compressed. A Checker that is not
// Exact leaves GzipBytes and TotalGzipBytes zero for a page that fits the
// budget whatever gzip makes of it.
func (p Page) Measured() bool { return p.GzipBytes > 0 }

// Raw is what the page weighs before the page itself is compressed: its
// bytes, and its needs as served.
func (p Page) Raw() int {
	n := p.Bytes
	for _, r := range p.Needs {
		n += r.GzipBytes
	}
	return n
}

// Resource is one file a page needs to render.
type Resource struct {
	Path      string `json:"path"`
	GzipBytes int    `json:"gzip_bytes"`
}

// Largest returns the page that weighs most before compression (Raw), and
// false if there is none. Measure gives its compressed size when the
// check did not need it.
func Largest(pages []Page) (Page, bool) {
	if len(pages) == 0 {
		return Page{}, false
	}
	return slices.MaxFunc(pages, func(a, b Page) int { return a.Raw() - b.Raw() }), true
}

// Checker checks the pages of one built tree, one at a time and from any
// number of goroutines.
type Checker struct {
	// Exact has every page compressed, for its size (--format json); the
	// build's check compresses only the pages the budget could refuse.
	Exact bool

	tree    *htmldoc.Tree
	display string
	base    *url.URL
	served  sizes // shared by the checks of all pages
}

// NewChecker checks tree. display is how diagnostics name its directory
// (the build checks a staging directory that becomes public/); baseURL is
// the site's own address, the one origin a page may use.
func NewChecker(tree *htmldoc.Tree, display, baseURL string) (*Checker, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", baseURL, err)
	}
	return &Checker{tree: tree, display: display, base: base, served: sizes{m: map[string]int{}}}, nil
}

// Files checks the files of the tree that are not pages: no web font, and
// every style sheet by the rules (each once, wherever it is used).
func (c *Checker) Files() diag.List {
	var l diag.List
	for _, rel := range c.tree.Files {
		c.fontFile(&l, rel)
		if sheet := c.tree.Sheets[rel]; sheet != nil {
			c.sheet(&l, rel, sheet)
		}
	}
	return l
}

// Page measures and checks the page at rel, whose content is data and
// whose parse is doc.
func (c *Checker) Page(rel string, data []byte, doc *htmldoc.Doc) (Page, diag.List, error) {
	var l diag.List
	file := c.name(rel)
	pageURL := c.urlOf(rel)
	need := needs{self: rel}
	c.tags(&l, file, doc)
	for _, r := range doc.Refs {
		if target, ok := c.ref(&l, file, r, pageURL); ok && r.Kind == htmldoc.Render {
			need.add(c.local(target))
		}
	}
	for _, at := range doc.FontFaces {
		fontFace(&l, file, at)
	}
	p, err := c.weigh(&l, file, rel, data, &need)
	return p, l, err
}

// Measure compresses a page the check did not need to (see Measured).
func (c *Checker) Measure(p Page) (Page, error) {
	if p.Measured() {
		return p, nil
	}
	data, err := c.tree.Read(p.Path)
	if err != nil {
		return p, err
	}
	p.GzipBytes = gzipSize(data)
	p.TotalGzipBytes = p.Raw() - p.Bytes + p.GzipBytes
	return p, nil
}

// sizes are files' sizes as served, each measured once.
type sizes struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *Checker) name(rel string) string { return path.Join(c.display, rel) }

// urlOf is the address a file of the output is served at.
func (c *Checker) urlOf(rel string) *url.URL {
	return c.base.ResolveReference(&url.URL{Path: rel})
}

// local maps an address on the site's own origin to the file the build
// wrote for it, or "" for another origin or a file that is not there
// (linkcheck reports those).
func (c *Checker) local(u *url.URL) string {
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
		return ""
	}
	rel, ok := strings.CutPrefix(u.Path, c.base.Path)
	if !ok {
		return ""
	}
	rel = path.Clean("/" + rel)[1:]
	if rel == "" || strings.HasSuffix(u.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	if !c.tree.Has(rel) {
		return ""
	}
	return rel
}

// foreign reports whether u is fetched from another origin. Opaque
// addresses (data:, about:) are nobody's origin.
func (c *Checker) foreign(u *url.URL) bool {
	if u.Opaque != "" || u.Scheme == "data" || u.Scheme == "about" || u.Scheme == "blob" {
		return false
	}
	return u.Scheme != c.base.Scheme || u.Host != c.base.Host
}

func origin(u *url.URL) string {
	if u.Host == "" {
		return u.Scheme + ":"
	}
	return u.Scheme + "://" + u.Host
}
