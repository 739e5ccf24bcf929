// Package livesite holds the live site (content/, data/, i18n/ at the
// repository root, which editors change every month) to what is always
// true of it, whatever the editors wrote: it validates and builds for
// production (every page within its budget, every link good), every
// fact in data/ reaches the English page, and the stress generator
// multiplies it into a site that builds cleanly. Exact sentences, dates
// and counts are held on the frozen copy (testdata/site) by the other
// tests.
//
// Its own test runs Check on the repository; the scenario that makes a
// year of edits to a copy of the live site (cmd/statement's repotest)
// runs it on that copy. These are the only checks that read the live
// site, so they run once on each.
package livesite

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
	"dhcs.ca.gov/statement/tools/stress/gen"
)

// DataFiles are the language-neutral facts, which must read without a
// single warning.
var DataFiles = []string{"data/timeline.yaml", "data/release.yaml", "data/revisions.yaml"}

// Check holds the site at root to what is always true of it, building
// into scratch (a new, empty directory), and returns every problem it
// finds.
func Check(root, scratch string) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	site, l := source.Load(root, source.Options{Production: true})
	for _, d := range l {
		for _, f := range DataFiles {
			if d.File == f {
				fail("%s", d)
			}
		}
	}
	if l.HasErrors() {
		return append(problems, "the site does not validate for production:\n"+dump(l, nil))
	}
	if len(site.Timeline) == 0 {
		fail("data/timeline.yaml has no events")
	}
	if len(site.History) == 0 || !site.History[0].Major {
		fail("data/revisions.yaml: the first revision (the statement as issued) must be major")
	}
	out := filepath.Join(scratch, "public")
	if l, err := build.Run(build.Options{Root: root, Out: out, Context: build.Production}); err != nil || l.HasErrors() {
		return append(problems, "the site does not build for production:\n"+dump(l, err))
	}
	problems = append(problems, factsOnThePage(site, out)...)
	problems = append(problems, generated(root, scratch)...)
	return problems
}

// factsOnThePage: every fact in data/ reaches the English page, the
// manifest names the version, and every published language has a page.
func factsOnThePage(site *source.Site, out string) []string {
	var problems []string
	data, err := os.ReadFile(filepath.Join(out, site.SourceLanguage, "index.html"))
	if err != nil {
		return []string{err.Error()}
	}
	doc, err := html.Parse(strings.NewReader(string(data)))
	if err != nil {
		return []string{err.Error()}
	}
	var text strings.Builder
	attrs := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
		case html.ElementNode:
			for _, a := range n.Attr {
				attrs[a.Key+"="+a.Val] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	page := collapse(text.String())
	hasText := func(what, s string) {
		if !strings.Contains(page, collapse(s)) {
			problems = append(problems, fmt.Sprintf("the English page lacks %s: %q", what, s))
		}
	}
	hasAttr := func(what, attr string) {
		if !attrs[attr] {
			problems = append(problems, fmt.Sprintf("the English page lacks %s: %s", what, attr))
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
	data, err = os.ReadFile(filepath.Join(out, "version.json"))
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil || m.Version != site.History.VersionID() {
		problems = append(problems, fmt.Sprintf("version.json: version %q, want %q (%v)", m.Version, site.History.VersionID(), err))
	}
	for _, lang := range site.Languages {
		if _, err := os.Stat(filepath.Join(out, lang.Code, "index.html")); err != nil && !lang.Draft {
			problems = append(problems, fmt.Sprintf("published language %s has no page: %v", lang.Code, err))
		}
	}
	return append(problems, reviewSaid(site, out)...)
}

// reviewSaid: every published translation says, in its own words,
// whether a qualified translator reviewed it (Section 1557, 45 CFR
// 92.201), and says what the language's record holds.
func reviewSaid(site *source.Site, out string) []string {
	var problems []string
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
		data, err := os.ReadFile(filepath.Join(out, lang.Code, "index.html"))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if strings.TrimSpace(want) == "" || !strings.Contains(collapse(htmldoc.TextOf(doc)), collapse(want)) {
			problems = append(problems, fmt.Sprintf("the %s page does not say whether its translation was reviewed: want %q", lang.Code, want))
		}
	}
	return problems
}

// generated: the stress generator (tools/stress) multiplies the site,
// with a right-to-left and an unspaced script among its languages, into
// one that builds for production with no diagnostic at all, so that the
// benchmarks measure a clean build.
func generated(root, scratch string) []string {
	dir := filepath.Join(scratch, "generated")
	size := gen.Size{Langs: 8, Pages: 5, Events: 12}
	if err := gen.Generate(root, dir, size); err != nil {
		return []string{"the stress generator: " + err.Error()}
	}
	out := filepath.Join(scratch, "generated-public")
	l, err := build.Run(build.Options{Root: dir, Out: out, Context: build.Production})
	if err != nil || len(l) > 0 {
		return []string{"the generated site does not build cleanly:\n" + dump(l, err)}
	}
	var m manifest.Manifest
	data, err := os.ReadFile(filepath.Join(out, "version.json"))
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil || len(m.Languages) != size.Langs {
		return []string{fmt.Sprintf("the generated site publishes %d languages, want %d (%v)", len(m.Languages), size.Langs, err)}
	}
	var problems []string
	for _, lang := range m.Languages {
		for _, rel := range []string{lang.Code + "/index.html", lang.Code + "/p/page-0005/index.html"} {
			if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
				problems = append(problems, "the generated site: "+err.Error())
			}
		}
	}
	return problems
}

func dump(l diag.List, err error) string {
	var b strings.Builder
	if err != nil {
		b.WriteString(err.Error() + "\n")
	}
	diag.Write(&b, l, diag.Text, false)
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
