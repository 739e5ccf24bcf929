// Package source reads the whole site source (hugo.toml, content front
// matter, i18n files and data) and checks everything the build relies on
// before Hugo sees it, reporting every problem at its file and line.
// `statement validate` runs exactly this; `build` runs it first and stops
// on any error.
package source

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/release"
	"dhcs.ca.gov/statement/internal/site/timeline"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Paths of the source files, relative to the site root.
const (
	ConfigFile    = "hugo.toml"
	TimelineFile  = "data/timeline.yaml"
	ReleaseFile   = "data/release.yaml"
	RevisionsFile = "data/revisions.yaml"
	I18nDir       = "i18n"
)

// Parts are the folders and files whose content makes the site.
// translations/ is one: its records say which pages are reviewed, and its
// archive which blocks are stale, which the pages tell their readers.
var Parts = []string{ConfigFile, "content", "data", I18nDir, "themes", "layouts", "assets", "static", "translations"}

// Language is one language of the site as hugo.toml declares it.
type Language struct {
	Code       string
	Label      string
	Locale     string
	Direction  string
	Weight     int
	ContentDir string
	// Draft languages (params.draft in hugo.toml) are previewed, not
	// published.
	Draft bool
	// EnglishRevision is the English revision a translation matches (front
	// matter englishRevision of its home page); empty for English.
	EnglishRevision string
	// Results hold a translation to English unit by unit, and Extra its
	// entries English has no unit for; both empty for English.
	Results []translation.Result
	Extra   []translation.Entry
	// Records are the language's record (translation.RecordFile): the
	// translation hash of each unit marked translated, and its review.
	Records translation.Records
	// RemovedBlocks are, by page unit id, the blocks of this language's
	// pages made from English blocks the English no longer has
	// (translation.RemovedBlocks): the build leaves them out.
	RemovedBlocks map[string][]int
}

// Site is the checked source.
type Site struct {
	Root           string
	BaseURL        string
	SourceLanguage string
	Languages      []Language
	Timeline       []timeline.Event
	Release        release.Release
	History        release.History
	// Units are what translators translate: the English pages' titles,
	// descriptions and blocks, interface strings, event texts and
	// revision notes.
	Units []translation.Unit
	// EnglishPages are the English pages, cut into their units.
	EnglishPages []translation.PageText
	// Glossary is translation.GlossaryFile's terms.
	Glossary translation.Glossary

	// Checks that compare with the timeline or the revisions are skipped
	// when those did not load cleanly: their own errors say what is wrong,
	// and comparing with half a file would only add noise.
	timelineOK, historyOK, stringsOK bool
	// brokenPages are the unit ids of English pages with errors of their
	// own; translations are not compared with them.
	brokenPages map[string]bool
}

// Published is the site without its translation model (the units, the
// English pages cut into blocks, and each language's results, records
// and removed blocks): what a build still needs once the model has been
// given to Hugo (build.Overlay). At 12 x 2,000 x 300 the model holds
// every page's text several times over, and Hugo's peak carried it.
func (s *Site) Published() *Site {
	out := *s
	out.Units, out.EnglishPages, out.Glossary, out.brokenPages = nil, nil, nil, nil
	out.Languages = make([]Language, len(s.Languages))
	for i, lang := range s.Languages {
		lang.Results, lang.Extra, lang.Records, lang.RemovedBlocks = nil, nil, nil, nil
		out.Languages[i] = lang
	}
	return &out
}

type languageConfig struct {
	Label      string
	Locale     string
	Direction  string
	Weight     int
	ContentDir string `toml:"contentDir"`
	Disabled   bool
	Params     struct {
		Draft bool
	}
}

type siteConfig struct {
	BaseURL                string `toml:"baseURL"`
	DefaultContentLanguage string `toml:"defaultContentLanguage"`
	Params                 struct {
		SourceLanguage string `toml:"sourceLanguage"`
	}
	Languages map[string]languageConfig
}

