package source

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/release"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

var frontMatterFields = []string{"title", "description", "englishRevision", "englishHash", "englishHashes"}

// checkFrontMatter wants a title and a description on every page, and on
// a translation's home page the date of the English revision it matches.
// It returns a translation's page as a translated unit: its englishHash
// (none yet when the page was scaffolded and not translated) and its text.
func (s *Site) checkFrontMatter(lang *Language, file string, home bool, fm *yamlsrc.Node, body string, l *diag.List) *translation.Entry {
	const what = "the front matter"
	f := yamlsrc.Fields(fm, file, what, frontMatterFields, l)
	if fm.Kind != yamlsrc.MappingNode {
		return nil
	}
	for _, name := range []string{"title", "description"} {
		if v, n, ok := yamlsrc.String(f, name, fm, file, what, l); ok && strings.TrimSpace(v) == "" {
			l.Errorf(file, n.Line, n.Column, "front-matter", "%s is empty", name)
		}
	}
	if s.SourceLanguage == "" {
		return nil // which page is a translation is unknown; the config error says why
	}
	if lang.Code == s.SourceLanguage {
		for _, name := range []string{"englishRevision", "englishHash", "englishHashes"} {
			if rev, ok := f[name]; ok {
				l.Errorf(file, rev.Key.Line, rev.Key.Column, "front-matter", "%s belongs on translations only; the English page is the source", name)
			}
		}
		return nil
	}
	page := &translation.Entry{ID: translation.PageID, Text: body, File: file, Line: fm.Line}
	if h, ok := f["englishHash"]; ok {
		if v, n, ok := yamlsrc.String(f, "englishHash", fm, file, what, l); ok {
			page.Hash, page.Line = v, n.Line
		} else {
			page.Line = h.Key.Line
		}
	}
	if _, ok := f["englishRevision"]; !ok && !home {
		return page // the site's notice names the home page's revision
	}
	v, n, ok := yamlsrc.String(f, "englishRevision", fm, file, what, l)
	if !ok {
		l.Suggest("add englishRevision: \"%s\", the date of the English revision you translated", s.History.Updated())
		return page
	}
	d, err := calendar.ParseDate(v)
	if err != nil || d.Precision != calendar.Day {
		l.Errorf(file, n.Line, n.Column, "front-matter", "englishRevision must be the date of an English revision (YYYY-MM-DD), found %q", v)
		return page
	}
	if s.historyOK && !slices.ContainsFunc(s.History, func(r release.Revision) bool { return r.Date == d }) {
		l.Errorf(file, n.Line, n.Column, "translation-revision", "englishRevision %s is not a revision in %s", d, RevisionsFile)
		return page
	}
	if home {
		lang.EnglishRevision = v
	}
	return page
}

// englishUnits reads what translators translate, once for all languages:
// the English page, the interface strings, the event texts and the
// revision notes. The source files' own problems are reported when the
// source language is checked.
func (s *Site) englishUnits() {
	if s.SourceLanguage == "" {
		return
	}
	var src *Language
	for i := range s.Languages {
		if s.Languages[i].Code == s.SourceLanguage {
			src = &s.Languages[i]
		}
	}
	if src != nil && src.ContentDir != "" {
		for _, rel := range contentPages(filepath.Join(s.Root, src.ContentDir)) {
			page := src.ContentDir + "/" + rel
			data, err := os.ReadFile(filepath.Join(s.Root, page))
			if err != nil {
				continue
			}
			text, err := translation.ParsePage(translation.PageUnitID(rel), page, data)
			if err != nil {
				// The English page's own check reports it; its text still
				// counts for the revision guard.
				text = translation.PageText{ID: translation.PageUnitID(rel), File: page, Source: strings.ReplaceAll(string(data), "\r\n", "\n"), Broken: true}
			}
			s.EnglishPages = append(s.EnglishPages, text.WithFacts())
			s.Units = append(s.Units, text.Units()...)
		}
	}
	file := I18nDir + "/" + s.SourceLanguage + ".toml"
	data, err := os.ReadFile(filepath.Join(s.Root, file))
	if err != nil {
		return
	}
	s.stringsOK = true
	var ids []string
	entries := translation.ParseStrings(data, file, &diag.List{})
	for id := range entries {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return entries[a].Line - entries[b].Line })
	for _, id := range ids {
		e := entries[id]
		s.Units = append(s.Units, translation.Unit{ID: id, Kind: translation.String, Text: e.Text, File: file, Line: e.Line})
	}
	if s.timelineOK {
		for _, ev := range s.Timeline {
			s.Units = append(s.Units, translation.Unit{ID: "event." + ev.ID, Kind: translation.Event, Text: ev.Text, File: TimelineFile, Line: ev.Line})
		}
	}
	if s.historyOK {
		for _, rev := range s.History {
			if !rev.Major {
				continue // readers see only major revisions' notes; a typo fix needs no translator
			}
			s.Units = append(s.Units, translation.Unit{ID: "note." + rev.ID(), Kind: translation.Note, Text: s.History.Note(rev), File: RevisionsFile, Line: rev.Line})
		}
	}
}

