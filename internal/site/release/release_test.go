package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

// write puts text in a temporary file and returns its path.
func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const releaseFile = "data/release.yaml"

const goodRelease = `number: "25-20"
first_issued: "2025-06-13"
contact:
  email: DHCSPress@dhcs.ca.gov
  phone: "(916) 440-7660"
  phone_e164: "+19164407660"
website: https://www.dhcs.ca.gov
publisher: California Department of Health Care Services
`

func TestLoadReleaseGood(t *testing.T) {
	r, l := LoadRelease(write(t, "release.yaml", goodRelease), releaseFile)
	diagtest.ExpectIn(t, l, releaseFile)
	wantRelease := Release{
		Number:      "25-20",
		FirstIssued: calendar.Date{Year: 2025, Month: 6, Day: 13, Precision: calendar.Day},
		Email:       "DHCSPress@dhcs.ca.gov",
		Phone:       "(916) 440-7660",
		PhoneE164:   "+19164407660",
		Website:     "https://www.dhcs.ca.gov",
		Publisher:   "California Department of Health Care Services",
	}
	if r != wantRelease {
		t.Errorf("release = %+v\nwant %+v", r, wantRelease)
	}
}

func TestLoadReleaseProblems(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replace old with new in the good file
		wants    []diagtest.Want
	}{
		{
			name: "number without hyphen",
			old:  `number: "25-20"`, new: `number: "2520"`,
			wants: []diagtest.Want{{Rule: "release-number", Line: 1, Col: 9, Msg: `release number "2520" should look like "25-20"`}},
		},
		{
			name: "number with a four-digit year",
			old:  `number: "25-20"`, new: `number: "2025-20"`,
			wants: []diagtest.Want{{Rule: "release-number", Line: 1, Col: 9, Msg: `"2025-20"`}},
		},
		{
			name: "number left as a bare integer",
			old:  `number: "25-20"`, new: `number: 2520`,
			wants: []diagtest.Want{{Rule: "release-number", Line: 1, Col: 9, Msg: `"2520"`}},
		},
		{
			name: "email that is not an address",
			old:  "email: DHCSPress@dhcs.ca.gov", new: "email: DHCSPress at dhcs.ca.gov",
			wants: []diagtest.Want{{Rule: "release-email", Line: 4, Col: 10, Msg: `"DHCSPress at dhcs.ca.gov" is not an e-mail address`}},
		},
		{
			name: "email with a display name",
			old:  "email: DHCSPress@dhcs.ca.gov", new: `email: "Press <DHCSPress@dhcs.ca.gov>"`,
			wants: []diagtest.Want{{Rule: "release-email", Line: 4, Col: 10, Msg: "is not an e-mail address"}},
		},
		{
			name: "phone_e164 in local form",
			old:  `phone_e164: "+19164407660"`, new: `phone_e164: "916-440-7660"`,
			wants: []diagtest.Want{{Rule: "release-phone", Line: 6, Col: 15, Msg: `phone_e164 "916-440-7660" must be the number in international form`}},
		},
		{
			name: "phone_e164 without plus",
			old:  `phone_e164: "+19164407660"`, new: `phone_e164: "19164407660"`,
			wants: []diagtest.Want{{Rule: "release-phone", Line: 6, Col: 15, Msg: "international form"}},
		},
		{
			name: "website over http",
			old:  "website: https://www.dhcs.ca.gov", new: "website: http://www.dhcs.ca.gov",
			wants: []diagtest.Want{{Rule: "release-website", Line: 7, Col: 10, Msg: `website "http://www.dhcs.ca.gov" must be an https:// address`}},
		},
		{
			name: "website without scheme",
			old:  "website: https://www.dhcs.ca.gov", new: "website: www.dhcs.ca.gov",
			wants: []diagtest.Want{{Rule: "release-website", Line: 7, Col: 10, Msg: "must be an https:// address"}},
		},
		{
			name: "first_issued to a month only",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: "2025-06"`,
			wants: []diagtest.Want{{Rule: "release-date", Line: 2, Col: 15, Msg: `first_issued must be a full date (YYYY-MM-DD), found "2025-06"`}},
		},
		{
			name: "first_issued not a real day",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: "2025-06-31"`,
			wants: []diagtest.Want{{Rule: "release-date", Line: 2, Col: 15, Msg: "first_issued: \"2025-06-31\" is not a real date: June 2025 has 30 days"}},
		},
		{
			name: "first_issued in prose",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: June 13, 2025`,
			wants: []diagtest.Want{{Rule: "release-date", Line: 2, Col: 15, Msg: "YYYY, YYYY-MM or YYYY-MM-DD"}},
		},
		{
			name: "first_issued unquoted is still a day",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: 2025-06-13`,
		},
		{
			name: "phone_e164 unquoted is kept as written",
			old:  `phone_e164: "+19164407660"`, new: `phone_e164: +19164407660`,
		},
		{
			name: "misspelt field",
			old:  "website:", new: "websit:",
			wants: []diagtest.Want{
				{Rule: "yaml-unknown-field", Line: 7, Col: 1, Msg: `the release has an unknown field "websit"`, Suggestion: `did you mean "website"?`},
			},
		},
		{
			name: "misspelt contact field",
			old:  "  email:", new: "  emial:",
			wants: []diagtest.Want{
				{Rule: "yaml-unknown-field", Line: 4, Col: 3, Msg: `the contact has an unknown field "emial"`, Suggestion: `did you mean "email"?`},
			},
		},
		{
			name: "no contact",
			old:  "contact:\n  email: DHCSPress@dhcs.ca.gov\n  phone: \"(916) 440-7660\"\n  phone_e164: \"+19164407660\"\n", new: "",
			wants: []diagtest.Want{{Rule: "yaml-missing-field", Line: 1, Col: 1, Msg: `the release has no "contact"`}},
		},
		{
			name: "contact is text",
			old:  "contact:\n  email: DHCSPress@dhcs.ca.gov\n  phone: \"(916) 440-7660\"\n  phone_e164: \"+19164407660\"\n", new: "contact: DHCSPress@dhcs.ca.gov\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 3, Col: 10, Msg: "the contact must be a mapping of fields"}},
		},
		{
			name: "number given twice",
			old:  "website:", new: "number: \"25-21\"\nwebsite:",
			wants: []diagtest.Want{{Rule: "yaml-duplicate-key", Line: 7, Col: 1, Msg: `the key "number" is given twice (first on line 1)`, Suggestion: "keep one of the two"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(goodRelease, c.old, c.new, 1)
			if text == goodRelease {
				t.Fatalf("%q is not in the good file", c.old)
			}
			_, l := LoadRelease(write(t, "release.yaml", text), releaseFile)
			diagtest.ExpectIn(t, l, releaseFile, c.wants...)
		})
	}
}

