package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/site/source"
)

// The live site (content/, data/, i18n/ at the repository root) changes
// every month. This test holds it only to what is always true, whatever
// the editors wrote: it validates and builds for production (so every
// page is within its budget and every link holds), and every fact in
// data/ reaches the English page. Exact sentences, dates and counts are
// held on the frozen copy (testdata/site) by the other tests.
func TestLiveSite(t *testing.T) {
	root := "../.."
	site, l := source.Load(root, source.Options{Production: true})
	if l.HasErrors() {
		t.Fatal(fmtDiag(l, nil))
	}
	out := filepath.Join(t.TempDir(), "public")
	if l, err := Run(Options{Root: root, Out: out, Context: Production}); err != nil || l.HasErrors() {
		t.Fatal(fmtDiag(l, err))
	}
	doc := parseFile(t, filepath.Join(out, site.SourceLanguage, "index.html"))
	text := collapse(textOf(doc))
	attrs := map[string]bool{}
	visit(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			attrs[a.Key+"="+a.Val] = true
		}
	})
	hasText := func(what, s string) {
		t.Helper()
		if !strings.Contains(text, collapse(s)) {
			t.Errorf("the English page lacks %s: %q", what, s)
		}
	}
	hasAttr := func(what, attr string) {
		t.Helper()
		if !attrs[attr] {
			t.Errorf("the English page lacks %s: %s", what, attr)
		}
	}
	for _, ev := range site.Timeline {
		hasAttr("the date of event "+ev.ID, "datetime="+ev.Date.String())
		hasText("the text of event "+ev.ID, ev.Text)
		for _, src := range ev.Sources {
			hasAttr("a source of event "+ev.ID, "href="+src)
		}
	}
	r := site.Release
	hasText("the release number", r.Number)
	hasText("the contact e-mail", r.Email)
	hasAttr("the contact e-mail link", "href=mailto:"+r.Email)
	hasText("the phone number", r.Phone)
	hasAttr("the phone link", "href=tel:"+r.PhoneE164)
	hasAttr("the first-issued date", "datetime="+r.FirstIssued.String())
	hasAttr("the updated date", "datetime="+site.History.Updated().String())
	for _, rev := range site.History {
		if rev.Major {
			hasText("the note of revision "+rev.ID(), rev.Note)
		}
	}
	var m manifest.Manifest
	data, err := os.ReadFile(filepath.Join(out, "version.json"))
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil || m.Version != site.History.VersionID() {
		t.Errorf("version.json: version %q, want %q (%v)", m.Version, site.History.VersionID(), err)
	}
	for _, lang := range site.Languages {
		if _, err := os.Stat(filepath.Join(out, lang.Code, "index.html")); err != nil && !lang.Draft {
			t.Errorf("published language %s has no page: %v", lang.Code, err)
		}
	}
	// Every published translation says, in its own words, whether a
	// qualified translator reviewed it (Section 1557, 45 CFR 92.201), and
	// says what the record holds.
	for _, lang := range site.Languages {
		if lang.Code == site.SourceLanguage || lang.Draft {
			continue
		}
		words := map[string]string{}
		for _, r := range lang.Results {
			words[r.Unit.ID] = r.Entry.Text
		}
		want := words["review_none"]
		if _, ok := translation.ReviewedPages(lang.Results, lang.Records)["_index.md"]; ok {
			want, _, _ = strings.Cut(words["review_done"], "{{")
		}
		page := collapse(textOf(parseFile(t, filepath.Join(out, lang.Code, "index.html"))))
		if strings.TrimSpace(want) == "" || !strings.Contains(page, collapse(want)) {
			t.Errorf("the %s page does not say whether its translation was reviewed: want %q", lang.Code, want)
		}
	}
}

func parseFile(t *testing.T, path string) *html.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