// checkStrings reads a language's interface strings and holds a
// translation, with its page, to English (see translation.Report for
// what is an error and what is not).
func (s *Site) checkStrings(lang *Language, pages map[string]translation.PageText, l *diag.List) {
	file := I18nDir + "/" + lang.Code + ".toml"
	data, err := os.ReadFile(filepath.Join(s.Root, file))
	if err != nil {
		l.Errorf(file, 0, 0, "i18n-missing", "language %q has no interface strings", lang.Code)
		l.Suggest("run `statement i18n scaffold %s`, then translate the entries it adds", lang.Code)
		return
	}
	entries := translation.ParseStrings(data, file, l)
	if entries == nil {
		return
	}
	for _, key := range []string{"months", translation.MonthsWithDay} {
		if months, ok := entries[key]; ok && strings.TrimSpace(months.Text) != "" {
			names := strings.Split(months.Text, "|")
			if len(names) != 12 || slices.ContainsFunc(names, func(n string) bool { return strings.TrimSpace(n) == "" }) {
				l.Errorf(file, months.Line, 1, "i18n-months", "%s must be the twelve month names, January first, separated by |; found %d", key, len(names))
			}
		}
	}
	if lang.Code == s.SourceLanguage || s.SourceLanguage == "" || !s.stringsOK {
		return
	}
	lang.Records = translation.ReadRecords(s.Root, lang.Code, l)
	units := s.Units
	english := map[string]bool{}
	for _, en := range s.EnglishPages {
		english[en.ID] = true
		if tr, ok := pages[en.ID]; ok && !en.Broken {
			found, removed := translation.CheckPage(s.Root, en, tr, s.SourceLanguage, lang.Code, lang.Draft, l)
			for id, e := range found {
				entries[id] = e
			}
			if len(removed) > 0 {
				if lang.RemovedBlocks == nil {
					lang.RemovedBlocks = map[string][]int{}
				}
				lang.RemovedBlocks[en.ID] = removed
			}
		}
	}
	for id, tr := range pages {
		if !english[id] {
			entries[id] = translation.Entry{ID: id, File: tr.File, Line: 1}
		}
	}
	if _, ok := pages[translation.PageID]; !ok {
		// No home page: the content error says so; do not say it twice.
		units = slices.DeleteFunc(slices.Clone(units), func(u translation.Unit) bool {
			page, _ := translation.SplitUnitID(u.ID)
			return page == translation.PageID
		})
	}
	if len(s.brokenPages) > 0 {
		// An English page with errors of its own: they say what is wrong,
		// and every translation of it would only look stale.
		broken := func(id string) bool {
			page, _ := translation.SplitUnitID(id)
			return s.brokenPages[page]
		}
		units = slices.DeleteFunc(slices.Clone(units), func(u translation.Unit) bool { return broken(u.ID) })
		for id := range entries {
			if broken(id) {
				delete(entries, id)
			}
		}
	}
	if !s.timelineOK || !s.historyOK {
		// A data file that did not load would make every text of it look
		// missing or unknown; its own errors say what is wrong.
		for id := range entries {
			if k := translation.KindOf(id); (k == translation.Event && !s.timelineOK) || (k == translation.Note && !s.historyOK) {
				delete(entries, id)
			}
		}
	}
	lang.Results, lang.Extra = translation.Compare(units, entries)
	translation.Report(translation.Language{Code: lang.Code, Draft: lang.Draft, StringsFile: file, ContentDir: lang.ContentDir}, lang.Results, lang.Extra, l)
	translation.CheckGlossary(s.Glossary, lang.Code, lang.Results, l)
	translation.CheckUnchanged(s.Glossary, lang.Results, l)
}
