package workflow

import (
	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
)

// ExportWords counts the English words of an export as Status does: New
// in the units exported to be translated, Changed in those exported
// because their English changed; current units (--all) are not counted.
func ExportWords(f vendorfile.File) Words {
	var w Words
	for _, u := range f.Units {
		switch u.State {
		case "translated":
		case "needs-review-translation":
			w.Changed += translation.Words(u.Source)
		default:
			w.New += translation.Words(u.Source)
		}
	}
	return w
}
