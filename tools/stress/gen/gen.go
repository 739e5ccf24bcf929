// Package gen writes a stress site: the statement's real theme, config
// shape and data rules, with N languages × M pages × K timeline events, so
// that the build can be measured at the size an agency that puts every
// statement and notice through it would reach.
//
// The site is valid and fresh: every translation unit records the hash of
// the English it was made from, the latest revision records the English
// source, and every link (between pages, to sections of pages, to
// timeline events, across languages) resolves. `statement build` publishes
// it with no error and no warning, so a benchmark measures a clean build,
// the case that matters, and not the cost of reporting problems.
//
// Text is made of a small vocabulary in each language's own script, so
// pages weigh what real pages weigh. Output depends only on the Size: two
// runs write identical trees.
package gen

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Size is how big a site to write.
type Size struct {
	Langs  int // languages, English included (at most MaxLangs)
	Pages  int // pages besides the statement, in every language
	Events int // timeline events, shown on every language's statement
}

func (s Size) String() string {
	return fmt.Sprintf("%d languages × %d pages × %d events", s.Langs, s.Pages, s.Events)
}

// Scale multiplies the pages of a size by n (languages and events stay:
// the number of languages is set by the agency, and the timeline is one
// page's, which the page budget bounds).
func (s Size) Scale(n int) Size { s.Pages *= n; return s }

// MaxLangs is how many languages the generator knows.
var MaxLangs = len(languages)

// Sections every generated page has (ids section-1 … section-N), so that
// a link to any page's section resolves.
const Sections = 4

// The revision history: the statement first issued (the release's
// first_issued), then updates. Events are dated before the last major one.
var revisions = []struct{ date, typ, note string }{
	{"2025-06-13", "major", "First issued."},
	{"2025-09-02", "minor", "Corrected a typo in the contact details."},
	{"2026-01-02", "major", "Added the court's clarification and the notices."},
	{"2026-03-02", "major", "Added the notices of the spring renewals."},
}