// Options say what kind of build the source is checked for.
type Options struct {
	// Production refuses what a preview only warns about: events dated in
	// the future.
	Production bool
	// Today is the date future events are measured against; the zero
	// value means the real today. Tests set it.
	Today time.Time
	// Recording is the date of a revision about to be recorded (`statement
	// revise`): the source is checked as it will be once that revision is
	// in data/revisions.yaml, so English no revision records yet is not a
	// problem, and events up to that date are covered.
	Recording calendar.Date
	// RecordingMinor says the revision being recorded is minor: it keeps
	// the visible "Updated" date, so it covers no event after that date.
	RecordingMinor bool
}

// Load reads and checks the site at root. The returned Site is usable only
// when the list has no errors.
func Load(root string, o Options) (*Site, diag.List) {
	var l diag.List
	s := &Site{Root: root}
	s.loadConfig(&l)
	s.loadData(&l)
	s.checkDates(o, &l)
	s.englishUnits()
	s.Glossary = translation.ReadGlossary(root, &l)
	s.checkRevised(o, &l)
	s.checkInternalLinks(o, &l)
	// Languages are checked independently, on every core, each into its
	// own list; the lists are joined in language order, as one loop would.
	// English goes first: a translation is compared with an English page
	// only when that page has no errors of its own (a typo in its front
	// matter is one problem, not a stale translation in every language).
	lists := make([]diag.List, len(s.Languages))
	source := slices.IndexFunc(s.Languages, func(x Language) bool { return x.Code == s.SourceLanguage })
	if source >= 0 {
		s.checkLanguage(&s.Languages[source], &lists[source])
		s.brokenPages = brokenPages(s.Languages[source], lists[source])
	}
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(s.Languages)) {
		wg.Go(func() {
			for i := range work {
				s.checkLanguage(&s.Languages[i], &lists[i])
			}
		})
	}
	for i := range s.Languages {
		if i != source {
			work <- i
		}
	}
	close(work)
	wg.Wait()
	for i, ll := range lists {
		// What a translation's check finds is about that language, for
		// `--strict --lang`; English is what every language shares.
		if code := s.Languages[i].Code; code != s.SourceLanguage {
			ll.ForLanguage(code)
		}
		l.Add(ll...)
	}
	s.checkStrayFiles(&l)
	l.Sort()
	return s, l
}

// brokenPages finds the English pages the source language's own check
// found errors in, by unit id.
func brokenPages(lang Language, l diag.List) map[string]bool {
	broken := map[string]bool{}
	for _, d := range l {
		if rel, ok := strings.CutPrefix(d.File, lang.ContentDir+"/"); ok && d.Severity == diag.Error {
			broken[translation.PageUnitID(rel)] = true
		}
	}
	return broken
}

// checkStrayFiles warns about interface strings and content folders for
// a language hugo.toml does not have: a translator who adds one expects
// it on the site, and Hugo ignores it without a word.
func (s *Site) checkStrayFiles(l *diag.List) {
	if len(s.Languages) == 0 || slices.ContainsFunc(*l, func(d diag.Diagnostic) bool { return d.File == ConfigFile && d.Severity == diag.Error }) {
		return // hugo.toml's own errors say what is wrong with the languages
	}
	dirs, _ := os.ReadDir(filepath.Join(s.Root, "content"))
	for _, d := range dirs {
		dir := "content/" + d.Name()
		if !d.IsDir() || slices.ContainsFunc(s.Languages, func(x Language) bool { return filepath.ToSlash(filepath.Clean(x.ContentDir)) == dir }) {
			continue
		}
		l.Warnf(dir, 0, 0, "content-unpublished", "no language in %s has contentDir %q, so Hugo ignores this folder", ConfigFile, dir)
		l.Suggest("add [languages.%s] with contentDir = %q to %s, or move the pages into a language's folder", d.Name(), dir, ConfigFile)
	}
	files, _ := filepath.Glob(filepath.Join(s.Root, I18nDir, "*.toml"))
	for _, f := range files {
		code := strings.TrimSuffix(filepath.Base(f), ".toml")
		if !slices.ContainsFunc(s.Languages, func(x Language) bool { return x.Code == code }) && len(s.Languages) > 0 {
			l.Warnf(I18nDir+"/"+code+".toml", 0, 0, "i18n-unpublished", "there is no language %q in %s, so these strings are not used", code, ConfigFile)
			l.Suggest("add [languages.%s] to %s when the translation is ready", code, ConfigFile)
			(*l)[len(*l)-1].Language = code
		}
	}
}

