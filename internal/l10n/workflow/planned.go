package workflow

import (
	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// checkPlanned holds the files an import would write to the model of what
// a translation may contain, with the checks validate runs on them
// (translation.ComparePage for a page, translation.Compare for the
// interface strings): an import never writes what validate would then
// refuse, whatever the units looked like one by one. Each problem is
// reported at the vendor file's first line, naming the file it would
// have been in.
func checkPlanned(site *source.Site, lang *source.Language, files map[string][]byte, vendor string, l *diag.List) {
	var found diag.List
	for rel, data := range files {
		if rel == source.I18nDir+"/"+lang.Code+".toml" {
			entries := translation.ParseStrings(data, rel, &found)
			var units []translation.Unit
			for _, u := range site.Units {
				if u.Kind != translation.Page {
					units = append(units, u)
				}
			}
			results, _ := translation.Compare(units, entries)
			for _, r := range results {
				for _, p := range r.Problems {
					found.Errorf(rel, r.Entry.Line, 1, "i18n-placeholder", "%q %s", r.Unit.ID, p)
				}
			}
			continue
		}
		for _, en := range site.EnglishPages {
			if lang.ContentDir+"/"+translation.PagePath(en.ID) != rel || en.Broken {
				continue
			}
			tr, err := translation.ParsePage(en.ID, rel, data)
			if err != nil {
				found.Errorf(rel, 0, 0, "import-page", "%v", err)
				continue
			}
			translation.ComparePage(site.Root, en, tr, site.SourceLanguage, lang.Code, lang.Draft, &found)
		}
	}
	found.Sort()
	for _, d := range found {
		if d.Severity != diag.Error {
			continue
		}
		l.Errorf(vendor, 1, 1, "import-check", "%s would be refused by validate: %s:%d: %s", d.File, d.File, d.Line, d.Message)
	}
	if l.HasErrors() {
		l.Suggest("nothing was written; fix the units this names and import again")
	}
}