func TestLoadReleaseNotAMapping(t *testing.T) {
	_, l := LoadRelease(write(t, "release.yaml", "- number: \"25-20\"\n"), releaseFile)
	diagtest.ExpectIn(t, l, releaseFile, diagtest.Want{Rule: "yaml-type", Line: 1, Col: 1, Msg: "the release must be a mapping of fields"})
}

func TestLoadReleaseMissingFile(t *testing.T) {
	_, l := LoadRelease(filepath.Join(t.TempDir(), "none.yaml"), releaseFile)
	diagtest.ExpectIn(t, l, releaseFile, diagtest.Want{Rule: "data-missing", Line: 0, Col: 0, Msg: "cannot read"})
}

const revisionsFile = "data/revisions.yaml"

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestLoadHistory(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		wants   []diagtest.Want
		history History // checked when not nil
	}{
		{
			name: "two majors",
			text: "# Revisions\n- date: \"2025-06-13\"\n  type: major\n  note: First issued.\n- date: \"2026-01-02\"\n  type: major\n  note: Added the clarification.\n",
			history: History{
				{Date: day("2025-06-13"), Major: true, Note: "First issued.", Line: 2},
				{Date: day("2026-01-02"), Major: true, Note: "Added the clarification.", Line: 5},
			},
		},
		{
			name: "a same-day minor revision is in order",
			text: "- date: \"2025-06-13\"\n  type: major\n  note: a\n- date: \"2025-06-13\"\n  type: minor\n  note: b\n",
			history: History{
				{Date: day("2025-06-13"), Major: true, Note: "a", Line: 1},
				{Date: day("2025-06-13"), Major: false, Note: "b", Line: 4},
			},
		},
		{
			name: "note is required",
			text: "- date: \"2025-06-13\"\n  type: major\n",
			wants: []diagtest.Want{
				{Rule: "yaml-missing-field", Line: 1, Col: 3, Msg: `revision 1 has no "note"`},
			},
		},
		{
			name: "out of order",
			text: "- date: \"2026-01-02\"\n  type: major\n  note: a\n- date: \"2025-06-13\"\n  type: minor\n  note: b\n",
			wants: []diagtest.Want{
				{Rule: "revision-order", Line: 4, Col: 9, Msg: "revision 2 (2025-06-13) is older than the revision before it; list revisions oldest first"},
			},
		},
		{
			name: "unknown type",
			text: "- date: \"2025-06-13\"\n  type: major\n  note: a\n- date: \"2026-01-02\"\n  type: patch\n  note: b\n",
			wants: []diagtest.Want{
				{Rule: "revision-type", Line: 5, Col: 9, Msg: `revision 2: type must be major, minor or amendment, found "patch"`},
			},
		},
		{
			name: "type in capitals",
			text: "- date: \"2025-06-13\"\n  type: Major\n  note: a\n",
			wants: []diagtest.Want{
				{Rule: "revision-type", Line: 2, Col: 9, Msg: `found "Major"`},
				{Rule: "revision-type", Line: 1, Col: 1, Msg: "the first revision is the first issue of the statement, so it must be major"},
			},
		},
		{
			name: "first revision minor",
			text: "- date: \"2025-06-13\"\n  type: minor\n  note: a\n- date: \"2026-01-02\"\n  type: major\n  note: b\n",
			wants: []diagtest.Want{
				{Rule: "revision-type", Line: 1, Col: 1, Msg: "the first revision is the first issue of the statement, so it must be major"},
			},
		},
		{
			name: "missing type",
			text: "- date: \"2025-06-13\"\n  note: a\n",
			wants: []diagtest.Want{
				{Rule: "yaml-missing-field", Line: 1, Col: 3, Msg: `revision 1 has no "type"`},
				{Rule: "revision-type", Line: 1, Col: 1, Msg: "must be major"},
			},
		},
		{
			name: "date to a month only",
			text: "- date: \"2025-06\"\n  type: major\n  note: a\n",
			wants: []diagtest.Want{
				{Rule: "revision-date", Line: 1, Col: 9, Msg: "revision 1: the date must be a full date (YYYY-MM-DD)"},
			},
		},
		{
			name: "date not real",
			text: "- date: \"2025-02-29\"\n  type: major\n  note: a\n",
			wants: []diagtest.Want{
				{Rule: "revision-date", Line: 1, Col: 9, Msg: "revision 1: \"2025-02-29\" is not a real date"},
			},
		},
		{
			name: "misspelt field",
			text: "- date: \"2025-06-13\"\n  type: major\n  notes: First.\n",
			wants: []diagtest.Want{
				{Rule: "yaml-unknown-field", Line: 3, Col: 3, Msg: `revision 1 has an unknown field "notes"`, Suggestion: `did you mean "note"?`},
			},
		},
		{
			name: "a mapping instead of a list",
			text: "date: \"2025-06-13\"\ntype: major\nnote: a\n",
			wants: []diagtest.Want{
				{Rule: "revisions-shape", Line: 1, Col: 1, Msg: "the revisions must be a list with at least one entry"},
			},
		},
		{
			name: "an empty list",
			text: "[]\n",
			wants: []diagtest.Want{
				{Rule: "revisions-shape", Line: 1, Col: 1, Msg: "at least one entry"},
			},
		},
		{
			name: "an item that is text",
			text: "- date: \"2025-06-13\"\n  type: major\n  note: a\n- 2026-01-02\n",
			wants: []diagtest.Want{
				{Rule: "yaml-type", Line: 4, Col: 3, Msg: `revision 2 must be a mapping of fields`},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, l := LoadHistory(write(t, "revisions.yaml", c.text), revisionsFile)
			diagtest.ExpectIn(t, l, revisionsFile, c.wants...)
			if c.history == nil {
				return
			}
			if len(h) != len(c.history) {
				t.Fatalf("history = %+v\nwant %+v", h, c.history)
			}
			for i := range h {
				c.history[i].Number = i + 1
				if h[i] != c.history[i] {
					t.Errorf("revision %d = %+v, want %+v", i+1, h[i], c.history[i])
				}
			}
		})
	}
}