// PreviewStateData is the name (hugo.Data.previewtranslations) under which
// statement serve gives the theme the translations' state, in a data file
// of its own mounted over data/ (package preview); a file of the site's by
// that name would forge it.
const PreviewStateData = "previewtranslations"

// loadData parses every file in data/ once, refuses dangerous URLs in any
// of them, and hands the three the site is made of to their models.
func (s *Site) loadData(l *diag.List) {
	names, _ := filepath.Glob(filepath.Join(s.Root, "data", "*"))
	parsed := map[string]*yamlsrc.Node{}
	for _, path := range names {
		file := "data/" + filepath.Base(path)
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			// Hugo merges a folder's files into its data as well.
			l.Errorf(file+"/", 0, 0, "data-format", "data/ holds YAML files only; Hugo would read the files in the folder %s/ without any of these checks", file)
			l.Suggest("move what the site needs into a YAML file directly in data/, and the rest out of data/")
			continue
		}
		ext := filepath.Ext(path)
		switch ext {
		case ".yaml", ".yml":
		case ".toml", ".json", ".xml":
			l.Errorf(file, 0, 0, "data-format", "data files are YAML; %s would be read by Hugo without any of these checks", file)
			continue
		default:
			continue
		}
		if strings.TrimSuffix(filepath.Base(path), ext) == PreviewStateData {
			l.Errorf(file, 0, 0, "data-reserved", "%s has the name statement serve gives the translations' state in its preview; the theme would show what it says as each translation's state", file)
			l.Suggest("rename the file, or delete it if the site does not use it")
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			l.Errorf(file, 0, 0, "data-missing", "cannot read: %v", err)
			continue
		}
		root, pl := yamlsrc.Parse(data, file)
		l.Add(pl...)
		if root != nil && checkDataShape(root, file, l) {
			checkURLs(root, file, l)
			parsed[file] = root
		}
	}
	need := func(file string) *yamlsrc.Node {
		n, ok := parsed[file]
		if !ok && !slices.ContainsFunc(*l, func(d diag.Diagnostic) bool { return d.File == file }) {
			l.Errorf(file, 0, 0, "data-missing", "%s is missing", file)
		}
		return n
	}
	var dl diag.List
	if n := need(TimelineFile); n != nil {
		s.Timeline, dl = timeline.FromNode(n, TimelineFile)
		s.timelineOK = !dl.HasErrors()
		l.Add(dl...)
	}
	if n := need(ReleaseFile); n != nil {
		s.Release, dl = release.ReleaseFromNode(n, ReleaseFile)
		l.Add(dl...)
	}
	if n := need(RevisionsFile); n != nil {
		s.History, dl = release.HistoryFromNode(n, RevisionsFile)
		s.historyOK = !dl.HasErrors()
		l.Add(dl...)
	}
}

// checkDataShape refuses a data file that is one plain value: Hugo loads
// only lists and mappings from data/ ("unexpected data type").
func checkDataShape(root *yamlsrc.Node, file string, l *diag.List) bool {
	if root.Kind == yamlsrc.MappingNode || root.Kind == yamlsrc.SequenceNode {
		return true
	}
	l.Errorf(file, root.Line, root.Column, "data-shape", "a data file holds a list or a mapping (key: value lines), not %s; Hugo refuses it", yamlsrc.Describe(root))
	return false
}

