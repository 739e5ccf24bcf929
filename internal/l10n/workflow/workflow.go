// Package workflow is the translator's side of the tool: `i18n status`
// (how far each language is, and what changed in English since each stale
// unit was translated), `i18n scaffold LANG` (add every missing entry,
// with its English text, for a translator to replace) and `i18n done LANG
// UNIT...` (record that units are translated from the current English).
package workflow

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Count is how many units of a kind are translated, of how many.
type Count struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Unit is one unit that needs a translator.
type Unit struct {
	ID      string            `json:"id"`
	Kind    translation.Kind  `json:"kind"`
	State   translation.State `json:"state"`
	File    string            `json:"file"` // the translation's file
	Line    int               `json:"line,omitempty"`
	English string            `json:"english"`        // where the English is, file:line
	Text    string            `json:"english_text"`   // the current English
	Diff    string            `json:"diff,omitempty"` // for a stale unit, what changed since
	// Command records the translation as done once it is updated.
	Command string `json:"command,omitempty"`
	// Add is, for a missing entry, the command that adds it with the
	// English text to translate.
	Add string `json:"add,omitempty"`
}

// Language is one language's status.
type Language struct {
	Code            string                      `json:"code"`
	Label           string                      `json:"label"`
	Draft           bool                        `json:"draft"`
	EnglishRevision string                      `json:"english_revision"`
	Counts          map[translation.Kind]*Count `json:"counts"`
	Stale           int                         `json:"stale"`
	// Reviewed counts the units a qualified translator reviewed as they
	// are now, of all (Review); LastReview is the latest review's date.
	Reviewed   Count  `json:"reviewed"`
	LastReview string `json:"last_review,omitempty"`
	// Vendor is set when a vendor handles the language (Records.Vendor):
	// the next step is an export for them, not a scaffold.
	Vendor bool `json:"vendor"`
	// Words are the English words to translate, as a vendor quotes them.
	Words Words  `json:"words"`
	Next  string `json:"next"`
	Units []Unit `json:"units"`
	// Removed are blocks made from English the English page no longer
	// has, for cleanup (the build already leaves them out).
	Removed []RemovedBlock `json:"removed,omitempty"`
}

// Words counts the English words a language needs translated: New in
// the units it lacks or has not translated, Changed in the stale ones
// (their current English), as translation.Words counts them.
type Words struct {
	New     int `json:"new"`
	Changed int `json:"changed"`
}

// Add counts the English of one unit that needs a translator.
func (w *Words) Add(r translation.Result) {
	switch r.State {
	case translation.Fresh:
	case translation.Stale:
		w.Changed += translation.Words(r.Unit.Text)
	default:
		w.New += translation.Words(r.Unit.Text)
	}
}

// Status reports every translation of the site, in hugo.toml's order.
func Status(site *source.Site) []Language {
	var out []Language
	for _, lang := range site.Languages {
		if lang.Code == site.SourceLanguage {
			continue
		}
		ls := Language{Code: lang.Code, Label: lang.Label, Draft: lang.Draft, EnglishRevision: lang.EnglishRevision, Counts: map[translation.Kind]*Count{}}
		for _, k := range translation.Kinds {
			ls.Counts[k] = &Count{}
		}
		todo, missing, newBlocks := 0, 0, 0
		ls.Vendor = lang.Records.Vendor()
		ls.Reviewed, ls.LastReview = reviewCount(lang)
		for _, r := range lang.Results {
			c := ls.Counts[r.Unit.Kind]
			c.Total++
			if r.State.Done() {
				c.Done++
			}
			if r.State == translation.Fresh {
				continue
			}
			ls.Words.Add(r)
			switch r.State {
			case translation.Stale:
				ls.Stale++
			case translation.Missing:
				if page, part := translation.SplitUnitID(r.Unit.ID); r.Unit.Kind == translation.Page && part != "" && pagePresent(lang, page) {
					newBlocks++ // scaffold cannot add it: the translator writes it in
				} else {
					missing++
				}
				todo++
			default:
				todo++
			}
			ls.Units = append(ls.Units, unitStatus(site, lang, r))
		}
		switch {
		case len(lang.Results) == 0:
			ls.Next = fmt.Sprintf("fix the errors `statement validate` reports for %s", lang.Code)
		case ls.Vendor && todo+ls.Stale > 0:
			ls.Next = fmt.Sprintf("a vendor translates %s: run `statement i18n export %s --format xliff --out %s.xlf` (%s missing, untranslated or stale), send it, and bring it back with `statement i18n import %s.xlf`", lang.Code, lang.Code, lang.Code, Counted(todo+ls.Stale, "unit", "units"), lang.Code)
		case missing > 0:
			ls.Next = fmt.Sprintf("run `statement i18n scaffold %s` to add the %s, then translate them (for a vendor: `statement i18n export %s --format xliff --out %s.xlf`)", lang.Code, Counted(missing, "missing entry", "missing entries"), lang.Code, lang.Code)
		case newBlocks > 0:
			ls.Next = fmt.Sprintf("translate the %s new in English into the page (listed below), then run the `statement i18n done` command shown for each", Counted(newBlocks, "block", "blocks"))
		case todo > 0 && ls.Stale > 0:
			ls.Next = fmt.Sprintf("translate %s and update %s, then run the `statement i18n done` command shown for each", Counted(todo, "entry", "entries"), Counted(ls.Stale, "stale one", "stale ones"))
		case todo > 0:
			ls.Next = fmt.Sprintf("translate %s, then run the `statement i18n done` command shown for each", Counted(todo, "entry", "entries"))
		case ls.Stale > 0:
			ls.Next = fmt.Sprintf("update %s (the English changed), then run the `statement i18n done` command shown for each", Counted(ls.Stale, "stale entry", "stale entries"))
		case len(lang.RemovedBlocks) > 0:
			ls.Next = fmt.Sprintf("run `statement i18n done %s --all` to remove the blocks English no longer has (listed below)", lang.Code)
		case lang.Draft:
			ls.Next = fmt.Sprintf("complete: ask a developer to publish it (remove draft from [languages.%s.params] in hugo.toml)", lang.Code)
		default:
			ls.Next = "nothing to do"
		}
		if ls.Words.New+ls.Words.Changed > 0 {
			ls.Next += fmt.Sprintf(" (%d new and %d changed English words)", ls.Words.New, ls.Words.Changed)
		}
		ls.Removed = removedBlocks(site, lang)
		out = append(out, ls)
	}
	return out
}

