package workflow

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Export gathers what a vendor needs to bring code up to date: every unit
// it lacks or has stale (all: every unit), with the English, the current
// translation as the starting target, and, for a stale unit, the English
// it was translated from. Units are in the site's order (pages block by
// block, then strings, events and notes), so two exports of the same
// source are identical.
func Export(site *source.Site, code string, all bool) (vendorfile.File, error) {
	lang, err := find(site, code)
	if err != nil {
		return vendorfile.File{}, err
	}
	if len(lang.Results) == 0 {
		return vendorfile.File{}, fmt.Errorf("%s did not load; run `statement validate` and fix what it reports first", code)
	}
	f := vendorfile.File{SourceLanguage: sourceLocale(site), TargetLanguage: locale(*lang), ExportedFor: lang.Code}
	pending, err := readPending(site.Root, lang)
	if err != nil {
		return vendorfile.File{}, err
	}
	results := lang.Results
	if r, ok := monthsDay(site, lang); ok {
		results = append(slices.Clip(results), r)
	}
	for _, r := range results {
		if r.State == translation.Fresh && !all {
			continue
		}
		u := vendorfile.Unit{ID: r.Unit.ID, Source: r.Unit.Text, Location: r.Unit.File, Notes: notes(r.Unit)}
		u.Notes = append(u.Notes, site.Glossary.Notes(r.Unit.Text, lang.Code)...)
		if r.Unit.Line > 0 {
			u.Location = fmt.Sprintf("%s:%d", r.Unit.File, r.Unit.Line)
		}
		switch r.State {
		case translation.Fresh:
			u.Target, u.State = r.Entry.Text, "translated"
		case translation.Stale:
			u.Target, u.State = r.Entry.Text, "needs-review-translation"
			if old, ok := translation.Archived(site.Root, r.Entry.Hash); ok {
				u.Previous = old
			}
		case translation.Untranslated, translation.PlaceholderMismatch:
			u.State = "needs-translation"
			if !translation.StillEnglish(r) {
				u.Target = r.Entry.Text
			}
		default: // missing, empty
			u.State = "new"
		}
		// A translation written before imports trimmed it may end with a
		// newline its English lacks, which msgfmt -c refuses.
		u.Target = strings.Trim(u.Target, " \t\r\n")
		// A vendor's translation of English that changed before it came
		// back is where the new translation starts.
		if p, ok := pending[u.ID]; ok && r.State != translation.Fresh && !sameEnglish(p.English, r.Unit.Text) {
			u.Target, u.State, u.Previous = p.Translation, "needs-review-translation", p.English
		}
		f.Units = append(f.Units, u)
	}
	return f, nil
}

func locale(l source.Language) string {
	if l.Locale != "" {
		return l.Locale
	}
	return l.Code
}

func sourceLocale(site *source.Site) string {
	for _, l := range site.Languages {
		if l.Code == site.SourceLanguage {
			return locale(l)
		}
	}
	return site.SourceLanguage
}

var blockName = map[translation.BlockKind]string{
	translation.Heading:   "heading",
	translation.Paragraph: "paragraph",
	translation.Item:      "list item",
	translation.Cell:      "table cell",
}

