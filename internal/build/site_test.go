package build

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// The tests of this package hold the output to the statement as issued:
// they build fixture, a copy of the frozen site (testdata/site, with the
// repository's theme), once, into built. The live site, which editors
// change, is tested only for what is always true (livesite).
var fixture, built string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "statement-site-")
	if err != nil {
		panic(err)
	}
	fixture = filepath.Join(dir, "site")
	if err := testfs.CopyFixture("../..", fixture); err != nil {
		os.RemoveAll(dir)
		panic(err)
	}
	built = filepath.Join(dir, "public")
	l, err := Run(Options{Root: fixture, Out: built, Context: Production})
	if err != nil || l.HasErrors() {
		os.RemoveAll(dir)
		panic(fmtDiag(l, err))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func fmtDiag(l diag.List, err error) string {
	var b strings.Builder
	b.WriteString("building the real site failed:\n")
	if err != nil {
		b.WriteString(err.Error() + "\n")
	}
	diag.Write(&b, l, diag.Text, false)
	return b.String()
}

func parsePage(t *testing.T, rel string) *html.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(built, rel))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// visit calls fn for every element, depth first.
func visit(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visit(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func find(doc *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	visit(doc, func(n *html.Node) {
		if pred(n) {
			out = append(out, n)
		}
	})
	return out
}

func byTag(tag string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag }
}

// seed is the statement as the agency issued it (testdata/seed), the
// source every sentence and link of the English page is held to.
type seed struct {
	headline  string
	sentences []string
	links     []string
	timeline  [][2]string // visible date, text
}

var (
	mdLink      = regexp.MustCompile(`\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)`)
	bareURL     = regexp.MustCompile(`\s*\(<https?://[^>]+>\)`)
	escapedURL  = regexp.MustCompile(` \\\([^)]*\\\)`)
	timelineRow = regexp.MustCompile(`^- ([A-Z][a-z]+(?: \d{1,2},)? \d{4}): (.+)$`)
)

func readSeed(t *testing.T) seed {
	t.Helper()
	data, err := os.ReadFile("../../testdata/seed/statement.md")
	if err != nil {
		t.Fatal(err)
	}
	var s seed
	inTimeline := false
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			s.links = append(s.links, m[2])
		}
		// The seed prints each URL after its link text; the page links it.
		line = bareURL.ReplaceAllString(line, "")
		line = mdLink.ReplaceAllStringFunc(line, func(m string) string {
			text := mdLink.FindStringSubmatch(m)[1]
			return escapedURL.ReplaceAllString(text, "")
		})
		line = strings.NewReplacer("**", "", "*", "").Replace(line)
		switch {
		case line == "" || line == "###" || strings.HasPrefix(line, "The logo for"):
		case strings.HasPrefix(line, "## Timeline"):
			inTimeline = true
		case strings.HasPrefix(line, "## "):
			s.headline = strings.TrimPrefix(line, "## ")
		case inTimeline && timelineRow.MatchString(line):
			m := timelineRow.FindStringSubmatch(line)
			s.timeline = append(s.timeline, [2]string{m[1], m[2]})
		case strings.HasPrefix(line, "UPDATED"), strings.HasPrefix(line, "NUMBER:"), strings.HasPrefix(line, "CONTACT:"), strings.HasPrefix(line, "www."):
			// Facts rendered from data; checked one by one below.
		default:
			s.sentences = append(s.sentences, sentences(strings.TrimPrefix(line, "- "))...)
		}
	}
	if len(s.sentences) < 20 || len(s.timeline) != 4 || len(s.links) < 8 {
		t.Fatalf("the seed did not parse as expected: %d sentences, %d events, %d links", len(s.sentences), len(s.timeline), len(s.links))
	}
	return s
}

// sentences splits a paragraph where a sentence ends. A split inside an
// abbreviation ("U.S. Department") only makes the pieces smaller; each
// piece must still be on the page.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if strings.ContainsRune(".!?:", rune(p[i])) && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' {
			out = append(out, strings.TrimSpace(p[start:i+1]))
			start = i + 2
		}
	}
	return append(out, strings.TrimSpace(p[start:]))
}