// Generate writes a site of the given size into dir, which must not exist
// or be empty. repo is the statement's repository: its theme,
// data/release.yaml and English interface strings are copied, so the
// stress site renders with what the real one does.
func Generate(repo, dir string, size Size) error {
	if size.Langs < 1 || size.Langs > MaxLangs {
		return fmt.Errorf("langs must be between 1 and %d", MaxLangs)
	}
	if size.Pages < 0 || size.Events < 1 {
		return fmt.Errorf("pages must be 0 or more and events 1 or more")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	g := &generator{repo: repo, dir: dir, size: size, langs: languages[:size.Langs]}
	steps := []func() error{g.copyRepo, g.config, g.data, g.strings, g.pages}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return g.recordSource()
}

type generator struct {
	repo, dir string
	size      Size
	langs     []language
	english   map[string]string // interface strings of the real English, by key
	keys      []string          // their keys, in file order
}

func (g *generator) write(rel string, data []byte) error {
	path := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// copyRepo copies the theme, the release facts and the English interface
// strings from the real site.
func (g *generator) copyRepo() error {
	theme := filepath.Join(g.repo, "themes")
	err := filepath.WalkDir(theme, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(g.repo, path)
		return g.write(filepath.ToSlash(rel), data)
	})
	if err != nil {
		return err
	}
	for _, rel := range []string{source.ReleaseFile, source.I18nDir + "/en.toml"} {
		data, err := os.ReadFile(filepath.Join(g.repo, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if err := g.write(rel, data); err != nil {
			return err
		}
	}
	data, _ := os.ReadFile(filepath.Join(g.repo, source.I18nDir, "en.toml"))
	var l diag.List
	entries := translation.ParseStrings(data, "en.toml", &l)
	if entries == nil || l.HasErrors() {
		return fmt.Errorf("the repository's i18n/en.toml does not parse")
	}
	g.english = map[string]string{}
	for k, e := range entries {
		g.english[k] = e.Text
		g.keys = append(g.keys, k)
	}
	slices.SortFunc(g.keys, func(a, b string) int { return entries[a].Line - entries[b].Line })
	return nil
}

// config writes hugo.toml in the real site's shape, with the generated
// languages.
func (g *generator) config() error {
	var b strings.Builder
	b.WriteString(`# A stress site written by tools/stress; the real site's hugo.toml, with more languages.
baseURL = "https://statement.dhcs.ca.gov/"
title = "DHCS News Release"
theme = "dhcs"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
enableGitInfo = false
enableRobotsTXT = true
disableHugoGeneratorInject = true
disableKinds = ["taxonomy", "term", "RSS", "section"]

[markup.goldmark.renderer]
  unsafe = false
[markup.goldmark.extensions.typographer]
  disable = true

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[outputFormats.atom]
  mediaType = "application/atom+xml"
  baseName = "feed"
  rel = "alternate"
[outputs]
  home = ["html", "atom"]

[params]
  sourceLanguage = "en"

[languages]
`)
	for i, l := range g.langs {
		fmt.Fprintf(&b, "  [languages.%s]\n    label = %q\n    locale = %q\n    direction = %q\n    weight = %d\n    contentDir = \"content/%s\"\n",
			l.code, l.label, l.locale, l.dir, i+1, l.code)
	}
	return g.write(source.ConfigFile, []byte(b.String()))
}

// event is one generated timeline event.
type event struct{ id, date, text string }

func (g *generator) events() []event {
	// Oldest first, spread from 2016 to the day before the last major
	// revision; dates as precise as a day, a month or a year, as real
	// events are.
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	step := end.Sub(start) / time.Duration(g.size.Events)
	out := make([]event, g.size.Events)
	for i := range out {
		t := start.Add(step * time.Duration(i))
		date := t.Format("2006-01-02")
		// Every tenth event is known only to the month; its date is the
		// month's first day, so it must not follow an event of that month.
		if i%10 == 3 && (i == 0 || out[i-1].date[:7] < date[:7]) {
			date = date[:7]
		}
		r := rng("event", i)
		out[i] = event{id: fmt.Sprintf("e%04d", i+1), date: date, text: sentence(r, languages[0], 8+r.IntN(6))}
	}
	return out
}

// data writes the timeline and the revisions (without the latest's
// source, which recordSource adds once the English exists).
func (g *generator) data() error {
	var b strings.Builder
	b.WriteString("# Generated by tools/stress: the dated timeline, oldest first.\n")
	for _, ev := range g.events() {
		fmt.Fprintf(&b, "- id: %s\n  date: %q\n  text: %q\n", ev.id, ev.date, ev.text)
	}
	if err := g.write(source.TimelineFile, []byte(b.String())); err != nil {
		return err
	}
	b.Reset()
	b.WriteString("# Generated by tools/stress: every revision, oldest first.\n")
	for _, r := range revisions {
		fmt.Fprintf(&b, "- date: %q\n  type: %s\n  note: %q\n", r.date, r.typ, r.note)
	}
	return g.write(source.RevisionsFile, []byte(b.String()))
}

// strings writes every translation's interface strings: the real
// English keys, an entry for every event and every major revision's
// note, each with the hash of its English.
func (g *generator) strings() error {
	events := g.events()
	for li, lang := range g.langs {
		if li == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# Generated by tools/stress: interface strings for %s.\n", lang.label)
		entry := func(id, text, english string) {
			key := id
			if strings.ContainsAny(id, ".") && strings.HasPrefix(id, "note.") {
				key = `note."` + strings.TrimPrefix(id, "note.") + `"`
			}
			fmt.Fprintf(&b, "\n[%s]\nother = %q\nhash = %q\n", key, text, translation.Hash(english))
		}
		for i, k := range g.keys {
			en := g.english[k]
			var text string
			switch {
			case strings.HasPrefix(k, "date_"):
				text = en // a Go time layout, not words
			case k == "months":
				r := rng(lang.code+"/months", 0)
				names := make([]string, 12)
				for m := range names {
					names[m] = lang.words[r.IntN(len(lang.words))] + fmt.Sprint(m+1)
				}
				text = strings.Join(names, "|")
			default:
				text = translate(lang, en, rng(lang.code+"/"+k, i))
			}
			entry(k, text, en)
		}
		for i, ev := range events {
			entry("event."+ev.id, translate(lang, ev.text, rng(lang.code+"/event", i)), ev.text)
		}
		for i, r := range revisions {
			if r.typ != "major" {
				continue
			}
			id := fmt.Sprintf("note.%s.%d", r.date, i+1)
			entry(id, translate(lang, r.note, rng(lang.code+"/note", i)), r.note)
		}
		if err := g.write(source.I18nDir+"/"+lang.code+".toml", []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}

// translate stands in for a translator: as many words as the English has,
// in the language's vocabulary, with the English placeholders kept.
func translate(lang language, english string, r *rand.Rand) string {
	n := max(1, len(strings.Fields(english)))
	out := sentence(r, lang, n)
	for _, p := range placeholders(english) {
		out += " " + p
	}
	return out
}

func placeholders(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return out
		}
		out = append(out, s[i:i+j+2])
		s = s[i+j+2:]
	}
}

func rng(what string, i int) *rand.Rand {
	var h uint64 = 14695981039346656037
	for _, c := range []byte(what) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return rand.New(rand.NewPCG(h, uint64(i)))
}

func sentence(r *rand.Rand, lang language, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 && lang.spaced {
			b.WriteByte(' ')
		}
		b.WriteString(lang.words[r.IntN(len(lang.words))])
	}
	if lang.spaced {
		b.WriteByte('.')
	} else {
		b.WriteString("。")
	}
	return b.String()
}

// pages writes every language's statement and pages. The English page
// is written first; each translation records the hash of the English
// file it stands for.
func (g *generator) pages() error {
	latest := revisions[len(revisions)-1].date
	for i := -1; i < g.size.Pages; i++ {
		rel := "_index.md"
		if i >= 0 {
			rel = pagePath(i)
		}
		var english string
		for li, lang := range g.langs {
			var fm strings.Builder
			r := rng(lang.code+"/page", i)
			title := sentence(r, lang, 6)
			if i >= 0 {
				title = fmt.Sprintf("%d: %s", i+1, title)
			}
			fmt.Fprintf(&fm, "---\ntitle: %q\ndescription: %q\n", strings.TrimSuffix(title, "."), sentence(r, lang, 18))
			if li > 0 {
				if i < 0 {
					fmt.Fprintf(&fm, "englishRevision: %q\n", latest)
				}
				fmt.Fprintf(&fm, "englishHash: %q\n", translation.Hash(english))
			}
			fm.WriteString("---\n\n")
			text := fm.String() + g.body(lang, i, r)
			if li == 0 {
				english = text
			}
			if err := g.write("content/"+lang.code+"/"+rel, []byte(text)); err != nil {
				return err
			}
		}
	}
	return nil
}

func pagePath(i int) string { return fmt.Sprintf("p/page-%04d.md", i+1) }

func pageURL(lang string, i int) string {
	if i < 0 {
		return "/" + lang + "/"
	}
	return fmt.Sprintf("/%s/p/page-%04d/", lang, i+1)
}

// body is a page's Markdown: paragraphs under headings with ids, with
// links to other pages, their sections, the statement's timeline events
// and sections, and the same page in English. Page i (−1: the statement)
// links to pages chosen from its own number, so every language links
// the same way.
func (g *generator) body(lang language, i int, r *rand.Rand) string {
	var b bytes.Buffer
	pick := rng("links", i) // the same links in every language
	link := func() string {
		text := sentence(r, lang, 2+r.IntN(3))
		text = strings.TrimSuffix(strings.TrimSuffix(text, "."), "。")
		switch k := pick.IntN(10); {
		case k < 5 && g.size.Pages > 0:
			return fmt.Sprintf("[%s](%s#section-%d)", text, pageURL(lang.code, pick.IntN(g.size.Pages)), 1+pick.IntN(Sections))
		case k < 7:
			return fmt.Sprintf("[%s](/%s/#event-e%04d)", text, lang.code, 1+pick.IntN(g.size.Events))
		case k < 8 && g.size.Pages > 0:
			return fmt.Sprintf("[%s](%s)", text, pageURL(lang.code, pick.IntN(g.size.Pages)))
		case k < 9:
			return fmt.Sprintf("[%s](/%s/#%s)", text, lang.code, []string{"timeline", "history", "contact"}[pick.IntN(3)])
		default:
			return fmt.Sprintf("[%s](%s)", text, pageURL("en", i))
		}
	}
	para := func(words int) {
		for w := 0; w < words; w += 12 {
			if w > 0 {
				b.WriteString(" ")
			}
			b.WriteString(sentence(r, lang, 12))
			if w%36 == 12 {
				b.WriteString(" " + link())
			}
		}
		b.WriteString("\n\n")
	}
	para(60)
	sections := Sections
	if i < 0 {
		sections = 2 // the statement carries the timeline and the history too
	}
	for s := 1; s <= sections; s++ {
		fmt.Fprintf(&b, "## %s {#section-%d}\n\n", strings.TrimSuffix(strings.TrimSuffix(sentence(r, lang, 4), "."), "。"), s)
		para(48)
		if s%2 == 0 {
			for range 3 {
				b.WriteString("- " + sentence(r, lang, 6) + " " + link() + "\n")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// recordSource loads the written site as the build will and records its
// English source in the latest revision, as `statement revise` would.
func (g *generator) recordSource() error {
	site, _ := source.Load(g.dir, source.Options{})
	sum := site.EnglishSource()
	if sum == "" {
		return fmt.Errorf("the generated English did not load")
	}
	path := filepath.Join(g.dir, source.RevisionsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	data = append(data, fmt.Sprintf("  source: %s\n", sum)...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	// The site must now load with no problem at all: a stress site with
	// warnings would measure the reporting of problems.
	_, l := source.Load(g.dir, source.Options{Production: true})
	if len(l) > 0 {
		var b strings.Builder
		diag.Write(&b, l[:min(len(l), 20)], diag.Text, false)
		return fmt.Errorf("the generated site does not validate cleanly (%d problems):\n%s", len(l), b.String())
	}
	return nil
}