// notes tell the linguist what a unit is and what in it to keep.
func notes(u translation.Unit) []string {
	var out []string
	page, part := translation.SplitUnitID(u.ID)
	name := "the page " + translation.PagePath(page)
	if page == translation.PageID {
		name = "the statement"
	}
	switch {
	case u.Kind == translation.Page && part == translation.TitlePart:
		out = append(out, fmt.Sprintf("The title of %s (plain text, one line).", name))
	case u.Kind == translation.Page && part == translation.DescriptionPart:
		out = append(out, fmt.Sprintf("The description of %s, shown by search engines and link previews (plain text, one line).", name))
	case u.Kind == translation.Page:
		out = append(out, fmt.Sprintf("A %s of %s, in Markdown.", blockName[u.Block], name))
		f := translation.FactsOf(u.Block, u.Text)
		if len(f.Links) > 0 {
			out = append(out, "Keep every link as [words](address): translate the words in brackets; the address in parentheses must stay exactly as it is.")
		}
		if f.HeadingID != "" {
			out = append(out, fmt.Sprintf("Keep {#%s} at the end of the heading: links point to it.", f.HeadingID))
		}
		if strings.Contains(u.Text, "*") || strings.Contains(u.Text, "_") {
			out = append(out, "Keep the Markdown marks: **bold** and *italics* around the translated words.")
		}
	case u.Kind == translation.Event:
		out = append(out, "The text of one event of the timeline (plain text).")
	case u.Kind == translation.Note:
		out = append(out, "The note of one update in the list of updates (plain text).")
	case u.ID == "months":
		out = append(out, "The twelve month names, January first, separated by | with no spaces around it.")
	case u.ID == translation.MonthsWithDay:
		out = append(out, "The twelve month names as written after a day (\"2 января 2026\" in Russian: января, not январь), January first, separated by | with no spaces around it. Full dates use these; a month without a day uses months.")
	case strings.HasPrefix(u.ID, "date_"):
		out = append(out, "How a date is written: January stands for the month's name, 2 for the day, 1 for the month's number, 2006 for the year; everything else is written as is.")
	default:
		out = append(out, "A word or sentence of the page around the statement (plain text).")
	}
	if strings.Contains(u.Text, "{{") {
		out = append(out, "Keep each placeholder such as {{ .Date }} exactly, once.")
	}
	return out
}

// Import reads a vendor's XLIFF or PO file and, when every unit in it
// passes, writes the translations into the language's files and records
// them as translated from the current English. Any problem in any unit
// is reported (at the unit's line in file, with its id) and nothing is
// written. A unit translated from English that has changed since the
// export is no problem of the file's: it is held to the English it was
// made from, reported as a warning, not written, and kept for the next
// export (PendingDir). It returns the files written and the ids imported
// and left (units the vendor left empty or marked as needing work).
//
// With a reviewer (by.Name set), the units the file says were reviewed
// (XLIFF approved="yes", state "signed-off" or "final") are recorded as
// reviewed by them, and returned as reviewed.
func Import(site *source.Site, file string, data []byte, by Reviewer) (written, imported, reviewed, left []string, l diag.List) {
	var f vendorfile.File
	var problems []vendorfile.Problem
	switch {
	case isXLIFF(file, data):
		f, problems = vendorfile.ReadXLIFF(data)
	default:
		f, problems = vendorfile.ReadPO(data)
	}
	for _, p := range problems {
		l.Errorf(file, p.Line, p.Col, "import-syntax", "%s", p.Message)
	}
	if l.HasErrors() {
		l.Suggest("export again with `statement i18n export`, and have the CAT tool save the file in the same format")
		return nil, nil, nil, nil, l
	}
	lang, msg, ok := targetLanguage(site, file, f)
	if !ok {
		l.Errorf(file, 1, 1, "import-language", "%s", msg)
		return nil, nil, nil, nil, l
	}
	if !fromSourceLanguage(site, f) || lang.Code == site.SourceLanguage {
		l.Errorf(file, 1, 1, "import-language", "the file translates from %q into %q; this site translates from %q into the other languages", f.SourceLanguage, f.TargetLanguage, sourceLocale(site))
		return nil, nil, nil, nil, l
	}
	if len(lang.Results) == 0 {
		l.Errorf(file, 1, 1, "import-language", "%s did not load; run `statement validate` and fix what it reports first", lang.Code)
		return nil, nil, nil, nil, l
	}
	byID := unitsOf(site, lang)
	seen := map[string]int{}
	chosen := map[string]string{} // unit id → its new text
	var results []translation.Result
	var outdated []pendingTranslation
	for _, u := range f.Units {
		id, known := unitID(byID, u)
		if id != "" {
			u.ID = id
		}
		bad := func(rule, format string, args ...any) {
			l.Errorf(file, u.Line, 1, rule, "unit %q: %s", u.ID, fmt.Sprintf(format, args...))
		}
		if u.ID == "" {
			l.Errorf(file, u.Line, 1, "import-unit", "an entry with no unit id (PO: no msgctxt, and no #: reference that names a unit): every exported entry names its unit; keep it")
			continue
		}
		if line, dup := seen[u.ID]; dup {
			bad("import-unit", "appears twice (also on line %d)", line)
			continue
		}
		seen[u.ID] = u.Line
		r := byID[u.ID]
		if !known {
			bad("import-unknown", "there is no such unit in English; the file may be from another site, or edited by hand")
			l.Suggest("keep the unit ids as exported; export again to see the current ones")
			continue
		}
		if !u.Ready() {
			left = append(left, u.ID)
			continue
		}
		target := vendorfile.Reflow(r.Unit.Text, strings.ReplaceAll(u.Target, "\r\n", "\n"))
		if target == "" {
			left = append(left, u.ID)
			continue
		}
		if !sameEnglish(u.Source, r.Unit.Text) {
			// Translated from English that has changed since the export:
			// held to the English it was made from, kept as the next
			// export's starting point, and not written.
			old := r.Unit
			old.Text = u.Source
			for _, p := range checkTarget(site, lang, old, target) {
				bad("import-check", "%s", p)
			}
			outdated = append(outdated, pendingTranslation{ID: u.ID, English: u.Source, Translation: target})
			where := r.Unit.File
			if r.Unit.Line > 0 {
				where = fmt.Sprintf("%s:%d", r.Unit.File, r.Unit.Line)
			}
			l.Warnf(file, u.Line, 1, "import-outdated", "unit %q: was translated from English that has changed since the export (%s); it was not imported and stays as it was. The next `statement i18n export %s` has this translation as the unit's starting point, with the English it was made from", u.ID, where, lang.Code)
			continue
		}
		for _, p := range checkTarget(site, lang, r.Unit, target) {
			bad("import-check", "%s", p)
		}
		chosen[u.ID] = target
		results = append(results, r)
	}
	if l.HasErrors() {
		return nil, nil, nil, left, l
	}
	files, err := plan(site, lang, chosen)
	for _, p := range err {
		l.Errorf(file, 1, 1, "import-page", "%s", p)
	}
	if !l.HasErrors() {
		checkPlanned(site, lang, files, file, &l)
	}
	if !l.HasErrors() && (len(outdated) > 0 || len(chosen) > 0) {
		rel, data, changed, perr := pendingFile(site, lang, chosen, outdated)
		if perr != nil {
			l.Errorf(rel, 1, 1, "import-page", "%v", perr)
		} else if changed {
			files[rel] = data
		}
	}
	if l.HasErrors() || len(files) == 0 {
		return nil, nil, nil, left, l
	}
	var units []translation.Unit
	for _, r := range results {
		units = append(units, r.Unit)
		imported = append(imported, r.Unit.ID)
	}
	reviewed, records := importRecords(lang, f.Units, chosen, by)
	record := map[string][]byte{translation.RecordFile(lang.Code): records.Encode(lang.Code)}
	written, werr := commitImport(site.Root, files, units, record)
	if werr != nil {
		l.Errorf(file, 0, 0, "import-write", "%v", werr)
		return nil, nil, nil, left, l
	}
	return written, imported, reviewed, left, l
}