// unsafeScheme matches URL schemes that run code or smuggle content when
// a value ends up in a link.
var unsafeScheme = regexp.MustCompile(`(?i)^\s*(javascript|data|vbscript)\s*:`)

// checkURLs refuses javascript:, data: and vbscript: addresses in any
// value: data and front matter end up in links and attributes.
func checkURLs(root *yamlsrc.Node, file string, l *diag.List) {
	yamlsrc.Scalars(root, func(n *yamlsrc.Node) {
		// Browsers ignore control characters and spaces inside a scheme.
		squeezed := strings.Map(func(r rune) rune {
			if r <= ' ' {
				return -1
			}
			return r
		}, n.Value)
		if m := unsafeScheme.FindStringSubmatch(squeezed); m != nil {
			l.Errorf(file, n.Line, n.Column, "unsafe-url", "a %s: address is not allowed here", strings.ToLower(m[1]))
			l.Suggest("link only to https:// addresses (or mailto: and tel: in the contact)")
		}
	})
}

func (s *Site) loadConfig(l *diag.List) {
	data, err := os.ReadFile(filepath.Join(s.Root, ConfigFile))
	if err != nil {
		// The diagnostic names the file; the error's path would repeat it.
		if pe, ok := err.(*fs.PathError); ok {
			err = pe.Err
		}
		l.Errorf(ConfigFile, 0, 0, "config", "cannot read the site configuration: %v", err)
		return
	}
	var c siteConfig
	if !translation.DecodeTOML(data, ConfigFile, &c, l) {
		return
	}
	s.BaseURL = c.BaseURL
	if !strings.HasPrefix(c.BaseURL, "https://") || !strings.HasSuffix(c.BaseURL, "/") {
		l.Errorf(ConfigFile, lineOf(data, "baseURL"), 1, "config-baseurl", "baseURL %q must be an https:// address ending in /", c.BaseURL)
	}
	s.SourceLanguage = c.Params.SourceLanguage
	if s.SourceLanguage == "" {
		l.Errorf(ConfigFile, lineOf(data, "[params]"), 1, "config-source-language", "params.sourceLanguage is not set")
		l.Suggest("add sourceLanguage = \"en\" under [params]")
	}
	if len(c.Languages) == 0 {
		l.Errorf(ConfigFile, 0, 0, "config-languages", "no [languages] are configured")
		return
	}
	for code, lc := range c.Languages {
		if lc.Disabled {
			continue
		}
		line := lineOf(data, "[languages."+code+"]")
		if canonical := strings.ToLower(language.Make(code).String()); canonical != code {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q: Hugo reads i18n/%s.toml as the language %q, so the page would show no translated strings", code, code, canonical)
			l.Suggest("use [languages.%s], content/%s and i18n/%s.toml (locale can stay %q)", canonical, canonical, canonical, lc.Locale)
		}
		lang := Language{Code: code, Label: lc.Label, Locale: lc.Locale, Direction: lc.Direction, Weight: lc.Weight, ContentDir: lc.ContentDir, Draft: lc.Params.Draft}
		if lang.Label == "" {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q has no label (its name in its own language, shown in the language switcher)", code)
		}
		if lang.Locale == "" {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q has no locale (e.g. %q), used for lang and hreflang", code, code+"-US")
		}
		if lang.Direction != "ltr" && lang.Direction != "rtl" {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q: direction must be \"ltr\" or \"rtl\", found %q", code, lang.Direction)
		}
		if lang.ContentDir == "" {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q has no contentDir", code)
			l.Suggest("add contentDir = \"content/%s\"", code)
		} else if fi, err := os.Stat(filepath.Join(s.Root, lang.ContentDir)); err != nil || !fi.IsDir() {
			l.Errorf(ConfigFile, line, 1, "config-language", "language %q: content directory %s does not exist", code, lang.ContentDir)
			l.Suggest("create %s with the translated page, or remove the language", lang.ContentDir)
		}
		s.Languages = append(s.Languages, lang)
	}
	slices.SortFunc(s.Languages, func(a, b Language) int {
		if a.Weight != b.Weight {
			return a.Weight - b.Weight
		}
		return strings.Compare(a.Code, b.Code)
	})
	if s.SourceLanguage != "" && !slices.ContainsFunc(s.Languages, func(x Language) bool { return x.Code == s.SourceLanguage }) {
		l.Errorf(ConfigFile, lineOf(data, "sourceLanguage"), 1, "config-source-language", "the source language %q is not among the languages", s.SourceLanguage)
	}
}