// pagePresent reports whether lang has the page at all (some part of it
// is not missing).
func pagePresent(lang source.Language, page string) bool {
	for _, r := range lang.Results {
		if p, _ := translation.SplitUnitID(r.Unit.ID); p == page && r.State != translation.Missing {
			return true
		}
	}
	return false
}

func unitStatus(site *source.Site, lang source.Language, r translation.Result) Unit {
	u := Unit{ID: r.Unit.ID, Kind: r.Unit.Kind, State: r.State, File: r.Entry.File, Line: r.Entry.Line, Text: r.Unit.Text}
	if u.File == "" {
		u.File = source.I18nDir + "/" + lang.Code + ".toml"
		if r.Unit.Kind == translation.Page {
			u.File = lang.ContentDir + "/" + translation.PagePath(r.Unit.ID)
		}
	}
	u.English = r.Unit.File
	if r.Unit.Line > 0 {
		u.English = fmt.Sprintf("%s:%d", r.Unit.File, r.Unit.Line)
	}
	switch r.State {
	case translation.Stale:
		if old, ok := translation.Archived(site.Root, r.Entry.Hash); ok {
			u.Diff = translation.Diff(old, r.Unit.Text)
		}
		u.Command = doneCommand(lang.Code, r.Unit.ID)
	case translation.Untranslated:
		u.Command = doneCommand(lang.Code, r.Unit.ID)
	case translation.Missing:
		if page, part := translation.SplitUnitID(r.Unit.ID); r.Unit.Kind == translation.Page && part != "" && pagePresent(lang, page) {
			u.Command = doneCommand(lang.Code, r.Unit.ID) // the translator writes the block into the page
		} else {
			u.Add = fmt.Sprintf("statement i18n scaffold %s", lang.Code)
			u.Command = doneCommand(lang.Code, r.Unit.ID)
		}
	}
	return u
}

// reviewCount is how many of lang's units were reviewed as they are now
// (translation.Records.Review), of how many, and the latest review's date.
func reviewCount(lang source.Language) (Count, string) {
	c := Count{Total: len(lang.Results)}
	last := ""
	for _, r := range lang.Results {
		if rec, ok := lang.Records.Review(r); ok {
			c.Done++
			last = max(last, rec.Reviewed)
		}
	}
	return c, last
}

func doneCommand(lang, id string) string {
	return fmt.Sprintf("statement i18n done %s %s", lang, id)
}

// find returns the language code names, or an error that lists the
// languages there are.
func find(site *source.Site, code string) (*source.Language, error) {
	var codes []string
	for i := range site.Languages {
		if site.Languages[i].Code == code {
			if code == site.SourceLanguage {
				return nil, fmt.Errorf("%s is the source language; its text is what the others translate", code)
			}
			return &site.Languages[i], nil
		}
		codes = append(codes, site.Languages[i].Code)
	}
	return nil, fmt.Errorf("there is no language %q in %s (there are: %s); to start one, run:\n\n  statement i18n add %s --label \"<the language's name in itself>\" [--dir rtl]",
		code, source.ConfigFile, strings.Join(codes, ", "), code)
}