func TestEnglishPageHasEverySentenceAndLinkOfTheSeed(t *testing.T) {
	s := readSeed(t)
	doc := parsePage(t, "en/index.html")
	main := find(doc, byTag("main"))[0]
	text := collapse(htmldoc.TextOf(main))

	h1 := find(doc, byTag("h1"))
	if len(h1) != 1 || !strings.EqualFold(collapse(htmldoc.TextOf(h1[0])), s.headline) {
		t.Errorf("headline: want %q", s.headline)
	}
	for _, sentence := range s.sentences {
		if !strings.Contains(text, collapse(sentence)) {
			t.Errorf("missing sentence: %q", sentence)
		}
	}
	hrefs := map[string]bool{}
	visit(doc, func(n *html.Node) {
		if n.Data == "a" {
			hrefs[attr(n, "href")] = true
		}
	})
	for _, link := range s.links {
		if !hrefs[link] {
			t.Errorf("missing link: %s", link)
		}
	}
	if em := find(main, byTag("em")); len(em) != 1 || !strings.HasPrefix(htmldoc.TextOf(em[0]), "No one should be forced") {
		t.Error("the sentence the seed sets in italics is not emphasised")
	}
	for _, want := range []string{"SACRAMENTO", "25-20", "Office of Communications", "(916) 440-7660", "DHCSPress@dhcs.ca.gov"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q", want)
		}
	}
	if !hrefs["tel:+19164407660"] || !hrefs["mailto:DHCSPress@dhcs.ca.gov"] || !hrefs["https://www.dhcs.ca.gov"] {
		t.Error("contact links missing")
	}
}

func timeElements(doc *html.Node) map[string]string {
	out := map[string]string{}
	visit(doc, func(n *html.Node) {
		if n.Data == "time" {
			out[attr(n, "datetime")] = collapse(htmldoc.TextOf(n))
		}
	})
	return out
}

// Every language writes dates its own way, with month names from its own
// strings; these are what a reader of each language expects to see.
func TestDatesAreLocalizedAndMachineReadable(t *testing.T) {
	cases := map[string]map[string]string{
		"en/index.html":      {"2025-06-13": "June 13, 2025", "2026-01-02": "January 2, 2026", "2025-06": "June 2025"},
		"es/index.html":      {"2025-06-13": "13 de junio de 2025", "2026-01-02": "2 de enero de 2026", "2025-06": "junio de 2025"},
		"zh-hant/index.html": {"2025-06-13": "2025年6月13日", "2026-01-02": "2026年1月2日", "2025-06": "2025年6月"},
		"vi/index.html":      {"2025-06-13": "13 tháng 6 năm 2025", "2026-01-02": "2 tháng 1 năm 2026", "2025-06": "tháng 6 năm 2025"},
		"ko/index.html":      {"2025-06-13": "2025년 6월 13일", "2026-01-02": "2026년 1월 2일", "2025-06": "2025년 6월"},
		"fil/index.html":     {"2025-06-13": "Hunyo 13, 2025", "2026-01-02": "Enero 2, 2026", "2025-06": "Hunyo 2025"},
		"ar/index.html":      {"2025-06-13": "13 يونيو 2025", "2026-01-02": "2 يناير 2026", "2025-06": "يونيو 2025"},
		"fa/index.html":      {"2025-06-13": "13 ژوئن 2025", "2026-01-02": "2 ژانویه 2026", "2025-06": "ژوئن 2025"},
	}
	if len(cases) != len(published(t)) {
		t.Errorf("%d languages are published; give each its expected dates here", len(published(t)))
	}
	for page, want := range cases {
		got := timeElements(parsePage(t, page))
		for dt, visible := range want {
			if got[dt] != visible {
				t.Errorf("%s: <time datetime=%q> shows %q, want %q", page, dt, got[dt], visible)
			}
		}
	}
}

type event struct{ datetime, date, text string }

