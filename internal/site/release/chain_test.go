package release

import (
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
)

// A history recorded by AppendRevision loads clean; a published
// revision changed, removed or moved by hand does not, and the message
// names revise --amend. Revisions from before the chain are covered by
// the first chained one.
func TestChainedRevisions(t *testing.T) {
	legacy := "- date: \"2025-06-13\"\n  type: major\n  note: First issued.\n"
	text := string(AppendRevision([]byte(legacy), mustLoad(t, legacy), Revision{Date: day("2026-01-02"), Major: true, Note: "Added the ruling.", Source: "sha256:" + strings.Repeat("a", 64)}))
	text = string(AppendRevision([]byte(text), mustLoad(t, text), Revision{Date: day("2026-01-02"), Amends: "2026-01-02.2", Note: "Added the court's ruling.", Source: "sha256:" + strings.Repeat("a", 64)}))
	text = string(AppendRevision([]byte(text), mustLoad(t, text), Revision{Date: day("2026-02-01"), Note: "Fixed a typo.", Source: "sha256:" + strings.Repeat("b", 64)}))
	h := mustLoad(t, text)
	if c, ok := h.Corrected("2026-01-02.2"); !ok || c.Note != "Added the court's ruling." || c.By != "2026-01-02.3" || h.Note(h[1]) != c.Note {
		t.Errorf("the correction: %+v %v", c, ok)
	}
	for name, c := range map[string]struct {
		text string
		want diagtest.Want
	}{
		"a note changed": {strings.Replace(text, `note: "Added the ruling."`, `note: "Added a ruling."`, 1),
			diagtest.Want{Rule: "revision-changed", Line: 4, Col: 1, Msg: "revision 2026-01-02.2 was changed after it was recorded", Suggestion: "statement revise --amend 2026-01-02.2"}},
		"a legacy note changed": {strings.Replace(text, "note: First issued.", "note: First published.", 1),
			diagtest.Want{Rule: "revision-changed", Line: 4, Col: 1, Msg: "a revision before 2026-01-02.2 was changed, removed or moved"}},
		"a date changed": {strings.Replace(text, "date: \"2026-02-01\"", "date: \"2026-02-02\"", 1),
			diagtest.Want{Rule: "revision-changed", Msg: "revision 2026-02-02.4 was changed after it was recorded"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, l := LoadHistory(write(t, "revisions.yaml", c.text), revisionsFile)
			if c.want.Line == 0 {
				l = l[:min(len(l), 1)]
				if len(l) == 0 || l[0].Rule != c.want.Rule || !strings.Contains(l[0].Message, c.want.Msg) {
					t.Errorf("got %v", l)
				}
				return
			}
			diagtest.ExpectIn(t, l, revisionsFile, c.want)
		})
	}
	// A revision removed (a git revert of the latest is not detectable
	// here; one in the middle is).
	parts := strings.SplitAfter(text, "\n- ")
	removed := strings.Join(append(parts[:2:2], parts[3:]...), "")
	_, l := LoadHistory(write(t, "revisions.yaml", removed), revisionsFile)
	if !l.HasErrors() || l[0].Rule != "revision-changed" {
		t.Errorf("a revision removed: %v", l)
	}
	// An amendment must amend an earlier major revision.
	_, l = LoadHistory(write(t, "revisions.yaml", legacy+"- date: \"2026-01-02\"\n  type: amendment\n  amends: \"2026-01-02.9\"\n  note: x\n"), revisionsFile)
	diagtest.ExpectIn(t, l, revisionsFile, diagtest.Want{Rule: "revision-amends", Line: 6, Col: 11, Msg: `amends "2026-01-02.9", which is not an earlier major revision`})
}

func mustLoad(t *testing.T, text string) History {
	t.Helper()
	h, l := LoadHistory(write(t, "revisions.yaml", text), revisionsFile)
	if l.HasErrors() {
		t.Fatalf("%s\n%v", text, l)
	}
	return h
}