// Scaffold adds, for lang, every file and entry it lacks, holding the
// English text: an i18n table per missing message and a copy of each
// English page it has no translation of. The entries have no hash, so they
// count as untranslated until a translator replaces the text and runs
// `i18n done`. Nothing present is touched; a second run changes nothing.
// It returns the files it wrote.
func Scaffold(site *source.Site, code string) ([]string, error) {
	lang, err := find(site, code)
	if err != nil {
		return nil, err
	}
	if len(site.Units) == 0 || len(site.History) == 0 {
		return nil, fmt.Errorf("the English source did not load; run `statement validate` and fix what it reports first")
	}
	var written []string
	stringsFile := source.I18nDir + "/" + code + ".toml"
	path := filepath.Join(site.Root, stringsFile)
	data, readErr := os.ReadFile(path)
	isNew := os.IsNotExist(readErr)
	if isNew {
		data = fmt.Appendf(nil, "# Interface strings, timeline texts and revision notes in %s.\n# See docs/TRANSLATING.md. Each entry's hash records the English it was\n# translated from; `statement i18n done` writes it.\n", lang.Label)
	} else if readErr != nil {
		return nil, readErr
	}
	present := map[string]bool{}
	for _, r := range lang.Results {
		present[r.Unit.ID] = r.State != translation.Missing
	}
	if lang.Results == nil && !isNew {
		// The file did not parse; adding to it could only make it worse.
		return nil, fmt.Errorf("%s has errors; run `statement validate`, fix them, and run scaffold again", stringsFile)
	}
	added := 0
	for _, u := range site.Units {
		if u.Kind == translation.Page || present[u.ID] {
			continue
		}
		data = append(data, translation.ScaffoldEntry(code, u)...)
		added++
	}
	if added > 0 || isNew {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		written = append(written, stringsFile)
	}
	for _, en := range site.EnglishPages {
		page := lang.ContentDir + "/" + translation.PagePath(en.ID)
		pagePath := filepath.Join(site.Root, page)
		if _, err := os.Stat(pagePath); !os.IsNotExist(err) {
			continue // there, if broken: validate says what is wrong
		}
		text := []byte(en.Source)
		if en.ID == translation.PageID {
			var err error
			if text, err = translation.SetFrontMatter(text, "englishRevision", site.History[len(site.History)-1].Date.String()); err != nil {
				return written, fmt.Errorf("%s: %v", en.File, err)
			}
		}
		text = []byte(strings.Replace(string(text), "---\n", fmt.Sprintf("---\n# TODO translate this page, then run: statement i18n done %s %s\n", code, en.ID), 1))
		if err := os.MkdirAll(filepath.Dir(pagePath), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(pagePath, text, 0o644); err != nil {
			return written, err
		}
		written = append(written, page)
	}
	dropped, err := dropRemovedBlocks(site, lang)
	written = append(written, dropped...)
	if err != nil {
		return written, err
	}
	if len(written) > 0 {
		if err := translation.Archive(site.Root, site.Units); err != nil {
			return written, err
		}
	}
	return written, nil
}

// MarkPage records in a translated page that the given parts of it are
// translated from the current English: their hashes in englishHashes
// become the English's; the other parts keep theirs.
func MarkPage(site *source.Site, lang *source.Language, page string, results []translation.Result) error {
	rel := lang.ContentDir + "/" + translation.PagePath(page)
	path := filepath.Join(site.Root, rel)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	tr, err := translation.ParsePage(page, rel, data)
	if err != nil {
		return err
	}
	var english *translation.PageText
	for i := range site.EnglishPages {
		if site.EnglishPages[i].ID == page {
			english = &site.EnglishPages[i]
		}
	}
	h := tr.RecordedHashes(site.Root, english)
	for _, r := range results {
		_, part := translation.SplitUnitID(r.Unit.ID)
		switch {
		case part == translation.TitlePart:
			h.Title = r.Unit.Hash()
		case part == translation.DescriptionPart:
			h.Description = r.Unit.Hash()
		case r.Entry.Block > 0 && r.Entry.Block <= len(h.Blocks):
			h.Blocks[r.Entry.Block-1] = r.Unit.Hash()
		}
	}
	if data, err = translation.SetPageHashes(data, h); err != nil {
		return fmt.Errorf("%s: %v", rel, err)
	}
	return os.WriteFile(path, data, 0o644)
}

// editPage sets one front matter field of a page of lang.
func editPage(site *source.Site, lang *source.Language, id, key, value string) error {
	path := filepath.Join(site.Root, lang.ContentDir, translation.PagePath(id))
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if data, err = translation.SetFrontMatter(data, key, value); err != nil {
		return fmt.Errorf("%s/%s: %v", lang.ContentDir, translation.PagePath(id), err)
	}
	return os.WriteFile(path, data, 0o644)
}