func timelineOf(t *testing.T, page string) []event {
	t.Helper()
	doc := parsePage(t, page)
	var events []event
	for _, sec := range find(doc, func(n *html.Node) bool { return n.Data == "section" && attr(n, "class") == "timeline" }) {
		for _, li := range find(sec, byTag("li")) {
			tm := find(li, byTag("time"))
			p := find(li, byTag("p"))
			if len(tm) != 1 || len(p) != 1 {
				t.Fatalf("%s: timeline item without one <time> and one <p>", page)
			}
			if p[0].Parent.Data != "li" || li.Parent.Data != "ol" {
				t.Errorf("%s: the timeline is not an ordered list", page)
			}
			events = append(events, event{attr(tm[0], "datetime"), collapse(htmldoc.TextOf(tm[0])), collapse(htmldoc.TextOf(p[0]))})
		}
	}
	return events
}

func TestTimelineHoldsTheFourEventsInOrder(t *testing.T) {
	s := readSeed(t)
	want := []string{"2025-06", "2025-07", "2025-08-12", "2025-12-29"}
	en := timelineOf(t, "en/index.html")
	if len(en) != len(want) {
		t.Fatalf("English timeline has %d events, want %d", len(en), len(want))
	}
	for i, ev := range en {
		if ev.datetime != want[i] {
			t.Errorf("event %d: datetime %q, want %q", i+1, ev.datetime, want[i])
		}
		if ev.date != s.timeline[i][0] || ev.text != s.timeline[i][1] {
			t.Errorf("event %d: %q %q, want %q %q", i+1, ev.date, ev.text, s.timeline[i][0], s.timeline[i][1])
		}
	}
	for _, l := range published(t)[1:] {
		tr := timelineOf(t, l.Code+"/index.html")
		if len(tr) != len(want) {
			t.Fatalf("%s: the timeline has %d events", l.Code, len(tr))
		}
		for i, ev := range tr {
			if ev.datetime != want[i] {
				t.Errorf("%s event %d: datetime %q, want %q", l.Code, i+1, ev.datetime, want[i])
			}
			if ev.text == en[i].text || ev.date == en[i].date {
				t.Errorf("%s event %d is not translated: %q %q", l.Code, i+1, ev.date, ev.text)
			}
		}
	}
}

// structure is what a translation must keep of the English page: its
// paragraphs, list items, headings and every link target, in order.
func structure(t *testing.T, page string) (counts map[string]int, links []string) {
	doc := parsePage(t, page)
	counts = map[string]int{}
	stmt := find(doc, func(n *html.Node) bool { return attr(n, "class") == "statement" })[0]
	visit(stmt, func(n *html.Node) {
		counts[n.Data]++
		if n.Data == "a" {
			links = append(links, attr(n, "href"))
		}
		if n.Data == "h2" {
			counts["#"+attr(n, "id")]++
		}
	})
	return counts, links
}

func TestTranslationsHaveTheEnglishStructure(t *testing.T) {
	enCounts, enLinks := structure(t, "en/index.html")
	for _, l := range published(t)[1:] {
		trCounts, trLinks := structure(t, l.Code+"/index.html")
		for _, tag := range []string{"p", "li", "ul", "h2", "em", "strong", "#resources"} {
			if enCounts[tag] != trCounts[tag] {
				t.Errorf("%s: <%s>: English has %d, the translation %d", l.Code, tag, enCounts[tag], trCounts[tag])
			}
		}
		if strings.Join(enLinks, " ") != strings.Join(trLinks, " ") {
			t.Errorf("%s: links differ:\n en %v\n %s %v", l.Code, enLinks, l.Code, trLinks)
		}
	}
}

