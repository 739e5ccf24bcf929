package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

// Published revisions are append-only and tamper-evident: `statement
// revise` writes, with each revision, the hash of the revision before it
// (previous) and its own (hash, over its fields and previous), so that a
// revision changed, removed or moved by hand no longer matches, and
// validate says so. Revisions written before the chain began carry
// neither; the first chained revision's previous covers them as they
// stood then. A published note is corrected by an amendment, a revision
// of its own (type: amendment, amends: the revision's id), never by an
// edit.

// Kind is how data/revisions.yaml writes the revision's type.
func (r Revision) Kind() string {
	switch {
	case r.Amends != "":
		return "amendment"
	case r.Major:
		return "major"
	}
	return "minor"
}

// Digest is the hash a revision records of itself, given the hash of the
// revision before it.
func (r Revision) Digest(previous string) string {
	data, err := json.Marshal(struct {
		Date, Type, Note, Amends, Source, Previous string
	}{r.Date.String(), r.Kind(), r.Note, r.Amends, r.Source, previous})
	if err != nil {
		panic(err) // strings only
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Head is the hash the next revision records as its previous: the chain
// computed over the history as it is now.
func (h History) Head() string {
	head := ""
	for _, r := range h {
		head = r.Digest(head)
	}
	return head
}

// checkChain finds the revisions changed by hand since `statement revise`
// recorded them.
func (h History) checkChain(file string, l *diag.List) {
	head, chained := "", false
	for _, r := range h {
		switch {
		case r.Hash == "" && chained:
			l.Errorf(file, r.Line, 1, "revision-unchained", "revision %s has no hash: it was not recorded by `statement revise`", r.ID())
			l.Suggest("remove it and record the change with `statement revise`")
		case r.Hash == "":
		case r.Digest(r.Previous) != r.Hash:
			l.Errorf(file, r.Line, 1, "revision-changed", "revision %s was changed after it was recorded (its hash no longer matches); a published revision is never edited", r.ID())
			l.Suggest("put it back as it was; to correct its note, run `statement revise --amend %s --note \"...\"`, which keeps the correction visible", r.ID())
		case r.Previous != head:
			l.Errorf(file, r.Line, 1, "revision-changed", "a revision before %s was changed, removed or moved after %s was recorded (its previous hash no longer matches); published revisions are never edited", r.ID(), r.ID())
			l.Suggest("put the revisions back as they were; to correct a note, run `statement revise --amend REVISION --note \"...\"`; to withdraw a change, record a new revision")
		}
		chained = chained || r.Hash != ""
		// Go on from the hash as recorded, so that one change is one
		// error, at the revision changed, not one at every later one.
		if r.Hash != "" {
			head = r.Hash
		} else {
			head = r.Digest(head)
		}
	}
}

// Correction is the latest amendment of a revision's note.
type Correction struct {
	Note string
	Date calendar.Date
	// By is the amendment's id.
	By string
}

// Corrected is the correction of the revision id, if any: its note is
// what readers and translators see.
func (h History) Corrected(id string) (Correction, bool) {
	var c Correction
	found := false
	for _, r := range h {
		if r.Amends == id {
			c, found = Correction{Note: r.Note, Date: r.Date, By: r.ID()}, true
		}
	}
	return c, found
}

// Note is what readers see as the revision's note: the latest correction,
// or the note as recorded.
func (h History) Note(r Revision) string {
	if c, ok := h.Corrected(r.ID()); ok {
		return c.Note
	}
	return r.Note
}
