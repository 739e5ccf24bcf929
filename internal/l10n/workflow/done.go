package workflow

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// DoneOptions are `i18n done`'s flags.
type DoneOptions struct {
	// All marks every stale unit whose translation was updated, and
	// every untranslated one whose text is no longer the English.
	All bool
	// Unchanged marks stale units whose translation has not changed since
	// the English did: the translator says the English change needs no
	// change in the translation.
	Unchanged bool
}

// Left is a unit `done` did not mark, and why.
type Left struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Done records that the named units of lang are translated from the
// current English: it writes each one's English hash, records the hash of
// its translation (translation.Records), and archives the English so a
// later change can be shown as a diff. When no unit of the language is
// left stale or untranslated, the page's englishRevision moves to the
// latest revision.
//
// A stale unit whose translation is the one recorded before the English
// changed was not updated: it is refused (named) or left (All, or a whole
// page named), unless Unchanged. A stale unit with no record (marked
// before records were kept) cannot be told either way: named, it is
// marked, since the translator vouches for it; under All it is left, so
// that text nobody looked at keeps its "changed in English" mark. A page
// whose blocks do not match the English ones (joined, split, added by
// hand) is never marked: its hashes would hide the break.
func Done(site *source.Site, code string, ids []string, opt DoneOptions) (marked []string, left []Left, err error) {
	lang, err := find(site, code)
	if err != nil {
		return nil, nil, err
	}
	if len(lang.Results) == 0 {
		return nil, nil, fmt.Errorf("%s did not load; run `statement validate` and fix what it reports first", code)
	}
	byID := map[string]translation.Result{}
	for _, r := range lang.Results {
		byID[r.Unit.ID] = r
	}
	broken := brokenStructure(site, lang)
	var chosen []translation.Result
	var problems []string
	leave := func(r translation.Result, reason string) { left = append(left, Left{ID: r.Unit.ID, Reason: reason}) }
	// consider takes a unit the translator did not name one by one.
	consider := func(r translation.Result) {
		page, _ := translation.SplitUnitID(r.Unit.ID)
		switch {
		case r.Unit.Kind == translation.Page && broken[page] != "":
			leave(r, broken[page])
		case r.State == translation.Stale && !opt.Unchanged:
			if edited, known := lang.Records.Edited(r); !edited {
				leave(r, notUpdated(code, r.Unit.ID, known))
				return
			}
			chosen = append(chosen, r)
		case r.State == translation.Untranslated && translation.StillEnglish(r):
			leave(r, "it still holds the English text")
		case r.State == translation.Stale || r.State == translation.Untranslated:
			chosen = append(chosen, r)
		}
	}
	if opt.All {
		for _, r := range lang.Results {
			consider(r)
		}
	}
	for _, id := range ids {
		r, ok := byID[id]
		if !ok && translation.KindOf(id) == translation.Page && !strings.Contains(id, "#") {
			// A whole page: every part of it that has a translation.
			found := false
			for _, r := range lang.Results {
				if page, _ := translation.SplitUnitID(r.Unit.ID); page == id {
					found = true
					if r.State == translation.Fresh {
						chosen = append(chosen, r)
					} else if r.State != translation.Missing && r.State != translation.Empty && r.State != translation.PlaceholderMismatch {
						consider(r)
					}
				}
			}
			if found {
				if broken[id] != "" {
					problems = append(problems, fmt.Sprintf("%q: %s", id, broken[id]))
				}
				continue
			}
		}
		page, _ := translation.SplitUnitID(id)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%q is not an English unit (see `statement i18n status`)", id))
		case r.State == translation.Missing:
			problems = append(problems, fmt.Sprintf("%q has no translation in %s yet; add it (or run `statement i18n scaffold %s`) first", id, lang.Code, lang.Code))
		case r.State == translation.Empty:
			problems = append(problems, fmt.Sprintf("%q is empty; translate it first", id))
		case r.State == translation.PlaceholderMismatch:
			problems = append(problems, fmt.Sprintf("%q does not have the placeholders English has; fix it first", id))
		case r.Unit.Kind == translation.Page && broken[page] != "":
			problems = append(problems, fmt.Sprintf("%q: %s", id, broken[page]))
		case r.State == translation.Stale && !opt.Unchanged:
			if edited, known := lang.Records.Edited(r); known && !edited {
				problems = append(problems, fmt.Sprintf("%q: %s", id, notUpdated(code, id, true)))
				continue
			}
			chosen = append(chosen, r)
		default:
			chosen = append(chosen, r)
		}
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("nothing was marked:\n  %s", strings.Join(problems, "\n  "))
	}
	left = slices.DeleteFunc(left, func(x Left) bool {
		return slices.ContainsFunc(chosen, func(r translation.Result) bool { return r.Unit.ID == x.ID })
	})
	hashes := map[string]string{}
	var units []translation.Unit
	pages := map[string][]translation.Result{}
	records := slices.Clone(lang.Records)
	for _, r := range chosen {
		if slices.Contains(marked, r.Unit.ID) {
			continue
		}
		units = append(units, r.Unit)
		marked = append(marked, r.Unit.ID)
		records = records.Set(r.Unit.ID, r.Unit.Hash(), r.Entry.Text)
		if r.Unit.Kind == translation.Page {
			page, _ := translation.SplitUnitID(r.Unit.ID)
			pages[page] = append(pages[page], r)
			continue
		}
		hashes[r.Unit.ID] = r.Unit.Hash()
	}
	if len(chosen) == 0 {
		_, err := dropRemovedBlocks(site, lang)
		return nil, left, err
	}
	if err := translation.Archive(site.Root, units); err != nil {
		return nil, nil, err
	}
	if len(hashes) > 0 {
		path := filepath.Join(site.Root, source.I18nDir, code+".toml")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		if data, err = translation.SetHashes(data, hashes); err != nil {
			return nil, nil, fmt.Errorf("%s/%s.toml: %v", source.I18nDir, code, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, nil, err
		}
	}
	pending := slices.ContainsFunc(lang.Results, func(r translation.Result) bool {
		return r.State != translation.Fresh && !slices.Contains(marked, r.Unit.ID)
	})
	for page, results := range pages {
		if err := MarkPage(site, lang, page, results); err != nil {
			return nil, nil, err
		}
	}
	if !pending && len(site.History) > 0 {
		if err := editPage(site, lang, translation.PageID, "englishRevision", site.History[len(site.History)-1].Date.String()); err != nil {
			return nil, nil, err
		}
	}
	if err := writeRecords(site, lang, records, marked); err != nil {
		return nil, nil, err
	}
	// The blocks English removed go from the translation's file with any
	// done (after the hashes are marked by position): nothing is left to
	// translate in them.
	if _, err := dropRemovedBlocks(site, lang); err != nil {
		return nil, nil, err
	}
	slices.Sort(marked)
	return marked, left, nil
}