func isXLIFF(file string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlf", ".xliff", ".xml":
		return true
	case ".po", ".pot":
		return false
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return true // UTF-16, as Trados may save XLIFF; PO is not written so
	}
	trimmed := bytes.TrimSpace(data)
	return bytes.HasPrefix(trimmed, []byte("<"))
}

// checkTarget holds one translated text to what its English must keep.
func checkTarget(site *source.Site, lang *source.Language, u translation.Unit, target string) []string {
	var out []string
	_, part := translation.SplitUnitID(u.ID)
	switch {
	case u.Kind == translation.Page && (part == translation.TitlePart || part == translation.DescriptionPart):
		if strings.Contains(target, "\n") {
			out = append(out, "the "+part+" is one line; remove the line break")
		}
		out = append(out, translation.UnitProblems(u, target)...)
	case u.Kind == translation.Page:
		if u.Block == translation.Heading && strings.Contains(strings.TrimSpace(target), "\n") {
			out = append(out, "a heading is one line; remove the line break")
		}
		out = append(out, translation.StructureProblems(u.Block, u.Text, target, site.SourceLanguage, lang.Code)...)
	default:
		out = append(out, translation.UnitProblems(u, target)...)
		var back map[string]string
		if _, err := toml.Decode("x = "+translation.TOMLString(target), &back); err != nil || back["x"] != target {
			out = append(out, "cannot be written to TOML and read back the same; report this to a developer")
		}
		if u.ID == "months" || u.ID == translation.MonthsWithDay {
			names := strings.Split(target, "|")
			if len(names) != 12 || slices.ContainsFunc(names, func(n string) bool { return strings.TrimSpace(n) == "" }) {
				out = append(out, fmt.Sprintf("must be the twelve month names separated by |; found %d", len(names)))
			}
		}
	}
	return out
}

