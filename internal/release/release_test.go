package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/diag/diagtest"
	"dhcs.ca.gov/statement/internal/timeline"
)

// want describes one diagnostic a case expects. Col 0 means "any column".
type want struct {
	rule       string
	line, col  int
	msg        string // a key part of the message
	suggestion string // a key part of the fix, if any
}

// expect checks that l holds exactly the wanted diagnostics, all in file.
func expect(t *testing.T, l diag.List, file string, wants ...want) {
	t.Helper()
	diagtest.Expect(t, l, convert(file, wants)...)
}

func convert(file string, wants []want) []diagtest.Want {
	out := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		out[i] = diagtest.Want{File: file, Rule: w.rule, Line: w.line, Col: w.col, Msg: w.msg, Suggestion: w.suggestion}
	}
	return out
}

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
	expect(t, l, releaseFile)
	wantRelease := Release{
		Number:      "25-20",
		FirstIssued: timeline.Date{Year: 2025, Month: 6, Day: 13, Precision: timeline.Day},
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

func TestLoadRepositoryData(t *testing.T) {
	_, l := LoadRelease(filepath.Join("..", "..", "data", "release.yaml"), releaseFile)
	expect(t, l, releaseFile)
	h, l := LoadHistory(filepath.Join("..", "..", "data", "revisions.yaml"), revisionsFile)
	expect(t, l, revisionsFile)
	if len(h) == 0 || !h[0].Major {
		t.Errorf("history = %+v", h)
	}
}

func TestLoadReleaseProblems(t *testing.T) {
	cases := []struct {
		name     string
		old, new string // replace old with new in the good file
		wants    []want
	}{
		{
			name: "number without hyphen",
			old:  `number: "25-20"`, new: `number: "2520"`,
			wants: []want{{"release-number", 1, 9, `release number "2520" should look like "25-20"`, ""}},
		},
		{
			name: "number with a four-digit year",
			old:  `number: "25-20"`, new: `number: "2025-20"`,
			wants: []want{{"release-number", 1, 9, `"2025-20"`, ""}},
		},
		{
			name: "number left as a bare integer",
			old:  `number: "25-20"`, new: `number: 2520`,
			wants: []want{{"release-number", 1, 9, `"2520"`, ""}},
		},
		{
			name: "email that is not an address",
			old:  "email: DHCSPress@dhcs.ca.gov", new: "email: DHCSPress at dhcs.ca.gov",
			wants: []want{{"release-email", 4, 10, `"DHCSPress at dhcs.ca.gov" is not an e-mail address`, ""}},
		},
		{
			name: "email with a display name",
			old:  "email: DHCSPress@dhcs.ca.gov", new: `email: "Press <DHCSPress@dhcs.ca.gov>"`,
			wants: []want{{"release-email", 4, 10, "is not an e-mail address", ""}},
		},
		{
			name: "phone_e164 in local form",
			old:  `phone_e164: "+19164407660"`, new: `phone_e164: "916-440-7660"`,
			wants: []want{{"release-phone", 6, 15, `phone_e164 "916-440-7660" must be the number in international form`, ""}},
		},
		{
			name: "phone_e164 without plus",
			old:  `phone_e164: "+19164407660"`, new: `phone_e164: "19164407660"`,
			wants: []want{{"release-phone", 6, 15, "international form", ""}},
		},
		{
			name: "website over http",
			old:  "website: https://www.dhcs.ca.gov", new: "website: http://www.dhcs.ca.gov",
			wants: []want{{"release-website", 7, 10, `website "http://www.dhcs.ca.gov" must be an https:// address`, ""}},
		},
		{
			name: "website without scheme",
			old:  "website: https://www.dhcs.ca.gov", new: "website: www.dhcs.ca.gov",
			wants: []want{{"release-website", 7, 10, "must be an https:// address", ""}},
		},
		{
			name: "first_issued to a month only",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: "2025-06"`,
			wants: []want{{"release-date", 2, 15, `first_issued must be a full date (YYYY-MM-DD), found "2025-06"`, ""}},
		},
		{
			name: "first_issued not a real day",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: "2025-06-31"`,
			wants: []want{{"release-date", 2, 15, "first_issued: \"2025-06-31\" is not a real date: June 2025 has 30 days", ""}},
		},
		{
			name: "first_issued in prose",
			old:  `first_issued: "2025-06-13"`, new: `first_issued: June 13, 2025`,
			wants: []want{{"release-date", 2, 15, "YYYY, YYYY-MM or YYYY-MM-DD", ""}},
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
			wants: []want{
				{"yaml-unknown-field", 7, 1, `the release has an unknown field "websit"`, `did you mean "website"?`},
			},
		},
		{
			name: "misspelt contact field",
			old:  "  email:", new: "  emial:",
			wants: []want{
				{"yaml-unknown-field", 4, 3, `the contact has an unknown field "emial"`, `did you mean "email"?`},
			},
		},
		{
			name: "no contact",
			old:  "contact:\n  email: DHCSPress@dhcs.ca.gov\n  phone: \"(916) 440-7660\"\n  phone_e164: \"+19164407660\"\n", new: "",
			wants: []want{{"yaml-missing-field", 1, 1, `the release has no "contact"`, ""}},
		},
		{
			name: "contact is text",
			old:  "contact:\n  email: DHCSPress@dhcs.ca.gov\n  phone: \"(916) 440-7660\"\n  phone_e164: \"+19164407660\"\n", new: "contact: DHCSPress@dhcs.ca.gov\n",
			wants: []want{{"yaml-type", 3, 10, "the contact must be a mapping of fields", ""}},
		},
		{
			name: "number given twice",
			old:  "website:", new: "number: \"25-21\"\nwebsite:",
			wants: []want{{"yaml-duplicate-key", 7, 1, `the key "number" is given twice (first on line 1)`, "keep one of the two"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(goodRelease, c.old, c.new, 1)
			if text == goodRelease {
				t.Fatalf("%q is not in the good file", c.old)
			}
			_, l := LoadRelease(write(t, "release.yaml", text), releaseFile)
			expect(t, l, releaseFile, c.wants...)
		})
	}
}

func TestLoadReleaseNotAMapping(t *testing.T) {
	_, l := LoadRelease(write(t, "release.yaml", "- number: \"25-20\"\n"), releaseFile)
	expect(t, l, releaseFile, want{"yaml-type", 1, 1, "the release must be a mapping of fields", ""})
}

func TestLoadReleaseMissingFile(t *testing.T) {
	_, l := LoadRelease(filepath.Join(t.TempDir(), "none.yaml"), releaseFile)
	expect(t, l, releaseFile, want{"data-missing", 0, 0, "cannot read", ""})
}

const revisionsFile = "data/revisions.yaml"

func day(s string) timeline.Date {
	d, err := timeline.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestLoadHistory(t *testing.T) {
	cases := []struct {
		name    string
		text    string
		wants   []want
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
			wants: []want{
				{"yaml-missing-field", 1, 3, `revision 1 has no "note"`, ""},
			},
		},
		{
			name: "out of order",
			text: "- date: \"2026-01-02\"\n  type: major\n  note: a\n- date: \"2025-06-13\"\n  type: minor\n  note: b\n",
			wants: []want{
				{"revision-order", 4, 9, "revision 2 (2025-06-13) is older than the revision before it; list revisions oldest first", ""},
			},
		},
		{
			name: "unknown type",
			text: "- date: \"2025-06-13\"\n  type: major\n  note: a\n- date: \"2026-01-02\"\n  type: patch\n  note: b\n",
			wants: []want{
				{"revision-type", 5, 9, `revision 2: type must be major or minor, found "patch"`, ""},
			},
		},
		{
			name: "type in capitals",
			text: "- date: \"2025-06-13\"\n  type: Major\n  note: a\n",
			wants: []want{
				{"revision-type", 2, 9, `found "Major"`, ""},
				{"revision-type", 1, 1, "the first revision is the first issue of the statement, so it must be major", ""},
			},
		},
		{
			name: "first revision minor",
			text: "- date: \"2025-06-13\"\n  type: minor\n  note: a\n- date: \"2026-01-02\"\n  type: major\n  note: b\n",
			wants: []want{
				{"revision-type", 1, 1, "the first revision is the first issue of the statement, so it must be major", ""},
			},
		},
		{
			name: "missing type",
			text: "- date: \"2025-06-13\"\n  note: a\n",
			wants: []want{
				{"yaml-missing-field", 1, 3, `revision 1 has no "type"`, ""},
				{"revision-type", 1, 1, "must be major", ""},
			},
		},
		{
			name: "date to a month only",
			text: "- date: \"2025-06\"\n  type: major\n  note: a\n",
			wants: []want{
				{"revision-date", 1, 9, "revision 1: the date must be a full date (YYYY-MM-DD)", ""},
			},
		},
		{
			name: "date not real",
			text: "- date: \"2025-02-29\"\n  type: major\n  note: a\n",
			wants: []want{
				{"revision-date", 1, 9, "revision 1: \"2025-02-29\" is not a real date", ""},
			},
		},
		{
			name: "misspelt field",
			text: "- date: \"2025-06-13\"\n  type: major\n  notes: First.\n",
			wants: []want{
				{"yaml-unknown-field", 3, 3, `revision 1 has an unknown field "notes"`, `did you mean "note"?`},
			},
		},
		{
			name: "a mapping instead of a list",
			text: "date: \"2025-06-13\"\ntype: major\nnote: a\n",
			wants: []want{
				{"revisions-shape", 1, 1, "the revisions must be a list with at least one entry", ""},
			},
		},
		{
			name: "an empty list",
			text: "[]\n",
			wants: []want{
				{"revisions-shape", 1, 1, "at least one entry", ""},
			},
		},
		{
			name: "an item that is text",
			text: "- date: \"2025-06-13\"\n  type: major\n  note: a\n- 2026-01-02\n",
			wants: []want{
				{"yaml-type", 4, 3, `revision 2 must be a mapping of fields`, ""},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, l := LoadHistory(write(t, "revisions.yaml", c.text), revisionsFile)
			expect(t, l, revisionsFile, c.wants...)
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
	expect(t, l, revisionsFile, want{"data-missing", 0, 0, "cannot read", ""})
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
				if u != (timeline.Date{}) {
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
	expect(t, l, revisionsFile)
	if got := h.VersionID(); got != "2026-01-02.2" {
		t.Errorf("VersionID() = %q, want 2026-01-02.2", got)
	}
}
