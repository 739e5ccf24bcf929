// Package linkcheck checks a built site before it is published: every
// internal link, asset and fragment must resolve to a file and an id in
// it, and no page may repeat an id. Each problem is reported at the output
// file's line and column.
package linkcheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/diag"
)

// Ref is one reference a page makes.
type Ref struct {
	URL       string
	Tag, Attr string
	Line, Col int
}

// Page is what the checks need of one HTML file.
type Page struct {
	Path string // slash-separated, relative to the site root
	Refs []Ref
	IDs  map[string]int // id → line of first use
	Dups []Ref          // ids used a second time (URL holds the id)
}

// refAttrs are the attributes that load or link to something.
var refAttrs = map[string][]string{
	"a":      {"href"},
	"link":   {"href"},
	"img":    {"src"},
	"script": {"src"},
	"source": {"src"},
	"iframe": {"src"},
	"area":   {"href"},
}

// Parse reads one HTML page, keeping the position of every reference.
func Parse(rel string, data []byte) *Page {
	p := &Page{Path: rel, IDs: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(data))
	offset := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		start := offset
		offset += len(raw)
		if tt == html.ErrorToken {
			return p
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		line, col := position(data, start)
		tok := z.Token()
		for _, a := range tok.Attr {
			switch {
			case a.Key == "id" || (tok.Data == "a" && a.Key == "name"):
				if _, seen := p.IDs[a.Val]; seen && a.Key == "id" {
					p.Dups = append(p.Dups, Ref{URL: a.Val, Tag: tok.Data, Attr: a.Key, Line: line, Col: col})
				} else if !seen {
					p.IDs[a.Val] = line
				}
			case slices.Contains(refAttrs[tok.Data], a.Key):
				p.Refs = append(p.Refs, Ref{URL: a.Val, Tag: tok.Data, Attr: a.Key, Line: line, Col: col})
			}
		}
	}
}

func position(data []byte, offset int) (line, col int) {
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - bytes.LastIndexByte(before, '\n')
	return line, col
}

// Check parses every HTML file under dir and checks its internal
// references. display is how diagnostics name dir (the build checks a
// staging directory that will become public/). baseURL is the site's own
// address: absolute links to it are internal too.
func Check(dir, display, baseURL string) (diag.List, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	pages := map[string]*Page{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		pages[rel] = Parse(rel, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c := checker{dir: dir, display: display, base: base, pages: pages}
	for _, p := range sortedPages(pages) {
		c.page(p)
	}
	c.l.Sort()
	return c.l, nil
}

type checker struct {
	dir, display string
	base         *url.URL
	pages        map[string]*Page
	l            diag.List
}

func (c *checker) page(p *Page) {
	file := path.Join(c.display, p.Path)
	for _, d := range p.Dups {
		c.l.Errorf(file, d.Line, d.Col, "duplicate-id", "the id %q is used more than once in the page", d.URL)
	}
	// Relative to the base, so that a base URL with a path (a sub-site)
	// holds the pages under that path.
	pageURL := c.base.ResolveReference(&url.URL{Path: p.Path})
	for _, r := range p.Refs {
		u, err := url.Parse(strings.TrimSpace(r.URL))
		switch {
		case strings.TrimSpace(r.URL) == "":
			c.l.Errorf(file, r.Line, r.Col, "link-empty", "<%s %s> is empty", r.Tag, r.Attr)
			continue
		case err != nil:
			c.l.Errorf(file, r.Line, r.Col, "link-malformed", "<%s %s=%q> is not a valid URL: %v", r.Tag, r.Attr, r.URL, err)
			continue
		}
		target := pageURL.ResolveReference(u)
		if target.Scheme != c.base.Scheme || target.Host != c.base.Host {
			continue // external: `check --external`
		}
		c.internal(file, p, r, target)
	}
}

// internal checks that a link to the site's own origin names a file that
// exists and, with a fragment, an id in it.
func (c *checker) internal(file string, from *Page, r Ref, target *url.URL) {
	rel, ok := strings.CutPrefix(target.Path, c.base.Path)
	if !ok {
		c.l.Errorf(file, r.Line, r.Col, "link-outside", "%q points outside the site (%s)", r.URL, c.base)
		return
	}
	rel = path.Clean("/" + rel)[1:]
	if rel == "" || strings.HasSuffix(target.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	fi, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if err == nil && fi.IsDir() {
		rel = path.Join(rel, "index.html")
		_, err = os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
	}
	if err != nil {
		c.l.Errorf(file, r.Line, r.Col, "link-broken", "%q points to %s, which the build did not produce", r.URL, rel)
		return
	}
	if target.Fragment == "" {
		return
	}
	page := c.pages[rel]
	if rel == from.Path {
		page = from
	}
	if page == nil {
		return // a fragment on a non-HTML file means nothing to check
	}
	if _, ok := page.IDs[target.Fragment]; !ok {
		c.l.Errorf(file, r.Line, r.Col, "link-fragment", "%q: %s has no element with id %q", r.URL, rel, target.Fragment)
	}
}

func sortedPages(m map[string]*Page) []*Page {
	out := make([]*Page, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return out
}