func TestLoadHistoryMissingFile(t *testing.T) {
	h, l := LoadHistory(filepath.Join(t.TempDir(), "none.yaml"), revisionsFile)
	if h != nil {
		t.Errorf("history = %v", h)
	}
	diagtest.ExpectIn(t, l, revisionsFile, diagtest.Want{Rule: "data-missing", Line: 0, Col: 0, Msg: "cannot read"})
}

func TestUpdatedAndVersionID(t *testing.T) {
	rev := func(date string, major bool) Revision { return Revision{Date: day(date), Major: major} }
	cases := []struct {
		name    string
		h       History
		updated string // "" for none
		version string
	}{
		{"none", nil, "", ""},
		{"first issue", History{rev("2025-06-13", true)}, "2025-06-13", "2025-06-13.1"},
		{"two majors", History{rev("2025-06-13", true), rev("2026-01-02", true)}, "2026-01-02", "2026-01-02.2"},
		{
			"minor after the last major does not move Updated",
			History{rev("2025-06-13", true), rev("2026-01-02", true), rev("2026-01-05", false)},
			"2026-01-02", "2026-01-05.3",
		},
		{
			"minors between majors",
			History{rev("2025-06-13", true), rev("2025-07-01", false), rev("2025-08-01", false), rev("2025-09-01", true), rev("2025-09-02", false)},
			"2025-09-01", "2025-09-02.5",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := c.h.Updated()
			if c.updated == "" {
				if u != (calendar.Date{}) {
					t.Errorf("Updated() = %v, want none", u)
				}
			} else if u.String() != c.updated {
				t.Errorf("Updated() = %s, want %s", u, c.updated)
			}
			if got := c.h.VersionID(); got != c.version {
				t.Errorf("VersionID() = %q, want %q", got, c.version)
			}
		})
	}
}

// LoadHistory and VersionID together, as the build uses them.
func TestVersionIDFromFile(t *testing.T) {
	h, l := LoadHistory(write(t, "revisions.yaml", "- date: \"2025-06-13\"\n  type: major\n  note: a\n- date: \"2026-01-02\"\n  type: major\n  note: b\n"), revisionsFile)
	diagtest.ExpectIn(t, l, revisionsFile)
	if got := h.VersionID(); got != "2026-01-02.2" {
		t.Errorf("VersionID() = %q, want 2026-01-02.2", got)
	}
}