// writeRecords writes lang's record, keeping only what some unit may
// still use once the units marked record the current English.
func writeRecords(site *source.Site, lang *source.Language, records translation.Records, marked []string) error {
	return recordsAfter(lang, records, marked).Write(site.Root, lang.Code)
}

// recordsAfter is a language's records once the units marked are
// translated from the current English, without those of units gone.
func recordsAfter(lang *source.Language, records translation.Records, marked []string) translation.Records {
	after := slices.Clone(lang.Results)
	for i, r := range after {
		if slices.Contains(marked, r.Unit.ID) {
			after[i].Entry.Hash = r.Unit.Hash()
		}
	}
	return records.Prune(after)
}

// notUpdated says why a stale unit is not marked: its translation is
// the one recorded before the English changed (known), or nothing tells
// whether it is.
func notUpdated(code, id string, known bool) string {
	if known {
		return fmt.Sprintf("its translation has not changed since the English did (`statement i18n status` shows how the English changed); update it, or, if the English change needs no change in %s, run `statement i18n done %s %s --unchanged`", code, code, id)
	}
	return fmt.Sprintf("it was marked before translations were recorded, so whether it was updated since the English changed cannot be told; if you updated it, name it: `statement i18n done %s %s`; if the English change needs no change in %s, add --unchanged", code, id, code)
}

// brokenStructure finds, by page id, the translated pages whose blocks
// do not stand one for one with the English ones, and says why: marking
// such a page would write hashes over the break and hide it.
func brokenStructure(site *source.Site, lang *source.Language) map[string]string {
	broken := map[string]string{}
	for _, en := range site.EnglishPages {
		if en.Broken {
			continue
		}
		rel := lang.ContentDir + "/" + translation.PagePath(en.ID)
		data, err := os.ReadFile(filepath.Join(site.Root, rel))
		if err != nil {
			continue // missing: nothing of it is marked
		}
		tr, err := translation.ParsePage(en.ID, rel, data)
		if err != nil {
			broken[en.ID] = fmt.Sprintf("%v; fix it first", err)
			continue
		}
		var l diag.List
		translation.ComparePage(site.Root, en, tr, site.SourceLanguage, lang.Code, false, &l)
		var why []string
		for _, d := range l {
			if d.Severity == diag.Error && (d.Rule == "page-structure" || d.Rule == "page-html") {
				why = append(why, fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message))
			}
		}
		if len(why) > 0 {
			broken[en.ID] = fmt.Sprintf("the page's structure is broken, so its hashes are not rewritten (they would hide the break): %s; fix it as `statement validate` says, then run done again", strings.Join(why, "; "))
		}
	}
	return broken
}
