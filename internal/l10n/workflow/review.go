package workflow

import (
	"fmt"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Reviewer is a qualified translator who reviewed translations, and the
// date of the review (YYYY-MM-DD, California). Section 1557 of the
// Affordable Care Act (45 CFR 92.201) has a qualified human translator
// review machine-translated critical content; the record says who did,
// and the page tells its readers.
type Reviewer struct {
	Name string // "NAME (credential)" (translation.Reviewer)
	Date string
}

// Review records that by reviewed the named units of lang (all: every
// unit translated from the current English) as they are now. Only a
// current translation can be reviewed: a stale, untranslated or missing
// unit named is refused, and left under all. An edit of the translation
// or of the English afterwards leaves the unit not reviewed again.
func Review(site *source.Site, code string, ids []string, all bool, by Reviewer) (reviewed []string, left []Left, err error) {
	lang, err := find(site, code)
	if err != nil {
		return nil, nil, err
	}
	if len(lang.Results) == 0 {
		return nil, nil, fmt.Errorf("%s did not load; run `statement validate` and fix what it reports first", code)
	}
	if by.Name, err = translation.Reviewer(by.Name); err != nil {
		return nil, nil, err
	}
	notCurrent := func(r translation.Result) string {
		return fmt.Sprintf("it is %s, not translated from the current English; translate it and run `statement i18n done %s %s` first", r.State, code, r.Unit.ID)
	}
	var chosen []translation.Result
	var problems []string
	if all {
		for _, r := range lang.Results {
			if r.State == translation.Fresh {
				chosen = append(chosen, r)
			} else {
				left = append(left, Left{ID: r.Unit.ID, Reason: notCurrent(r)})
			}
		}
	}
	for _, id := range ids {
		var named []translation.Result
		for _, r := range lang.Results {
			if page, _ := translation.SplitUnitID(r.Unit.ID); r.Unit.ID == id || (page == id && translation.KindOf(id) == translation.Page && !strings.Contains(id, "#")) {
				named = append(named, r)
			}
		}
		if len(named) == 0 {
			problems = append(problems, fmt.Sprintf("%q is not an English unit (see `statement i18n status`)", id))
		}
		for _, r := range named {
			if r.State != translation.Fresh {
				problems = append(problems, fmt.Sprintf("%q: %s", r.Unit.ID, notCurrent(r)))
				continue
			}
			chosen = append(chosen, r)
		}
	}
	if len(problems) > 0 {
		return nil, nil, fmt.Errorf("nothing was recorded as reviewed:\n  %s", strings.Join(problems, "\n  "))
	}
	records := slices.Clone(lang.Records)
	for _, r := range chosen {
		if slices.Contains(reviewed, r.Unit.ID) {
			continue
		}
		records = records.SetReview(r.Unit.ID, r.Unit.Hash(), r.Entry.Text, by.Name, by.Date)
		reviewed = append(reviewed, r.Unit.ID)
	}
	if len(reviewed) == 0 {
		return nil, left, nil
	}
	if err := records.Prune(lang.Results).Write(site.Root, code); err != nil {
		return nil, nil, err
	}
	return reviewed, left, nil
}

// importRecords is the language's record once an import is written: each
// unit it writes as translated from the current English, and, with a
// reviewer, those the file says were reviewed (vendorfile.Unit.Reviewed)
// as reviewed by them. It also returns the ids recorded as reviewed; the
// import writes the record in its transaction.
func importRecords(lang *source.Language, units []vendorfile.Unit, chosen map[string]string, by Reviewer) ([]string, translation.Records) {
	byID := map[string]translation.Result{}
	for _, r := range lang.Results {
		byID[r.Unit.ID] = r
	}
	records := slices.Clone(lang.Records)
	var reviewed, marked []string
	for _, u := range units {
		text, ok := chosen[u.ID]
		r, known := byID[u.ID]
		if !ok || !known {
			continue
		}
		marked = append(marked, u.ID)
		if by.Name != "" && u.Reviewed() {
			records = records.SetReview(u.ID, r.Unit.Hash(), text, by.Name, by.Date)
			reviewed = append(reviewed, u.ID)
			continue
		}
		records = records.Set(u.ID, r.Unit.Hash(), text)
	}
	for i, rec := range records {
		if slices.Contains(marked, rec.ID) && rec.English == byID[rec.ID].Unit.Hash() {
			records[i].Imported = true
		}
	}
	return reviewed, recordsAfter(lang, records, marked)
}
