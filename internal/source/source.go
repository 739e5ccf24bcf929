// Package source reads the whole site source (hugo.toml, content front
// matter, i18n files and data) and checks everything the build relies on
// before Hugo sees it, reporting every problem at its file and line.
// `statement validate` runs exactly this; `build` runs it first and stops
// on any error.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/release"
	"dhcs.ca.gov/statement/internal/timeline"
	"dhcs.ca.gov/statement/internal/yamlsrc"
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
var Parts = []string{ConfigFile, "content", "data", I18nDir, "themes"}

// Language is one language of the site as hugo.toml declares it.
type Language struct {
	Code       string
	Label      string
	Locale     string
	Direction  string
	Weight     int
	ContentDir string
	// EnglishRevision is the English revision a translation matches (front
	// matter englishRevision of its home page); empty for English.
	EnglishRevision string
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
}

type languageConfig struct {
	Label      string
	Locale     string
	Direction  string
	Weight     int
	ContentDir string `toml:"contentDir"`
	Disabled   bool
}

type siteConfig struct {
	BaseURL                string `toml:"baseURL"`
	DefaultContentLanguage string `toml:"defaultContentLanguage"`
	Params                 struct {
		SourceLanguage string `toml:"sourceLanguage"`
	}
	Languages map[string]languageConfig
}

// Load reads and checks the site at root. The returned Site is usable only
// when the list has no errors.
func Load(root string) (*Site, diag.List) {
	var l diag.List
	s := &Site{Root: root}
	s.loadConfig(&l)

	var dl diag.List
	s.Timeline, dl = timeline.Load(filepath.Join(root, TimelineFile), TimelineFile)
	l.Add(dl...)
	s.Release, dl = release.LoadRelease(filepath.Join(root, ReleaseFile), ReleaseFile)
	l.Add(dl...)
	s.History, dl = release.LoadHistory(filepath.Join(root, RevisionsFile), RevisionsFile)
	l.Add(dl...)
	s.checkDates(&l)

	for i := range s.Languages {
		s.checkLanguage(&s.Languages[i], &l)
	}
	l.Sort()
	return s, l
}

func (s *Site) loadConfig(l *diag.List) {
	data, err := os.ReadFile(filepath.Join(s.Root, ConfigFile))
	if err != nil {
		l.Errorf(ConfigFile, 0, 0, "config", "cannot read the site configuration: %v", err)
		return
	}
	var c siteConfig
	if _, err := toml.Decode(string(data), &c); err != nil {
		reportTOML(ConfigFile, err, l)
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
		lang := Language{Code: code, Label: lc.Label, Locale: lc.Locale, Direction: lc.Direction, Weight: lc.Weight, ContentDir: lc.ContentDir}
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

// checkDates holds the timeline and the release to the revision history:
// nothing can be dated after the page says it was updated.
func (s *Site) checkDates(l *diag.List) {
	updated := s.History.Updated()
	if updated.Precision == 0 {
		return
	}
	for _, ev := range s.Timeline {
		if ev.Date.Precision != 0 && ev.Date.First().After(updated.First()) {
			l.Errorf(TimelineFile, ev.Line, 1, "timeline-after-update", "event %q is dated %s, after the page's last update (%s)", ev.ID, ev.Date, updated)
			l.Suggest("record the change with `statement revise --major --note \"...\"`")
		}
	}
	if fi := s.Release.FirstIssued; fi.Precision != 0 && fi.First().After(updated.First()) {
		l.Errorf(ReleaseFile, 0, 0, "release-date", "first_issued (%s) is after the latest update (%s)", fi, updated)
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

func reportTOML(file string, err error, l *diag.List) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		l.Errorf(file, pe.Position.Line, pe.Position.Col, "toml-syntax", "%s", pe.Message)
		if pe.Usage != "" {
			l.Suggest("%s", strings.TrimSpace(pe.Usage))
		}
		return
	}
	l.Errorf(file, 0, 0, "toml-syntax", "%v", err)
}

// checkLanguage reads one language's home page front matter and its
// interface strings.
func (s *Site) checkLanguage(lang *Language, l *diag.List) {
	home := filepath.ToSlash(filepath.Join(lang.ContentDir, "_index.md"))
	text, line, err := readFrontMatter(filepath.Join(s.Root, home))
	switch {
	case errors.Is(err, os.ErrNotExist):
		l.Errorf(home, 0, 0, "content-missing", "language %q has no statement page", lang.Code)
		l.Suggest("copy the English page to %s and translate it", home)
	case err != nil:
		l.Errorf(home, line, 1, "front-matter", "%v", err)
	default:
		fm, fl := yamlsrc.ParseAt(text, home, line)
		l.Add(fl...)
		if fm != nil {
			s.checkFrontMatter(lang, home, fm, l)
		}
	}
	s.checkStrings(lang, l)
}

// readFrontMatter returns the YAML front matter of a Markdown file and the
// line it starts on.
func readFrontMatter(path string) ([]byte, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, 1, fmt.Errorf("the page must start with front matter between two lines of ---")
	}
	body := data[3:] // from the newline ending the first ---
	end := bytes.Index(body, []byte("\n---"))
	if end < 0 {
		return nil, 1, fmt.Errorf("the front matter has no closing --- line")
	}
	return body[1 : end+1], 2, nil
}
