package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

func day(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Recording news is one step: the new event and the changed English are
// what the revision resolves, so they do not stop it.
func TestRecordResolvesWhatARevisionResolves(t *testing.T) {
	files := validSite()
	files["data/timeline.yaml"] += "- id: new-ruling\n  date: \"2026-03-15\"\n  text: A new ruling.\n"
	files["content/en/_index.md"] += "\nA new sentence.\n"
	root := testfs.Tree(t, files)
	today := day(t, "2026-04-01")

	_, l, err := Record(root, Change{Major: true, Note: "x", Date: day(t, "2026-03-14"), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	diagtest.ExpectSome(t, errorsOf(l), true, diagtest.Want{File: TimelineFile, Rule: "timeline-after-revision", Line: 8, Col: 1, Msg: `"new-ruling" is dated 2026-03-15, after 2026-03-14`, Suggestion: "--date 2026-03-15"})

	rec, l, err := Record(root, Change{Major: true, Note: "Added the ruling.", Date: day(t, "2026-03-15"), Today: today})
	if err != nil || l.HasErrors() {
		t.Fatalf("Record: %v\n%v", err, l)
	}
	if rec.Revision.ID() != "2026-03-15.3" || rec.Updated.String() != "2026-03-15" {
		t.Errorf("recorded %s, updated %s", rec.Revision.ID(), rec.Updated)
	}
	_, l = Load(root, Options{Production: true, Today: today.First()})
	if l.HasErrors() {
		t.Errorf("after the revision the site does not validate:\n%v", l)
	}
	if _, _, err := Record(root, Change{Note: "again", Date: day(t, "2026-03-15"), Today: today}); !IsRefused(err) || !strings.Contains(err.Error(), "nothing to record") {
		t.Errorf("recording twice: %v", err)
	}
}

func TestRecordRefusesDates(t *testing.T) {
	files := validSite()
	files["content/en/_index.md"] += "\nA new sentence.\n"
	root := testfs.Tree(t, files)
	today := day(t, "2026-04-01")
	for date, msg := range map[string]string{
		"2026-04-02": "2026-04-02 is in the future",
		"2025-12-31": "before the latest revision (2026-01-02.2); revisions are in order, so use --date 2026-01-02 or later",
	} {
		_, _, err := Record(root, Change{Major: true, Note: "x", Date: day(t, date), Today: today})
		if !IsRefused(err) || !strings.Contains(err.Error(), msg) {
			t.Errorf("--date %s: %v, want %q", date, err, msg)
		}
	}
	// A future event is the future check's to report, not the date's.
	files["data/timeline.yaml"] += "- id: hearing\n  date: \"2026-05\"\n  text: A hearing.\n"
	testfs.Write(t, root, files)
	_, l, _ := Record(root, Change{Major: true, Note: "x", Date: today, Today: today})
	diagtest.ExpectSome(t, errorsOf(l), true, diagtest.Want{File: TimelineFile, Rule: "timeline-future", Line: 8, Col: 1, Msg: "in the future"})
}

// Spaces at the ends of lines and blank lines at the end are not a change
// of the English, and the live site's recorded source still matches.
func TestTrailingSpaceIsNotAChange(t *testing.T) {
	root := testfs.Tree(t, validSite())
	page := filepath.Join(root, "content/en/_index.md")
	data, _ := os.ReadFile(page)
	before, _ := Load(root, Options{})
	text := strings.ReplaceAll(string(data), ".\n", ".  \n") + "\n\n"
	os.WriteFile(page, []byte(strings.ReplaceAll(text, "\n", "\r\n")), 0o644)
	after, l := Load(root, Options{Production: true, Today: day(t, "2026-04-01").First()})
	if before.EnglishSource() != after.EnglishSource() || l.HasErrors() {
		t.Errorf("trailing spaces changed the English: %s, %s\n%v", before.EnglishSource(), after.EnglishSource(), l)
	}
	if got, legacy := before.englishSources(); got != legacy {
		t.Errorf("a clean page hashes differently than revisions recorded it: %s, %s", got, legacy)
	}
}

func errorsOf(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// Later news recorded as minor would leave the page saying it was updated
// before its own news: revise refuses it up front and names --major, and
// --major works even when a minor revision already recorded that English
// (histories written before minor ones were refused for news).
func TestRecordRefusesNewsAsMinor(t *testing.T) {
	files := validSite()
	files["data/timeline.yaml"] += "- id: new-ruling\n  date: \"2026-03-15\"\n  text: A new ruling.\n"
	root := testfs.Tree(t, files)
	today := day(t, "2026-04-01")
	before, _ := os.ReadFile(filepath.Join(root, RevisionsFile))

	_, l, err := Record(root, Change{Note: "A ruling.", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	diagtest.ExpectSome(t, errorsOf(l), true, diagtest.Want{File: TimelineFile, Rule: "timeline-after-update", Line: 8, Col: 1, Msg: "which a minor revision keeps", Suggestion: "statement revise --major"})
	if after, _ := os.ReadFile(filepath.Join(root, RevisionsFile)); string(after) != string(before) {
		t.Errorf("a refused revision changed %s", RevisionsFile)
	}

	// The dead end of old: the English recorded by a minor revision.
	site, _ := Load(root, Options{})
	stale := string(before) + "- date: \"2026-03-20\"\n  type: minor\n  note: A ruling.\n  source: " + site.EnglishSource() + "\n"
	os.WriteFile(filepath.Join(root, RevisionsFile), []byte(stale), 0o644)
	_, l = Load(root, Options{Production: true, Today: today.First()})
	diagtest.ExpectSome(t, errorsOf(l), true, diagtest.Want{File: TimelineFile, Rule: "timeline-after-update", Line: 8, Col: 1, Msg: "after the page's last update", Suggestion: "statement revise --major"})
	rec, l, err := Record(root, Change{Major: true, Note: "Added the ruling.", Today: today})
	if err != nil || l.HasErrors() {
		t.Fatalf("revise --major, as the fix line says: %v\n%v", err, l)
	}
	if rec.Updated.String() != "2026-04-01" {
		t.Errorf("updated %s", rec.Updated)
	}
	if _, l = Load(root, Options{Production: true, Today: today.First()}); l.HasErrors() {
		t.Errorf("after revise --major:\n%v", l)
	}
}