// Every page has the lang and dir of its language, and every translation
// says, in its own language, that English is authoritative, which English
// revision it matches, and links to the English page.
func TestEveryTranslationSaysEnglishIsAuthoritative(t *testing.T) {
	var englishNotice string
	for i, l := range published(t) {
		doc := parsePage(t, l.Code+"/index.html")
		htmlEl := find(doc, byTag("html"))[0]
		if attr(htmlEl, "lang") != l.Locale || attr(htmlEl, "dir") != l.Direction {
			t.Errorf("%s: <html lang=%q dir=%q>, want %q %q", l.Code, attr(htmlEl, "lang"), attr(htmlEl, "dir"), l.Locale, l.Direction)
		}
		notice := find(doc, func(n *html.Node) bool { return n.Data == "aside" && strings.HasPrefix(attr(n, "class"), "notice") })
		if i == 0 {
			if len(notice) != 0 {
				t.Error("the English page has a translation notice")
			}
			continue
		}
		if (l.Code == "ar" || l.Code == "fa") != (l.Direction == "rtl") {
			t.Errorf("%s: direction %s", l.Code, l.Direction)
		}
		if len(notice) != 1 || attr(notice[0], "class") != "notice" {
			t.Fatalf("%s: want one courtesy notice (and no stale notice: the site is current)", l.Code)
		}
		nt := collapse(htmldoc.TextOf(notice[0]))
		if tm := find(notice[0], byTag("time")); len(tm) != 1 || attr(tm[0], "datetime") != l.EnglishRevision {
			t.Errorf("%s: the notice does not name the English revision %s: %q", l.Code, l.EnglishRevision, nt)
		}
		if a := find(notice[0], byTag("a")); len(a) != 1 || attr(a[0], "href") != "/en/" || attr(a[0], "hreflang") != "en-US" {
			t.Errorf("%s: the courtesy notice does not link to the English page", l.Code)
		}
		if strings.Contains(nt, "courtesy translation") || nt == englishNotice {
			t.Errorf("%s: the notice is in English: %q", l.Code, nt)
		}
		englishNotice = nt
	}
	es := collapse(htmldoc.TextOf(find(parsePage(t, "es/index.html"), byTag("aside"))[0]))
	if !strings.Contains(es, "traducción de cortesía") || !strings.Contains(es, "27 de noviembre de 2026") {
		t.Errorf("Spanish courtesy notice: %q", es)
	}
}

