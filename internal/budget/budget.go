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
// The build runs Check on the staged output and refuses to publish a page
// that breaks a rule; `statement build --format json` prints every page's
// size.
package budget

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/htmldoc"
	"dhcs.ca.gov/statement/internal/workers"
)

// FirstRoundTrip is the most a page may weigh, gzip-compressed with all it
// needs to render: an initial congestion window of 10 segments of 1,460
// bytes.
const FirstRoundTrip = 10 * 1460

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

// Resource is one file a page needs to render.
type Resource struct {
	Path      string `json:"path"`
	GzipBytes int    `json:"gzip_bytes"`
}

// Largest returns the page with the largest total, and false if there is
// none.
func Largest(pages []Page) (Page, bool) {
	if len(pages) == 0 {
		return Page{}, false
	}
	return slices.MaxFunc(pages, func(a, b Page) int { return a.TotalGzipBytes - b.TotalGzipBytes }), true
}

// fontExts are the files a web font comes in.
var fontExts = []string{".woff", ".woff2", ".ttf", ".otf", ".eot"}

// Check measures every HTML page under dir and checks every page, style
// sheet and font file against the rules. display is how diagnostics name
// dir (the build checks a staging directory that becomes public/); baseURL
// is the site's own address, the one origin a page may use.
func Check(dir, display, baseURL string) ([]Page, diag.List, error) {
	c, err := NewChecker(dir, display, baseURL)
	if err != nil {
		return nil, nil, err
	}
	var files, htmlFiles []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files = append(files, rel)
		if IsPage(rel) {
			htmlFiles = append(htmlFiles, rel)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	l, err := c.Files(files)
	if err != nil {
		return nil, nil, err
	}
	// Pages are independent: check them on every core, each into its own
	// list, and put the lists together in the order of the walk.
	pages := make([]Page, len(htmlFiles))
	lists := make([]diag.List, len(htmlFiles))
	errs := make([]error, len(htmlFiles))
	workers.Each(len(htmlFiles), func(i int) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(htmlFiles[i])))
		if err != nil {
			errs[i] = err
			return
		}
		pages[i], lists[i], errs[i] = c.Page(htmlFiles[i], data, htmldoc.Parse(data))
	})
	for i := range htmlFiles {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		l.Add(lists[i]...)
	}
	l.Sort()
	return pages, l, nil
}

// IsPage reports whether a file of the output is an HTML page, which
// Checker.Page measures.
func IsPage(rel string) bool { return strings.ToLower(path.Ext(rel)) == ".html" }

// Checker checks the pages of one output tree, one at a time and from any
// number of goroutines. Check runs it on a whole tree; the build runs it
// in the one pass that reads and parses each page for every check.
type Checker struct{ c checker }

// NewChecker checks the tree in dir (see Check for the arguments).
func NewChecker(dir, display, baseURL string) (*Checker, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("base URL %q: %w", baseURL, err)
	}
	return &Checker{checker{dir: dir, display: display, base: base, gz: &sizes{m: map[string]int{}}}}, nil
}

// Files checks the files of the tree that are not pages, given all of the
// tree's paths (slash-separated, relative to it): no web font, and every
// style sheet by the rules (each once, wherever it is used).
func (k *Checker) Files(files []string) (diag.List, error) {
	c := k.c
	for _, rel := range files {
		if slices.Contains(fontExts, strings.ToLower(path.Ext(rel))) {
			c.l.Errorf(c.name(rel), 0, 0, RuleFont, "%s is a web font; the site uses the reader's own fonts", rel)
			c.l.Suggest("delete the font file and name system fonts in the CSS font-family")
		}
	}
	for _, rel := range files {
		if strings.ToLower(path.Ext(rel)) != ".css" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		c.css(data, c.urlOf(rel), c.name(rel), 1, 1, true, nil)
	}
	return c.l, nil
}

// Page measures and checks the page at rel, whose content is data and
// whose parse is doc.
func (k *Checker) Page(rel string, data []byte, doc *htmldoc.Doc) (Page, diag.List, error) {
	c := checker{dir: k.c.dir, display: k.c.display, base: k.c.base, gz: k.c.gz}
	p, err := c.page(rel, data, doc)
	return p, c.l, err
}

type checker struct {
	dir, display string
	base         *url.URL
	gz           *sizes // shared by the checkers of all pages
	l            diag.List
}

// sizes are files' sizes as served, each measured once.
type sizes struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *checker) name(rel string) string { return path.Join(c.display, rel) }

