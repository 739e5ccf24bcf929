package build

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/output/budget"
	"dhcs.ca.gov/statement/internal/output/checks"
	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

// copySite copies the frozen site (testdata/site, with the theme) into a
// new directory, where a test may change it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := testfs.CopyFixture("../..", dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(data, []byte(old), []byte(old+new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Raw HTML written into the content or the data must never become markup:
// Goldmark's unsafe mode is off, so Markdown drops raw HTML, and templates
// escape what comes from data. What reaches the page is text.
func TestRawHTMLInSourceReachesThePageOnlyAsText(t *testing.T) {
	root := copySite(t)
	appendTo(t, filepath.Join(root, "content/en/_index.md"), "\n"+
		"<script>alert('block')</script>\n\n"+
		"Inline <img src=\"/a.png\" onerror=\"alert('inline')\"> markup and <b onclick=\"alert(1)\">bold</b> end here.\n\n"+
		"A code span shows `<script>alert('code')</script>` as text.\n\n"+
		"<div onmouseover=\"alert('div')\">\n\nblock\n\n</div>\n")
	replaceIn(t, filepath.Join(root, "data/timeline.yaml"), `may share limited data about individuals not "lawfully residing" in the U.S.`,
		` <script>alert("data")</script><img src=x onerror="alert('data')">`)
	replaceIn(t, filepath.Join(root, "data/timeline.yaml"), `DHCS learned CMS may have shared`, ` <b onclick="alert(2)">data</b>`)

	out := filepath.Join(t.TempDir(), "public")
	// A preview: it publishes English that no revision records yet, as
	// these test changes are; the budget holds in both contexts.
	l, err := Run(Options{Root: root, Out: out, Context: Preview})
	if err != nil || l.HasErrors() {
		t.Fatal(err, l)
	}
	data, err := os.ReadFile(filepath.Join(out, "en/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	visit(doc, func(n *html.Node) {
		if n.Data == "script" && attr(n, "type") != "application/ld+json" {
			t.Errorf("a <script> element reached the page")
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q> reached the page", n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "img" && attr(n, "src") != "" {
			t.Errorf("<img src=%q> reached the page", attr(n, "src"))
		}
	})
	text := collapse(htmldoc.TextOf(doc))
	for _, want := range []string{
		`<script>alert("data")</script><img src=x onerror="alert('data')">`, // timeline data, escaped
		`<b onclick="alert(2)">data</b>`,                                    // the same, mid-sentence
		`<script>alert('code')</script>`,                                    // a code span
		"Inline markup and bold end here.",                                  // raw inline HTML dropped, the words kept
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
	if strings.Contains(text, "alert('block')") || strings.Contains(text, "alert('div')") {
		t.Error("a raw HTML block reached the page")
	}
}

// A page over budget stops the build with the budget's message, and the
// previous output stays as it was.
func TestBuildRefusesAPageOverBudget(t *testing.T) {
	root := copySite(t)
	r := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	b.WriteString("\n")
	for b.Len() < 30000 {
		for range 2 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteString(" ")
	}
	appendTo(t, filepath.Join(root, "content/en/_index.md"), b.String()+"\n")

	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "before.txt"), []byte("previous output"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pages []budget.Page
	// A preview, as above: only the budget may stop it. The previous
	// output is not a build (Force), to show that not even that is touched.
	l, err := Run(Options{Root: root, Out: out, Force: true, Context: Preview, PageSizes: func(p []budget.Page) { pages = p }})
	if err != nil {
		t.Fatal(err)
	}
	var over []string
	for _, d := range l {
		if d.Rule == budget.RuleSize {
			over = append(over, d.File)
			if !strings.Contains(d.Message, "over the budget of 14,600 bytes") || d.Suggestion == "" {
				t.Errorf("unclear message: %s", d)
			}
		}
	}
	if strings.Join(over, " ") != filepath.ToSlash(out)+"/en/index.html" {
		t.Errorf("pages over budget: %v, want only en/index.html\n%v", over, l)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "before.txt" {
		t.Errorf("the output changed: %v", entries)
	}
	var en budget.Page
	for _, p := range pages {
		if p.Path == "en/index.html" {
			en = p
		}
	}
	if en.TotalGzipBytes <= budget.FirstRoundTrip {
		t.Errorf("the sizes measured before the stop were not reported: %+v", pages)
	}
}

// Every page of the site as issued is within the budget, measured here
// as well as by the scan: each HTML file on disk is compressed by the
// test itself, and must have been measured by the scan, to the byte, and
// fit the budget with what it needs.
func TestRealPagesFitTheBudget(t *testing.T) {
	site, _ := source.Load(fixture, source.Options{})
	found, err := checks.Scan(built, checks.Options{Display: "public", BaseURL: site.BaseURL, Build: true, ExactSizes: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(found.Budget) > 0 {
		t.Errorf("the scan refuses pages: %v", found.Budget)
	}
	measured := map[string]budget.Page{}
	for _, p := range found.Pages {
		measured[p.Path] = p
	}
	pages := 0
	err = filepath.WalkDir(built, func(path string, d os.DirEntry, err error) error {
		if err != nil || filepath.Ext(path) != ".html" {
			return err
		}
		pages++
		rel, _ := filepath.Rel(built, path)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
		w.Write(data)
		w.Close()
		p, ok := measured[rel]
		switch {
		case !ok:
			t.Errorf("%s was not measured", rel)
		case p.Bytes != len(data) || p.GzipBytes != z.Len():
			t.Errorf("%s: measured %d bytes, %d compressed; it is %d, %d", rel, p.Bytes, p.GzipBytes, len(data), z.Len())
		case z.Len()+p.TotalGzipBytes-p.GzipBytes > budget.FirstRoundTrip:
			t.Errorf("%s is over budget: %d bytes compressed with what it needs", rel, z.Len()+p.TotalGzipBytes-p.GzipBytes)
		}
		t.Logf("%s: %d bytes, %d gzip-compressed", rel, len(data), z.Len())
		return nil
	})
	if err != nil || pages == 0 {
		t.Errorf("no pages (%v)", err)
	}
}