// LanguageCodes lists the languages hugo.toml configures (drafts too, not
// disabled ones), sorted, for commands to check a language named on the
// command line. It reads only hugo.toml; a configuration that does not
// load is reported by Load.
func LanguageCodes(root string) ([]string, error) {
	var c siteConfig
	if _, err := toml.DecodeFile(filepath.Join(root, ConfigFile), &c); err != nil {
		return nil, err
	}
	var codes []string
	for code, lc := range c.Languages {
		if !lc.Disabled {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	return codes, nil
}

// checkDates holds the timeline and the release to the revision history
// (nothing can be dated after the page says it was updated) and, for
// production, to the calendar.
func (s *Site) checkDates(o Options, l *diag.List) {
	today := o.Today
	if today.IsZero() {
		today = CaliforniaToday().First()
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for _, ev := range s.Timeline {
		if ev.Date.Precision == 0 || !ev.Date.First().After(day) {
			continue
		}
		if o.Production {
			l.Errorf(TimelineFile, ev.Line, 1, "timeline-future", "event %q is dated %s, in the future; production does not publish it", ev.ID, ev.Date)
			l.Suggest("check the date; a preview (--context preview) builds it")
		} else {
			l.Warnf(TimelineFile, ev.Line, 1, "timeline-future", "event %q is dated %s, in the future; a production build will refuse it", ev.ID, ev.Date)
		}
	}
	updated := s.History.Updated()
	if !s.historyOK || updated.Precision == 0 {
		return
	}
	switch {
	case o.Recording.Precision != 0 && !o.RecordingMinor:
		s.checkRecording(o.Recording, day, l)
		updated = o.Recording
	case o.Recording.Precision != 0:
		// A minor revision would leave the page saying it was updated
		// before its own news, and a major one is then refused as having
		// nothing to record: refuse it now, naming the one that works.
		for _, ev := range s.NewsAfterUpdate() {
			l.Errorf(TimelineFile, ev.Line, 1, "timeline-after-update", "event %q is dated %s, after the page's Updated date (%s), which a minor revision keeps; the page would say it was updated before its own news", ev.ID, ev.Date, updated)
			l.Suggest("a new event is news: record it with `statement revise --major --note \"...\"`, which moves the Updated date to the revision's date")
		}
	default:
		for _, ev := range s.NewsAfterUpdate() {
			l.Errorf(TimelineFile, ev.Line, 1, "timeline-after-update", "event %q is dated %s, after the page's last update (%s)", ev.ID, ev.Date, updated)
			l.Suggest("record the change with `statement revise --major --note \"...\"`, which moves the update to the revision's date")
		}
	}
	if fi := s.Release.FirstIssued; fi.Precision != 0 && fi.First().After(updated.First()) {
		l.Errorf(ReleaseFile, 0, 0, "release-date", "first_issued (%s) is after the latest update (%s)", fi, updated)
	}
}

// NewsAfterUpdate lists the events dated after the page's visible
// "Updated" date (the latest major revision's): news only a major
// revision can record.
func (s *Site) NewsAfterUpdate() []timeline.Event {
	updated := s.History.Updated()
	if !s.historyOK || updated.Precision == 0 {
		return nil
	}
	var news []timeline.Event
	for _, ev := range s.Timeline {
		if ev.Date.Precision != 0 && ev.Date.First().After(updated.First()) {
			news = append(news, ev)
		}
	}
	return news
}

// checkRecording holds the timeline to the date of the revision being
// recorded: it must cover every event, and the message names the date
// that would. Events in the future have their own error.
func (s *Site) checkRecording(when calendar.Date, today time.Time, l *diag.List) {
	var need calendar.Date
	for _, ev := range s.Timeline {
		if ev.Date.Precision != 0 && ev.Date.First().After(when.First()) && !ev.Date.First().After(today) && ev.Date.First().After(need.First()) {
			need = ev.Date
		}
	}
	if need.Precision == 0 {
		return
	}
	use := calendar.Date{Year: need.Year, Month: max(need.Month, 1), Day: max(need.Day, 1), Precision: calendar.Day}
	for _, ev := range s.Timeline {
		if ev.Date.Precision != 0 && ev.Date.First().After(when.First()) && !ev.Date.First().After(today) {
			l.Errorf(TimelineFile, ev.Line, 1, "timeline-after-revision", "event %q is dated %s, after %s, the date this revision would get; a revision's date must cover its newest event", ev.ID, ev.Date, when)
			l.Suggest("record it with --date %s", use)
		}
	}
}

// lineOf finds the first line holding needle, for configuration problems
// found after decoding, where the decoder no longer knows lines.
func lineOf(data []byte, needle string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.Contains(line, []byte(needle)) {
			return i + 1
		}
	}
	return 0
}

// checkLanguage reads the front matter of every page of one language and
// its interface strings, and holds a translation to English.
func (s *Site) checkLanguage(lang *Language, l *diag.List) {
	if fi, err := os.Stat(filepath.Join(s.Root, lang.ContentDir)); lang.ContentDir == "" || err != nil || !fi.IsDir() {
		s.checkStrings(lang, nil, l) // the configuration error says the rest
		return
	}
	pages := map[string]translation.PageText{}
	for _, rel := range contentPages(filepath.Join(s.Root, lang.ContentDir)) {
		file := lang.ContentDir + "/" + rel
		text, body, line, err := readFrontMatter(filepath.Join(s.Root, file))
		if err != nil {
			l.Errorf(file, line, 1, "front-matter", "%v", err)
			continue
		}
		fm, fl := yamlsrc.ParseAt(text, file, line)
		l.Add(fl...)
		if fm == nil {
			continue
		}
		checkURLs(fm, file, l)
		if page := s.checkFrontMatter(lang, file, rel == "_index.md", fm, string(body), l); page != nil {
			data, err := os.ReadFile(filepath.Join(s.Root, file))
			if err != nil {
				l.Errorf(file, 0, 0, "front-matter", "%v", err)
				continue
			}
			text, err := translation.ParsePage(translation.PageUnitID(rel), file, data)
			if err != nil {
				l.Errorf(file, line, 1, "front-matter", "%v", err)
				continue
			}
			pages[text.ID] = text
		}
	}
	home := lang.ContentDir + "/_index.md"
	if _, err := os.Stat(filepath.Join(s.Root, home)); errors.Is(err, os.ErrNotExist) {
		l.Errorf(home, 0, 0, "content-missing", "language %q has no statement page", lang.Code)
		l.Suggest("run `statement i18n scaffold %s`, then translate the page it copies from English", lang.Code)
	}
	s.checkStrings(lang, pages, l)
}

// contentPages lists the Markdown pages under dir, as slash paths relative
// to it, in a stable order.
func contentPages(dir string) []string {
	var pages []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(pages)
	return pages
}

// readFrontMatter returns the YAML front matter of a Markdown file, the
// text after it, and the line the front matter starts on.
func readFrontMatter(path string) (fm, body []byte, line int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, 0, err
	}
	return splitFrontMatter(data)
}

// splitFrontMatter cuts the YAML front matter out of a page's text, as
// translation.SplitFrontMatter does; the front matter starts on line 2.
func splitFrontMatter(data []byte) (fm, body []byte, line int, err error) {
	split, err := translation.SplitFrontMatter(data)
	if err != nil {
		return nil, nil, 1, err
	}
	return split.Front, split.Body, 2, nil
}