// urlOf is the address a file of the output is served at.
func (c *checker) urlOf(rel string) *url.URL {
	return c.base.ResolveReference(&url.URL{Path: rel})
}

// local maps an address on the site's own origin to the file the build
// wrote for it; ok is false for another origin or a file that is not
// there (linkcheck reports those).
func (c *checker) local(u *url.URL) (rel string, ok bool) {
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host {
		return "", false
	}
	rel, ok = strings.CutPrefix(u.Path, c.base.Path)
	if !ok {
		return "", false
	}
	rel = path.Clean("/" + rel)[1:]
	if rel == "" || strings.HasSuffix(u.Path, "/") {
		rel = path.Join(rel, "index.html")
	}
	fi, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if err != nil || fi.IsDir() {
		return "", false
	}
	return rel, true
}

// foreign reports whether u is fetched from another origin. Opaque
// addresses (data:, about:) are nobody's origin.
func (c *checker) foreign(u *url.URL) bool {
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

// served is a file's size as the CDN sends it: text compressed, images
// and the like as they are.
func (c *checker) served(rel string) (int, error) {
	c.gz.mu.Lock()
	n, ok := c.gz.m[rel]
	c.gz.mu.Unlock()
	if ok {
		return n, nil
	}
	data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if err != nil {
		return 0, err
	}
	n = len(data)
	if compressible(rel) {
		n = gzipSize(data)
	}
	c.gz.mu.Lock()
	c.gz.m[rel] = n
	c.gz.mu.Unlock()
	return n, nil
}

func compressible(rel string) bool {
	t := mime.TypeByExtension(path.Ext(rel))
	return strings.HasPrefix(t, "text/") || strings.Contains(t, "svg") || strings.Contains(t, "json") || strings.Contains(t, "xml")
}

// gzipSize is the size of data compressed at gzip's default level, the
// level a CDN compressing on the fly typically uses (higher levels and
// Brotli only make a page smaller, never larger).
func gzipSize(data []byte) int {
	// A compressor costs far more to make than a page to compress: reuse
	// them, and count the output instead of keeping it.
	w := gzipWriters.Get().(*gzip.Writer)
	var n counter
	w.Reset(&n)
	w.Write(data)
	w.Close()
	gzipWriters.Put(w)
	return int(n)
}

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return w
}}

// counter is a writer that only counts.
type counter int

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// needs collects the same-origin files a page loads to render, each once.
type needs struct {
	self  string // the page itself: a fragment link is not a need
	files []string
}

func (n *needs) add(rel string) bool {
	if rel == "" || rel == n.self || slices.Contains(n.files, rel) {
		return false
	}
	n.files = append(n.files, rel)
	return true
}

// page checks one HTML page and measures it with what it needs.
func (c *checker) page(rel string, data []byte, doc *htmldoc.Doc) (Page, error) {
	file := c.name(rel)
	pageURL := c.urlOf(rel)
	need := needs{self: rel}
	c.scan(doc, file, pageURL, &need)

	p := Page{Path: rel, Bytes: len(data), GzipBytes: gzipSize(data), BudgetBytes: FirstRoundTrip}
	p.TotalGzipBytes = p.GzipBytes
	// A style sheet's own url()s are needs too; the list grows as it is read.
	for i := 0; i < len(need.files); i++ {
		r := need.files[i]
		if strings.EqualFold(path.Ext(r), ".css") {
			sheet, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(r)))
			if err != nil {
				return Page{}, err
			}
			// Its problems were reported when the file was checked.
			c.css(sheet, c.urlOf(r), c.name(r), 1, 1, false, &need)
		}
		n, err := c.served(r)
		if err != nil {
			return Page{}, err
		}
		p.Needs = append(p.Needs, Resource{Path: r, GzipBytes: n})
		p.TotalGzipBytes += n
	}
	if over := p.TotalGzipBytes - FirstRoundTrip; over > 0 {
		c.l.Errorf(file, 0, 0, RuleSize, "the page is %s bytes gzip-compressed%s, %s over the budget of %s bytes that arrive in the first round trip",
			thousands(p.TotalGzipBytes), breakdown(p), thousands(over), thousands(FirstRoundTrip))
		c.l.Suggest("make it smaller: shorten the text, drop CSS rules no page uses, simplify the inline SVG; `statement build --format json` shows every page's size")
	}
	return p, nil
}

