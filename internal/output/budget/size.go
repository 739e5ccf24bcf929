package budget

import (
	"compress/gzip"
	"io"
	"mime"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// FirstRoundTrip is the most a page may weigh, gzip-compressed with all it
// needs to render: an initial congestion window of 10 segments of 1,460
// bytes.
const FirstRoundTrip = 10 * 1460

// needs collects the same-origin files a page loads to render, each once.
type needs struct {
	self  string // the page itself: a fragment link is not a need
	files []string
}

func (n *needs) add(rel string) {
	if rel != "" && rel != n.self && !slices.Contains(n.files, rel) {
		n.files = append(n.files, rel)
	}
}

// gzipBound is the most compress/gzip (default level) makes of n bytes,
// however incompressible they are. DEFLATE can always store a block as it
// is, for 5 bytes (3 header bits padded to a byte, then LEN and NLEN), and
// compress/flate writes a block stored whenever that is smallest; it ends
// a block every 16,384 tokens (maxFlateBlockTokens), and incompressible
// bytes are one token each, so a block holds at least 16,384 bytes but the
// last (the format would allow 65,535). The stream ends with one more,
// empty, block (5 bytes at most), and gzip adds its 10-byte header and
// 8-byte trailer (CRC-32 and size). For a page of up to 16,384 bytes that
// is 28 bytes: a page of at most 14,572 bytes, with nothing else to load,
// cannot exceed the budget of 14,600. TestGzipBound holds compress/flate to
// it, on random bytes.
func gzipBound(n int) int {
	const block, perBlock, gzipFrame = 16384, 5, 10 + 8
	return n + gzipFrame + perBlock*((n+block-1)/block+1)
}

// weigh measures a page with what it needs and holds it to the budget.
// The budget is exact, but compressing every page is most of what the
// checks cost: a page whose uncompressed size, compressed or not, cannot
// take it over the budget with what it needs is not compressed, unless
// the Checker is Exact.
func (c *Checker) weigh(l *diag.List, file, rel string, data []byte, need *needs) (Page, error) {
	p := Page{Path: rel, Bytes: len(data), BudgetBytes: FirstRoundTrip}
	// A style sheet's own url()s are needs too; the list grows as it is
	// read. Its problems were reported when the sheet was checked.
	for i := 0; i < len(need.files); i++ {
		r := need.files[i]
		if sheet := c.tree.Sheets[r]; sheet != nil {
			base := c.urlOf(r)
			for _, ref := range sheet.Refs {
				if target, ok := resolve(ref, base); ok {
					need.add(c.local(target))
				}
			}
		}
		n, err := c.servedSize(r)
		if err != nil {
			return Page{}, err
		}
		p.Needs = append(p.Needs, Resource{Path: r, GzipBytes: n})
		p.TotalGzipBytes += n
	}
	if !c.Exact && p.TotalGzipBytes+gzipBound(len(data)) <= FirstRoundTrip {
		p.TotalGzipBytes = 0 // not measured: within the budget whatever gzip makes of it
		return p, nil
	}
	p.GzipBytes = gzipSize(data)
	p.TotalGzipBytes += p.GzipBytes
	if over := p.TotalGzipBytes - FirstRoundTrip; over > 0 {
		l.Errorf(file, 0, 0, RuleSize, "the page is %s bytes gzip-compressed%s, %s over the budget of %s bytes that arrive in the first round trip",
			thousands(p.TotalGzipBytes), breakdown(p), thousands(over), thousands(FirstRoundTrip))
		l.Suggest("make it smaller: shorten the text, drop CSS rules no page uses, simplify the inline SVG; `statement build --format json` shows every page's size")
	}
	return p, nil
}

// servedSize is a file's size as the CDN sends it: text compressed,
// images and the like as they are.
func (c *Checker) servedSize(rel string) (int, error) {
	c.served.mu.Lock()
	n, ok := c.served.m[rel]
	c.served.mu.Unlock()
	if ok {
		return n, nil
	}
	data, err := c.tree.Read(rel)
	if err != nil {
		return 0, err
	}
	n = len(data)
	if compressible(rel) {
		n = gzipSize(data)
	}
	c.served.mu.Lock()
	c.served.m[rel] = n
	c.served.mu.Unlock()
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
