package linkcheck

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var benchTree = flag.String("benchtree", "", "write the benchmark's generated tree to this directory (to run another checker on it) and stop")

const (
	benchPages    = 10_000
	benchLinks    = 50 // per page
	benchSections = 20 // ids per page
)

// writeBenchTree generates a site of benchPages pages, each with
// benchLinks links: to other pages, to fragments on other pages and on
// itself, relative and root-relative, to a directory without its slash,
// with a query string, and to a shared style sheet and image; and a root
// page that links to every page. Every link resolves, so the checker does
// all its work and reports nothing.
func writeBenchTree(tb testing.TB, dir string) {
	tb.Helper()
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "a"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "a", "site.css"), []byte("body{background:url(bg.png)}\n"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "a", "bg.png"), []byte("png"), 0o644))
	var b strings.Builder
	for i := range benchPages {
		b.Reset()
		fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en-US\">\n<head>\n<title>Page %d</title>\n", i)
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"/p%d/\">\n<link rel=\"stylesheet\" href=\"/a/site.css\">\n</head>\n<body>\n", i)
		for s := range benchSections {
			fmt.Fprintf(&b, "<h2 id=\"s%d\">Section %d</h2>\n<p>Text of section %d.</p>\n", s, s, s)
		}
		for k := range benchLinks - 2 { // the two <link>s above count
			j := (i*31 + k*97) % benchPages
			s := (i + k) % benchSections
			switch k % 6 {
			case 0:
				fmt.Fprintf(&b, "<a href=\"/p%d/\">page %d</a>\n", j, j)
			case 1:
				fmt.Fprintf(&b, "<a href=\"/p%d/#s%d\">page %d, section %d</a>\n", j, s, j, s)
			case 2:
				fmt.Fprintf(&b, "<a href=\"#s%d\">section %d</a>\n", s, s)
			case 3:
				fmt.Fprintf(&b, "<a href=\"../p%d/index.html#s%d\">relative</a>\n", j, s)
			case 4:
				fmt.Fprintf(&b, "<a href=\"/p%d?from=%d\">no slash, a query</a>\n", j, i)
			case 5:
				fmt.Fprintf(&b, "<img src=\"/a/bg.png\" alt=\"\">\n")
			}
		}
		b.WriteString("</body>\n</html>\n")
		p := filepath.Join(dir, fmt.Sprintf("p%d", i))
		must(os.MkdirAll(p, 0o755))
		must(os.WriteFile(filepath.Join(p, "index.html"), []byte(b.String()), 0o644))
	}
	// A site map at the root, so that a crawling checker reaches every page.
	b.Reset()
	b.WriteString("<!doctype html>\n<html lang=\"en-US\">\n<body>\n")
	for i := range benchPages {
		fmt.Fprintf(&b, "<a href=\"/p%d/\">page %d</a>\n", i, i)
	}
	b.WriteString("</body>\n</html>\n")
	must(os.WriteFile(filepath.Join(dir, "index.html"), []byte(b.String()), 0o644))
}

// TestWriteBenchTree only runs with -benchtree: it writes the tree that
// BenchmarkCheck checks, so that another link checker can be timed on
// the same files (see docs/DEVELOPING.md, "Checking links").
func TestWriteBenchTree(t *testing.T) {
	if *benchTree == "" {
		t.Skip("no -benchtree")
	}
	writeBenchTree(t, *benchTree)
}

// BenchmarkCheck runs the internal checks on a generated tree of 10,000
// pages with 50 links each; pages/s is the figure to compare. Run with
// -cpu 1,2 to see the parsing and checking spread over cores.
func BenchmarkCheck(b *testing.B) {
	dir := b.TempDir()
	writeBenchTree(b, dir)
	for b.Loop() {
		s, err := load(dir, Options{Display: "public", BaseURL: base})
		if err != nil {
			b.Fatal(err)
		}
		if l := s.Internal(); len(l) > 0 {
			b.Fatalf("the generated tree has problems:\n%v", l[0])
		}
	}
	b.ReportMetric(float64(benchPages*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(benchPages*benchLinks*b.N)/b.Elapsed().Seconds(), "links/s")
}
