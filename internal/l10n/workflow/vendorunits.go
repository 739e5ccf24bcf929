package workflow

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/site/source"
)

// unitsOf is every unit a vendor's file may hold for lang, by id: the
// language's results, and months_day where the language writes the month
// in another form after a day.
func unitsOf(site *source.Site, lang *source.Language) map[string]translation.Result {
	byID := map[string]translation.Result{}
	for _, r := range lang.Results {
		byID[r.Unit.ID] = r
	}
	if r, ok := monthsDay(site, lang); ok {
		byID[r.Unit.ID] = r
	}
	return byID
}

// genitiveMonths are the languages that write a month in another form
// after a day ("2 января", but "январь 2026"): those whose CLDR format
// month names differ from the stand-alone ones.
var genitiveMonths = []string{"be", "ca", "cs", "dsb", "el", "fi", "hr", "hsb", "hy", "lt", "pl", "ru", "sk", "uk"}

// monthsDay is the months_day unit of lang: its English is the month
// names, and its translation the names as the language writes them after
// a day. A language has it when its grammar needs it or its file already
// holds it. It has no English of its own, so it is never stale: it is
// current once written.
func monthsDay(site *source.Site, lang *source.Language) (translation.Result, bool) {
	var months translation.Result
	found := false
	for _, r := range lang.Results {
		if r.Unit.ID == "months" {
			months, found = r, true
		}
	}
	if !found {
		return translation.Result{}, false
	}
	r := translation.Result{Unit: months.Unit, State: translation.Missing}
	r.Unit.ID = translation.MonthsWithDay
	for _, e := range lang.Extra {
		if e.ID == translation.MonthsWithDay {
			r.Entry, r.State = e, translation.Fresh
			if strings.TrimSpace(e.Text) == "" {
				r.State = translation.Empty
			}
		}
	}
	base := lang.Code
	if t, err := parseLanguage(locale(*lang)); err == nil {
		b, _ := t.Base()
		base = b.String()
	}
	if r.State == translation.Missing && !slices.Contains(genitiveMonths, base) {
		return translation.Result{}, false
	}
	return r, true
}

// unitID is the unit a vendor's unit is: its id, or, where a tool moved
// the id into a reference (xliff2po, po2xliff), the reference that names
// a unit.
func unitID(byID map[string]translation.Result, u vendorfile.Unit) (string, bool) {
	if _, ok := byID[u.ID]; ok {
		return u.ID, true
	}
	for _, ref := range u.References {
		if _, ok := byID[ref]; ok {
			return ref, true
		}
	}
	return u.ID, false
}

// sameEnglish reports whether the English a vendor translated is the
// current English: the same text, or the same once XML's whitespace rules
// apply (a tool that re-flowed the source too).
func sameEnglish(theirs, current string) bool {
	return translation.Hash(theirs) == translation.Hash(current) ||
		vendorfile.CollapseSpace(theirs) == vendorfile.CollapseSpace(current)
}

// fromSourceLanguage reports whether the file translates from the site's
// source language; a file that does not say is taken to.
func fromSourceLanguage(site *source.Site, f vendorfile.File) bool {
	if strings.TrimSpace(f.SourceLanguage) == "" {
		return true
	}
	src, err := matchLanguage(site, f.SourceLanguage)
	return err == nil && src.Code == site.SourceLanguage
}

// PendingDir keeps, per language, what vendors translated from English
// that changed before their file came back: not published (it translates
// old English), but the next export's starting point for the unit, so the
// vendor's work is not lost.
const PendingDir = "translations/vendor"

// pendingTranslation is one such translation.
type pendingTranslation struct {
	ID          string `toml:"-"`
	English     string `toml:"english"`
	Translation string `toml:"translation"`
}

func pendingPath(lang *source.Language) string { return PendingDir + "/" + lang.Code + ".toml" }

// readPending reads lang's pending translations by unit id; none when the
// file is missing.
func readPending(root string, lang *source.Language) (map[string]pendingTranslation, error) {
	data, err := os.ReadFile(filepath.Join(root, pendingPath(lang)))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]pendingTranslation{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]pendingTranslation{}
	if _, err := toml.Decode(string(data), &out); err != nil {
		return nil, fmt.Errorf("%s: %v; it is written by `statement i18n import`: delete it to start afresh", pendingPath(lang), err)
	}
	for id, p := range out {
		p.ID = id
		out[id] = p
	}
	return out, nil
}

// pendingFile is lang's pending file after an import: the units imported
// now, and those current already (marked done by hand) or gone from
// English, leave it; the outdated ones join it. changed is false when the
// file would stay as it is.
func pendingFile(site *source.Site, lang *source.Language, imported map[string]string, outdated []pendingTranslation) (rel string, data []byte, changed bool, err error) {
	rel = pendingPath(lang)
	pending, err := readPending(site.Root, lang)
	if err != nil {
		return rel, nil, false, err
	}
	state := map[string]translation.State{}
	for _, r := range lang.Results {
		state[r.Unit.ID] = r.State
	}
	for id := range pending {
		s, known := state[id]
		if _, now := imported[id]; now || !known || s == translation.Fresh {
			delete(pending, id)
			changed = true
		}
	}
	for _, p := range outdated {
		if old, ok := pending[p.ID]; !ok || old != p {
			pending[p.ID] = p
			changed = true
		}
	}
	if !changed {
		return rel, nil, false, nil
	}
	ids := make([]string, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	b.WriteString("# Written by `statement i18n import`: translations a vendor made from English\n")
	b.WriteString("# that had changed before the file came back. They are not published;\n")
	b.WriteString("# `statement i18n export` gives each as its unit's starting point.\n")
	for _, id := range ids {
		p := pending[id]
		fmt.Fprintf(&b, "\n[%s]\nenglish = %s\ntranslation = %s\n", translation.TOMLString(id), translation.TOMLString(p.English), translation.TOMLString(p.Translation))
	}
	return rel, []byte(b.String()), true, nil
}

// Counted is n with the noun in the number it takes: "1 entry", "2 entries".
func Counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