// builtManifest reads the built site's version.json.
func builtManifest(t *testing.T) manifest.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(built, "version.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// published is the languages version.json lists, in the site's order.
func published(t *testing.T) []manifest.Language { return builtManifest(t).Languages }

func TestHeadAndLanguageSwitcher(t *testing.T) {
	langs := published(t)
	want := map[string]string{"x-default": "https://statement.dhcs.ca.gov/"}
	for _, l := range langs {
		want[l.Locale] = "https://statement.dhcs.ca.gov/" + l.Code + "/"
	}
	for _, l := range langs {
		lang := l.Code
		doc := parsePage(t, lang+"/index.html")
		alternates := map[string]string{}
		var canonical string
		visit(doc, func(n *html.Node) {
			if n.Data == "link" && attr(n, "rel") == "alternate" {
				alternates[attr(n, "hreflang")] = attr(n, "href")
			}
			if n.Data == "link" && attr(n, "rel") == "canonical" {
				canonical = attr(n, "href")
			}
		})
		delete(alternates, "") // the Atom feed
		if len(alternates) != len(want) {
			t.Errorf("%s: hreflang alternates %v, want %v", lang, alternates, want)
		}
		for k, v := range want {
			if alternates[k] != v {
				t.Errorf("%s: hreflang %s = %q, want %q", lang, k, alternates[k], v)
			}
		}
		if canonical != want[l.Locale] {
			t.Errorf("%s: canonical %q", lang, canonical)
		}
		navs := find(doc, func(n *html.Node) bool { return n.Data == "nav" && attr(n, "class") == "languages" })
		if len(navs) != 1 || attr(navs[0], "aria-label") == "" {
			t.Fatalf("%s: no labelled language nav", lang)
		}
		for _, a := range find(navs[0], byTag("a")) {
			if attr(a, "lang") == "" || attr(a, "hreflang") == "" {
				t.Errorf("%s: switcher link %q lacks lang or hreflang", lang, htmldoc.TextOf(a))
			}
		}
		// Only the JSON-LD data block, which browsers never run.
		for _, sc := range find(doc, byTag("script")) {
			if attr(sc, "type") != "application/ld+json" || attr(sc, "src") != "" {
				t.Errorf("%s: the page has a <script type=%q>", lang, attr(sc, "type"))
			}
		}
		if svg := find(doc, byTag("svg")); len(svg) != 1 || attr(svg[0], "role") != "img" || len(find(svg[0], byTag("title"))) != 1 {
			t.Errorf("%s: the logo is not an inline SVG with a text alternative", lang)
		}
	}
}

func TestNoRequestLeavesTheOrigin(t *testing.T) {
	// Only links a reader follows (a href) and metadata about the page
	// (canonical, alternate, og:url) may name another address.
	err := filepath.WalkDir(built, func(path string, d fs.DirEntry, err error) error {
		if err != nil || filepath.Ext(path) != ".html" {
			return err
		}
		data, _ := os.ReadFile(path)
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		visit(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				loads := a.Key == "src" || a.Key == "srcset" || (n.Data == "link" && a.Key == "href" && attr(n, "rel") != "canonical" && attr(n, "rel") != "alternate")
				if loads && (strings.Contains(a.Val, "//") || strings.HasPrefix(a.Val, "data:")) {
					t.Errorf("%s: <%s %s=%q> loads from elsewhere", path, n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "style" && strings.Contains(htmldoc.TextOf(n), "url(") {
				t.Errorf("%s: the style sheet loads a url()", path)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOutputContract(t *testing.T) {
	for _, f := range []string{"index.html", "404.html", "en/index.html", "es/index.html", "sitemap.xml", "version.json", "SHA256SUMS", "_headers", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(built, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	root := parsePage(t, "index.html")
	var choices []string
	visit(root, func(n *html.Node) {
		if n.Data == "a" {
			choices = append(choices, attr(n, "href")+"@"+attr(n, "hreflang"))
		}
	})
	var offered []string
	for _, l := range published(t) {
		offered = append(offered, "/"+l.Code+"/@"+l.Locale)
	}
	if strings.Join(choices, " ") != strings.Join(offered, " ") {
		t.Errorf("the root page offers %v, want %v", choices, offered)
	}
	if len(find(root, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "http-equiv") != "" })) != 0 {
		t.Error("the root page redirects instead of letting the reader choose")
	}
	headers, _ := os.ReadFile(filepath.Join(built, "_headers"))
	if !strings.Contains(string(headers), "default-src 'none'") || strings.Contains(string(headers), "unsafe-inline") {
		t.Errorf("_headers: %s", headers)
	}
}

// The version in version.json and the one in every page come from two
// implementations of one rule (release.History.VersionID and the theme's
// version partial); they must agree.
func TestVersionIDAgreesWithPages(t *testing.T) {
	m := builtManifest(t)
	if m.Version != "2026-11-27.3" || m.Updated != "2026-01-02" || m.FirstIssued != "2025-06-13" {
		t.Errorf("manifest: %+v", m)
	}
	if len(m.Languages) < 8 || m.Languages[1].Code != "es" || m.Languages[1].EnglishRevision != "2026-11-27" {
		t.Errorf("languages: %+v", m.Languages)
	}
	for _, l := range m.Languages {
		page := l.Code + "/index.html"
		doc := parsePage(t, page)
		metas := find(doc, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "name") == "version" })
		if len(metas) != 1 || attr(metas[0], "content") != m.Version {
			t.Errorf("%s: version meta differs from version.json %q", page, m.Version)
		}
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	filepath.WalkDir(built, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(built, path)
		if !d.IsDir() && rel != "version.json" && rel != "SHA256SUMS" && !listed[filepath.ToSlash(rel)] {
			t.Errorf("version.json does not list %s", rel)
		}
		return nil
	})
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	second := filepath.Join(t.TempDir(), "public")
	l, err := Run(Options{Root: fixture, Out: second, Context: Production})
	if err != nil || l.HasErrors() {
		t.Fatal(err, l)
	}
	a, b := tree(t, built), tree(t, second)
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for path, data := range a {
		if !bytes.Equal(data, b[path]) {
			t.Errorf("%s differs between two builds", path)
		}
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
