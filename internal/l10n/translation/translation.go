// Package translation holds every language to English, unit by unit: the
// page, each interface string, each timeline event text and each revision
// note. It says which units a language lacks and which are stale, that is
// translated from English that has changed since.
//
// A translated unit records the hash of the English it was translated from
// (go-i18n's "hash" key in i18n/<lang>.toml, englishHash in the front
// matter of a page). Freshness is a comparison of hashes, so it needs no
// git history and works in a shallow clone or on a CDN's build machine.
// The English texts themselves are kept by hash in ArchiveDir, so that a
// translator is shown what changed, not only that something did.
package translation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Kind is what a unit is; it decides how a gap is treated.
type Kind string

const (
	Page   Kind = "page"   // a part of a content page: its title, description or one block
	String Kind = "string" // an interface string (i18n/<lang>.toml)
	Event  Kind = "event"  // a timeline event's text (data/timeline.yaml)
	Note   Kind = "note"   // a revision's note (data/revisions.yaml)
)

// MonthsWithDay is an interface string a language may have that English
// does not: the month names as written with a day, for a language whose
// month takes another form there (Armenian: "13 հունիսի 2025" but
// "հունիս 2025"). The theme uses it for full dates when it is there. It is
// the translator's grammar, not a translation of an English text, so it
// has no hash.
const MonthsWithDay = "months_day"

// Kinds in the order reports list them.
var Kinds = []Kind{Page, String, Event, Note}

// PageID is the id of the home page, the statement itself. Every other
// content page is "page:" and its path in the language's content
// directory, e.g. "page:notices/renewals.md". A page's units add "#" and
// the part (BlockUnitID): "page#title", "page#3".
const PageID = "page"

// PageUnitID is the id of the page at rel in a content directory.
func PageUnitID(rel string) string {
	if rel == "_index.md" {
		return PageID
	}
	return "page:" + rel
}

// PagePath is where the page with that id (or a part of it) is in a
// content directory.
func PagePath(id string) string {
	id, _ = SplitUnitID(id)
	if id == PageID {
		return "_index.md"
	}
	return strings.TrimPrefix(id, "page:")
}

// Unit is one piece of English that is translated as a whole.
type Unit struct {
	ID   string // "page", a string's key, "event.<id>" or "note.<revision>"
	Kind Kind
	Text string
	File string // where the English is
	Line int
	// Block is the kind of a page block (heading, paragraph, item, cell);
	// empty for every other unit.
	Block BlockKind
}

// Hash is the hash a translation of u records.
func (u Unit) Hash() string { return Hash(u.Text) }

// Hash identifies an English text: the first 16 hex digits of the sha256
// of the text with line endings and surrounding space normalized, so that
// an editor's CRLF, trailing newline or trailing spaces do not make
// translations stale.
func Hash(text string) string {
	t := strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	// Spaces at the ends of lines are not seen either. A text without
	// them hashes as before, so recorded hashes stay valid.
	lines := strings.Split(t, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " \t")
	}
	t = strings.Join(lines, "\n")
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:8])
}

// Entry is one translated unit as a language's files hold it.
type Entry struct {
	ID   string
	Text string
	Hash string // the English it was translated from; empty: not yet confirmed
	File string
	Line int
	// Block is, for a page block, its position in the translated page
	// (from 1), which can differ from the English one while English has
	// added or removed blocks.
	Block int
}

// State is how a language stands on one unit.
type State string

const (
	Fresh               State = "fresh"
	Missing             State = "missing"      // no entry at all
	Untranslated        State = "untranslated" // an entry with no hash: scaffolded English, or never confirmed
	Empty               State = "empty"
	PlaceholderMismatch State = "placeholders" // not plain text with the English placeholders (TextProblems)
	Stale               State = "stale"        // translated from an older English text
)

// Done reports whether the unit counts as translated (current or not).
func (s State) Done() bool { return s == Fresh || s == Stale }

// Result is one unit of one language.
type Result struct {
	Unit  Unit
	Entry Entry // zero when Missing
	State State
	// Problems say, for PlaceholderMismatch, how the text departs from the
	// model (TextProblems).
	Problems []string
}

// Compare holds a language's entries to the English units, in the units'
// order. Extra are the entries English has no unit for, sorted by id.
func Compare(units []Unit, entries map[string]Entry) (results []Result, extra []Entry) {
	known := make(map[string]bool, len(units))
	for _, u := range units {
		known[u.ID] = true
		e, ok := entries[u.ID]
		r := Result{Unit: u, Entry: e}
		switch {
		case !ok:
			r.State = Missing
		case strings.TrimSpace(e.Text) == "":
			r.State = Empty
		case len(modelProblems(u, e.Text)) > 0:
			r.State, r.Problems = PlaceholderMismatch, modelProblems(u, e.Text)
		case e.Hash == "":
			r.State = Untranslated
		case e.Hash != u.Hash():
			r.State = Stale
		default:
			r.State = Fresh
		}
		results = append(results, r)
	}
	for id, e := range entries {
		if !known[id] {
			extra = append(extra, e)
		}
	}
	slices.SortFunc(extra, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return results, extra
}

// UnitProblems holds one translated text, on its own, to the model of
// what a translation may contain (see modelProblems); import checks each
// unit with it before it plans any file.
func UnitProblems(u Unit, text string) []string { return modelProblems(u, text) }

// modelProblems holds a translated unit's text to the model of what a
// translation may contain: an interface string, event or note is plain
// text with the English placeholders (TextProblems); a page's title and
// description are plain text. A page's blocks are held to their English
// by ComparePage, which knows the page around them.
func modelProblems(u Unit, text string) []string {
	if u.Kind != Page {
		return TextProblems(u.Text, text)
	}
	if _, part := SplitUnitID(u.ID); part == TitlePart || part == DescriptionPart {
		if tags := tagLike(text); len(tags) > 0 {
			return []string{fmt.Sprintf("%q reads as an HTML tag to a browser; the page prints the text as written, so write it without <", tags[0])}
		}
	}
	return nil
}

// KindOf tells an entry's kind from its id.
func KindOf(id string) Kind {
	switch {
	case id == PageID || strings.HasPrefix(id, "page:") || strings.HasPrefix(id, PageID+"#"):
		return Page
	case strings.HasPrefix(id, "event."):
		return Event
	case strings.HasPrefix(id, "note."):
		return Note
	}
	return String
}

// StillEnglish reports whether a translated unit still holds the English
// text it was scaffolded with.
func StillEnglish(r Result) bool {
	return normalize(r.Unit.Text) == normalize(r.Entry.Text)
}