// plan works out the new content of every file the import changes,
// without writing: the i18n file and each page with imported parts.
func plan(site *source.Site, lang *source.Language, chosen map[string]string) (map[string][]byte, []string) {
	files := map[string][]byte{}
	var problems []string
	byID := unitsOf(site, lang)
	// Interface strings, events and notes.
	msgs := map[string]string{}
	hashes := map[string]string{}
	pages := map[string]map[string]string{} // page id → part → text
	for id, text := range chosen {
		u := byID[id].Unit
		if u.Kind == translation.Page {
			page, part := translation.SplitUnitID(id)
			if pages[page] == nil {
				pages[page] = map[string]string{}
			}
			pages[page][part] = text
			continue
		}
		msgs[id] = text
		if id != translation.MonthsWithDay { // the language's own grammar: no English to hash
			hashes[id] = u.Hash()
		}
	}
	if len(msgs) > 0 {
		rel := source.I18nDir + "/" + lang.Code + ".toml"
		data, err := os.ReadFile(filepath.Join(site.Root, rel))
		if err != nil && !os.IsNotExist(err) {
			return nil, []string{err.Error()}
		}
		data = translation.SetMessages(data, msgs)
		if data, err = translation.SetHashes(data, hashes); err != nil {
			return nil, []string{fmt.Sprintf("%s: %v", rel, err)}
		}
		var l diag.List
		entries := translation.ParseStrings(data, rel, &l)
		for id, text := range msgs {
			if e, ok := entries[id]; !ok || e.Text != text || e.Hash != hashes[id] {
				problems = append(problems, fmt.Sprintf("%s would not read back %q as imported; report this to a developer", rel, id))
			}
		}
		files[rel] = data
	}
	for page, parts := range pages {
		var english *translation.PageText
		for i := range site.EnglishPages {
			if site.EnglishPages[i].ID == page {
				english = &site.EnglishPages[i]
			}
		}
		if english == nil {
			problems = append(problems, fmt.Sprintf("there is no English page %s", page))
			continue
		}
		rel := lang.ContentDir + "/" + translation.PagePath(page)
		data, ps := pageWithParts(site, lang, *english, rel, parts)
		problems = append(problems, ps...)
		files[rel] = data
	}
	// With nothing left behind, the page says it matches the latest
	// English revision.
	pending := slices.ContainsFunc(lang.Results, func(r translation.Result) bool {
		_, done := chosen[r.Unit.ID]
		return r.State != translation.Fresh && !done
	})
	if !pending && len(site.History) > 0 && len(problems) == 0 {
		rel := lang.ContentDir + "/" + translation.PagePath(translation.PageID)
		data, ok := files[rel]
		if !ok {
			var err error
			if data, err = os.ReadFile(filepath.Join(site.Root, rel)); err != nil {
				return files, append(problems, err.Error())
			}
		}
		data, err := translation.SetFrontMatter(data, "englishRevision", site.History[len(site.History)-1].Date.String())
		if err != nil {
			return files, append(problems, fmt.Sprintf("%s: %v", rel, err))
		}
		files[rel] = data
	}
	return files, problems
}

