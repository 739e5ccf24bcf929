// Package vendorfile reads and writes the files translation vendors work
// in: XLIFF 1.2 (what every major CAT tool reads: Trados, memoQ, Phrase)
// and gettext PO (Weblate, Poedit). It knows nothing of the site: a File
// is a list of units, each with its English source, a target, whether the
// target is ready, the English the target was made from, and where the
// English is. `statement i18n export` fills one and `i18n import` checks
// what comes back (package workflow).
//
// Inline Markdown (links, emphasis, a heading's {#id}) is kept literal in
// the text, not turned into XLIFF placeholders, so that the same unit
// reads the same in XLIFF, in PO and in the repository; each unit that has
// any carries a note that says what to keep, and import refuses a target
// whose link addresses, heading id or placeholders are not the English
// ones.
package vendorfile

import "fmt"

// Unit is one translatable text.
type Unit struct {
	ID     string
	Source string // the current English
	Target string // the translation: the current one on export, the vendor's on import
	// State is XLIFF's target state: "new" (nothing translated),
	// "needs-review-translation" (translated from English that has changed
	// since: fuzzy in PO), "needs-translation", or "translated".
	State string
	// Approved is XLIFF's approved="yes" on the unit: a reviewer signed
	// the target off (as is state "signed-off" or "final"; Reviewed).
	Approved bool
	// Previous is the English the current target was made from, when the
	// English has changed since (PO #| msgid, XLIFF alt-trans).
	Previous string
	Location string // where the English is, file:line
	Notes    []string
	// References are, in a file read back, the places the file names for
	// the unit (PO #: lines, XLIFF location contexts). A tool that drops
	// the id keeps it there: the Translate Toolkit's xliff2po writes the
	// id as a reference, and po2xliff numbers its units and keeps the id
	// in a location context.
	References []string
	// Line is where the unit starts in the file it was read from.
	Line int
}

// Ready reports whether a unit read back holds a translation to import:
// a target that is not empty and that the vendor did not leave marked as
// needing work.
func (u Unit) Ready() bool {
	if u.Target == "" {
		return false
	}
	switch u.State {
	case "new", "needs-translation", "needs-review-translation", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n":
		return false
	}
	return true
}

// Reviewed reports whether a unit read back says its target was
// reviewed and approved: XLIFF's approved="yes", or the target state
// "signed-off" or "final".
func (u Unit) Reviewed() bool {
	return u.Ready() && (u.Approved || u.State == "signed-off" || u.State == "final")
}

// File is one language's units.
type File struct {
	SourceLanguage string
	TargetLanguage string
	// ExportedFor is the site's code of the language the file was
	// exported for. It is written where CAT tools keep it when a vendor's
	// project changes the target language (XLIFF <file original>, the PO
	// header X-Statement-Language), so that import can refuse a file
	// relabelled for another language. Empty in a file that lost it.
	ExportedFor string
	Units       []Unit
}

// Problem is something wrong with a file read back, at its line.
type Problem struct {
	Line, Col int
	Message   string
}

func (p Problem) String() string { return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Message) }