func breakdown(p Page) string {
	if len(p.Needs) == 0 {
		return ""
	}
	parts := []string{"page " + thousands(p.GzipBytes)}
	for _, r := range p.Needs {
		parts = append(parts, r.Path+" "+thousands(r.GzipBytes))
	}
	return " with what it needs to render (" + strings.Join(parts, ", ") + ")"
}

// thousands writes 14600 as 14,600.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// navigational link relations name another document without fetching it.
// Every other <link> is treated as a fetch, so that a new kind of request
// is checked rather than missed.
var navigational = []string{
	"alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next",
	"nofollow", "noopener", "noreferrer", "opener", "prev", "privacy-policy", "search", "tag", "terms-of-service",
}

// renders are the link relations whose file a page needs before it can
// show its first view.
var renders = []string{"stylesheet"}

// scan checks one page's tags, attributes and inline styles.
func (c *checker) scan(doc *htmldoc.Doc, file string, pageURL *url.URL, need *needs) {
	for i := range doc.Tags {
		t := &doc.Tags[i]
		c.tag(t, file, t.Line, t.Col, pageURL, need)
		for _, x := range t.Style {
			c.css(x.Raw, pageURL, file, x.Line, x.Col, true, need)
		}
	}
}

func position(data []byte, offset int) (line, col int) {
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - bytes.LastIndexByte(before, '\n')
	return line, col
}

func relations(t *htmldoc.Tag) []string {
	rel, _ := t.Get("rel")
	return strings.Fields(strings.ToLower(rel))
}

// isDataBlock reports whether a script element only carries data.
func isDataBlock(t *htmldoc.Tag) bool {
	typ, _ := t.Get("type")
	mt, _, err := mime.ParseMediaType(typ)
	return err == nil && mt == "application/ld+json"
}

// tag checks one start tag.
func (c *checker) tag(t *htmldoc.Tag, file string, line, col int, pageURL *url.URL, need *needs) {
	if t.Name == "script" && !isDataBlock(t) {
		c.l.Errorf(file, line, col, RuleScript, "<script> runs code; the page must work without JavaScript (only <script type=\"application/ld+json\"> data blocks are allowed)")
		c.l.Suggest("remove the script; do what it did with HTML and CSS")
	}
	if t.Name == "link" && slices.Contains(relations(t), "preload") {
		if as, _ := t.Get("as"); strings.EqualFold(as, "font") {
			c.l.Errorf(file, line, col, RuleFont, "<link rel=\"preload\" as=\"font\"> loads a web font; the site uses the reader's own fonts")
			c.l.Suggest("remove the link and name system fonts in the CSS font-family")
		}
	}
	for _, a := range t.Attrs {
		key := strings.ToLower(a.Key)
		if strings.HasPrefix(key, "on") && len(key) > 2 {
			c.l.Errorf(file, line, col, RuleScript, "the %s attribute of <%s> runs code; the page must work without JavaScript", key, t.Name)
			c.l.Suggest("remove the attribute")
			continue
		}
		if key == "style" {
			// Reported at the tag: a position inside an attribute's
			// value would not match the file's text, which may be escaped.
			c.css([]byte(a.Val), pageURL, file, line, -col, true, need)
			continue
		}
		kind := fetchKind(t, key)
		if kind == notFetched {
			continue
		}
		for _, ref := range references(key, a.Val) {
			if htmldoc.IsJavaScriptURL(ref) {
				c.l.Errorf(file, line, col, RuleScript, "<%s %s=%q> runs code; the page must work without JavaScript", t.Name, a.Key, ref)
				c.l.Suggest("link to a page instead")
				continue
			}
			// A link the reader follows may go anywhere: only what it
			// runs matters, and most of a page's addresses are links.
			if kind == navigation {
				continue
			}
			u, err := url.Parse(strings.TrimSpace(ref))
			if err != nil {
				continue // linkcheck reports malformed addresses
			}
			target := pageURL.ResolveReference(u)
			if c.foreign(target) {
				what := "loads from"
				if kind == formTarget {
					what = "sends a form to"
				}
				c.l.Errorf(file, line, col, RuleOrigin, "<%s %s=%q> %s %s, another origin; every request must go to the site's own origin, %s",
					t.Name, a.Key, ref, what, origin(target), origin(c.base))
				c.l.Suggest("put the file in the theme's assets and refer to it by its path, or remove it")
				continue
			}
			if kind == rendering {
				if rel, ok := c.local(target); ok {
					need.add(rel)
				}
			}
		}
	}
}