// pageWithParts is the translated page rel with the imported parts
// written in. When the page has the English page's blocks one for one,
// the blocks are replaced where they stand, keeping the translator's
// layout; when English has added or removed blocks (or there is no page
// yet), the page is laid out anew after the English one, and every block
// English added must be among the imported parts.
func pageWithParts(site *source.Site, lang *source.Language, en translation.PageText, rel string, parts map[string]string) ([]byte, []string) {
	var problems []string
	current := make([]string, len(en.Blocks))
	for i, b := range en.Blocks {
		current[i] = translation.Hash(b.Text)
	}
	blockOf := func(part string) (int, bool) {
		n, err := strconv.Atoi(part)
		return n - 1, err == nil && n >= 1 && n <= len(en.Blocks)
	}
	data, err := os.ReadFile(filepath.Join(site.Root, rel))
	exists := err == nil
	var tr translation.PageText
	var h translation.PageHashes
	var pair, orphans []int
	if exists {
		if tr, err = translation.ParsePage(en.ID, rel, data); err != nil {
			return nil, []string{err.Error()}
		}
		h = tr.RecordedHashes(site.Root, &en)
		pair, orphans = translation.AlignPage(site.Root, en, tr.AlignKeys(h.Blocks))
	}
	inPlace := exists && len(orphans) == 0 && !slices.Contains(pair, -1) && len(tr.Blocks) == len(en.Blocks)
	var body []byte
	if inPlace {
		texts := map[int]string{}
		for part, text := range parts {
			if i, ok := blockOf(part); ok {
				texts[pair[i]] = text
				h.Blocks[pair[i]] = current[i]
			}
		}
		body = translation.ReplaceBlocks(tr.Body, tr.Blocks, texts)
	} else {
		texts := map[int]string{}
		blocks := make([]string, len(en.Blocks))
		for i := range en.Blocks {
			if text, ok := parts[strconv.Itoa(i+1)]; ok {
				texts[i], blocks[i] = text, current[i]
			} else if exists && pair[i] >= 0 {
				texts[i], blocks[i] = tr.Blocks[pair[i]].Text, h.Blocks[pair[i]]
			} else {
				problems = append(problems, fmt.Sprintf("%s: block %s is new in English and is not translated in this file; export again (the export includes it) and translate it too", rel, translation.BlockUnitID(en.ID, strconv.Itoa(i+1))))
			}
		}
		body = translation.ReplaceBlocks(en.Body, en.Blocks, texts)
		h.Blocks = blocks
		if !exists {
			data = []byte(en.Source)
			h.Title, h.Description = "", ""
			if en.ID == translation.PageID && len(site.History) > 0 {
				if data, err = translation.SetFrontMatter(data, "englishRevision", site.History[len(site.History)-1].Date.String()); err != nil {
					return nil, []string{err.Error()}
				}
			}
			if tr, err = translation.ParsePage(en.ID, rel, data); err != nil {
				return nil, []string{err.Error()}
			}
			if _, ok := parts[translation.TitlePart]; !ok {
				problems = append(problems, fmt.Sprintf("%s: the page is new, and its title is not translated in this file", rel))
			}
			if _, ok := parts[translation.DescriptionPart]; !ok {
				problems = append(problems, fmt.Sprintf("%s: the page is new, and its description is not translated in this file", rel))
			}
		}
	}
	out := []byte("---\n" + tr.Front + "---\n" + string(body))
	for _, field := range []string{translation.TitlePart, translation.DescriptionPart} {
		text, ok := parts[field]
		if !ok {
			continue
		}
		if out, err = translation.SetFrontMatter(out, field, text); err != nil {
			return nil, []string{fmt.Sprintf("%s: %v", rel, err)}
		}
		if field == translation.TitlePart {
			h.Title = translation.Hash(en.Title)
		} else {
			h.Description = translation.Hash(en.Description)
		}
	}
	if out, err = translation.SetPageHashes(out, h); err != nil {
		return nil, []string{fmt.Sprintf("%s: %v", rel, err)}
	}
	// What will be written must read back as imported, block for block.
	check, err := translation.ParsePage(en.ID, rel, out)
	if err != nil {
		return nil, append(problems, err.Error())
	}
	if len(problems) == 0 {
		if len(check.Blocks) != len(h.Blocks) {
			problems = append(problems, fmt.Sprintf("%s would have %d blocks for %d hashes; a translated text changes the page's structure", rel, len(check.Blocks), len(h.Blocks)))
		}
		if v, ok := parts[translation.TitlePart]; ok && check.Title != v {
			problems = append(problems, fmt.Sprintf("%s: the title would not read back as imported", rel))
		}
	}
	return out, problems
}

// writeAtomic replaces path with data in one rename, so a reader (or an
// interrupted import) sees the old file or the new one, never half.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