type fetch int

const (
	notFetched fetch = iota
	navigation       // followed by the reader: only javascript: is refused
	formTarget       // where a form goes
	fetched          // loaded by the browser, not needed for the first view
	rendering        // loaded by the browser and needed for the first view
)

// fetchKind says what the browser does with an attribute's address.
func fetchKind(t *htmldoc.Tag, key string) fetch {
	switch key {
	case "href", "xlink:href":
		switch t.Name {
		case "a", "area":
			return navigation
		case "link":
			rels := relations(t)
			if slices.ContainsFunc(rels, func(r string) bool { return slices.Contains(renders, r) }) {
				return rendering
			}
			if len(rels) > 0 && !slices.ContainsFunc(rels, func(r string) bool { return !slices.Contains(navigational, r) }) {
				return notFetched
			}
			return fetched
		case "image", "use", "feimage":
			return rendering
		case "base":
			return fetched
		}
		return notFetched
	case "src":
		switch t.Name {
		case "img", "embed":
			return rendering
		case "input":
			return rendering
		case "iframe", "frame":
			return navigation // a document of its own, with its own budget
		}
		return fetched
	case "srcset", "poster":
		return rendering
	case "data":
		if t.Name == "object" {
			return rendering
		}
	case "action", "formaction":
		return formTarget
	case "ping", "background", "manifest":
		return fetched
	}
	return notFetched
}

// references lists the addresses in an attribute: one, or for srcset
// each candidate.
func references(key, val string) []string {
	switch key {
	case "srcset":
		var out []string
		for _, cand := range strings.Split(val, ",") {
			if f := strings.Fields(cand); len(f) > 0 {
				out = append(out, f[0])
			}
		}
		return out
	case "ping":
		return strings.Fields(val)
	}
	return []string{val}
}

// css checks a style sheet, a <style> element's text or a style
// attribute: no @font-face, nothing from another origin. With need set,
// the files it loads are added to what the page needs to render. line and
// col are where the text starts in file.
func (c *checker) css(data []byte, base *url.URL, file string, line, col int, report bool, need *needs) {
	// The lexer writes a terminating zero past the end of what it is
	// given; a copy keeps it out of the HTML tokenizer's buffer.
	l := css.NewLexer(parse.NewInputBytes(bytes.Clone(data)))
	offset := 0
	afterImport := false
	for {
		tt, text := l.Next()
		if tt == css.ErrorToken {
			return
		}
		start := offset
		offset += len(text)
		var ref string
		switch tt {
		case css.AtKeywordToken:
			afterImport = false
			switch strings.ToLower(string(text)) {
			case "@font-face":
				if report {
					ln, cl := at(data, start, line, col)
					c.l.Errorf(file, ln, cl, RuleFont, "@font-face loads a web font; the site uses the reader's own fonts")
					c.l.Suggest("remove the @font-face rule and name system fonts in font-family")
				}
			case "@import":
				afterImport = true
			}
			continue
		case css.WhitespaceToken, css.CommentToken:
			continue
		case css.URLToken:
			ref = urlTokenValue(text)
		case css.StringToken:
			if !afterImport {
				continue
			}
			ref = string(text[1 : len(text)-1])
		default:
			afterImport = false
			continue
		}
		afterImport = false
		u, err := url.Parse(strings.TrimSpace(ref))
		if err != nil {
			continue
		}
		target := base.ResolveReference(u)
		if c.foreign(target) {
			if report {
				ln, cl := at(data, start, line, col)
				c.l.Errorf(file, ln, cl, RuleOrigin, "the CSS loads %q from %s, another origin; every request must go to the site's own origin, %s", ref, origin(target), origin(c.base))
				c.l.Suggest("put the file in the theme's assets and refer to it by its path, or remove it")
			}
			continue
		}
		if need != nil {
			if rel, ok := c.local(target); ok {
				need.add(rel)
			}
		}
	}
}

// at is the position of offset in text that starts at line:col. A
// negative col stands for text whose problems are reported at -col.
func at(text []byte, offset, line, col int) (int, int) {
	if col < 0 {
		return line, -col
	}
	l, cl := position(text, offset)
	if l == 1 {
		return line, col + cl - 1
	}
	return line + l - 1, cl
}

// urlTokenValue is the address in url(...), url("...") or url('...').
func urlTokenValue(tok []byte) string {
	s := string(tok)
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, ")"))
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	return s
}
