package timeline

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

const file = "data/timeline.yaml"

const valid = `# The timeline, oldest first.
- id: cms-may-have-shared
  date: "2025-06"
  text: DHCS learned CMS may have shared data.
- id: preliminary-injunction
  date: "2025-08-12"
  text: A federal court issued a preliminary injunction.
- id: court-clarification
  date: "2025-12-29"
  text: The court clarified what CMS may share.
`

func TestDecodeValid(t *testing.T) {
	events, l := decode([]byte(valid), file)
	diagtest.ExpectIn(t, l, file)
	wantEvents := []Event{
		{ID: "cms-may-have-shared", Date: calendar.Date{Year: 2025, Month: 6, Precision: calendar.Month}, Text: "DHCS learned CMS may have shared data.", Line: 2},
		{ID: "preliminary-injunction", Date: calendar.Date{Year: 2025, Month: 8, Day: 12, Precision: calendar.Day}, Text: "A federal court issued a preliminary injunction.", Line: 5},
		{ID: "court-clarification", Date: calendar.Date{Year: 2025, Month: 12, Day: 29, Precision: calendar.Day}, Text: "The court clarified what CMS may share.", Line: 8},
	}
	if len(events) != len(wantEvents) {
		t.Fatalf("got %d events, want %d", len(events), len(wantEvents))
	}
	for i := range wantEvents {
		if !reflect.DeepEqual(events[i], wantEvents[i]) {
			t.Errorf("event %d = %+v, want %+v", i, events[i], wantEvents[i])
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	events, l := Load(filepath.Join(t.TempDir(), "none.yaml"), file)
	if events != nil {
		t.Errorf("events = %v, want none", events)
	}
	diagtest.ExpectIn(t, l, file, diagtest.Want{Rule: "timeline-missing", Line: 0, Col: 0, Msg: "cannot read the timeline"})
}

func TestLoadFromDisk(t *testing.T) {
	p := filepath.Join(t.TempDir(), "timeline.yaml")
	if err := os.WriteFile(p, []byte(valid), 0o644); err != nil {
		t.Fatal(err)
	}
	events, l := Load(p, file)
	diagtest.ExpectIn(t, l, file)
	if len(events) != 3 {
		t.Errorf("got %d events, want 3", len(events))
	}
}

func TestDecodeProblems(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		wants  []diagtest.Want
		events int // events returned
		check  func(t *testing.T, events []Event)
	}{
		{
			// With no id, an event is named by its position.
			name: "unknown field in an event with no id names it by position",
			text: "- id: a\n  date: \"2025\"\n  text: t\n- idd: b\n  date: \"2026\"\n  text: u\n",
			wants: []diagtest.Want{
				{Rule: "yaml-unknown-field", Line: 4, Col: 3, Msg: `event 2 has an unknown field "idd"`, Suggestion: `did you mean "id"?`},
			},
			events: 2,
		},
		{
			name: "missing id",
			text: "- date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "yaml-missing-field", Line: 1, Col: 3, Msg: `event 1 has no "id"`},
			},
			events: 1,
		},
		{
			name:   "missing date",
			text:   "- id: a\n  text: t\n",
			wants:  []diagtest.Want{{Rule: "yaml-missing-field", Line: 1, Col: 3, Msg: `event "a" has no "date"`}},
			events: 1,
		},
		{
			name: "missing text",
			text: "- id: a\n  date: \"2025\"\n",
			wants: []diagtest.Want{
				{Rule: "yaml-missing-field", Line: 1, Col: 3, Msg: `event "a" has no "text"`},
			},
			events: 1,
		},
		{
			name: "empty text",
			text: "- id: a\n  date: \"2025\"\n  text: \"\"\n",
			wants: []diagtest.Want{
				{Rule: "timeline-text", Line: 3, Col: 9, Msg: `event "a" has an empty text`},
			},
			events: 1,
		},
		{
			name: "text left blank",
			text: "- id: a\n  date: \"2025\"\n  text:\n",
			wants: []diagtest.Want{
				{Rule: "yaml-type", Line: 3, Col: 0, Msg: `"text" of event "a" must be text, found nothing`},
			},
			events: 1,
		},
		{
			name: "text given as a list",
			text: "- id: a\n  date: \"2025\"\n  text:\n    - one\n",
			wants: []diagtest.Want{
				{Rule: "yaml-type", Line: 4, Col: 5, Msg: "must be text, found a list"},
			},
			events: 1,
		},
		{
			name: "duplicate id names the line of the first",
			text: "- id: a\n  date: \"2025-01\"\n  text: t\n- id: a\n  date: \"2025-02\"\n  text: u\n",
			wants: []diagtest.Want{
				{Rule: "timeline-duplicate-id", Line: 4, Col: 7, Msg: `the id "a" is already used by the event on line 1`, Suggestion: "give this event an id of its own"},
			},
			events: 2,
		},
		{
			// An editor copies the last event to add a new one, changes the
			// date and text, and forgets the id.
			name: "copied event keeps the old id",
			text: valid + `- id: court-clarification
  date: "2026-01"
  text: A new development.
`,
			wants: []diagtest.Want{
				{Rule: "timeline-duplicate-id", Line: 11, Col: 7, Msg: `"court-clarification" is already used by the event on line 8`, Suggestion: "ids are how translations find an event"},
			},
			events: 4,
		},
		{
			name: "upper case and underscore in id",
			text: "- id: Court_Ruling\n  date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-id", Line: 1, Col: 7, Msg: `the id "Court_Ruling" may hold only lower-case letters, digits and single hyphens`},
			},
			events: 1,
		},
		{
			name: "space in id",
			text: "- id: court ruling\n  date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-id", Line: 1, Col: 7, Msg: `"court ruling" may hold only`},
			},
			events: 1,
		},
		{
			name: "double hyphen in id",
			text: "- id: court--ruling\n  date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-id", Line: 1, Col: 7, Msg: "single hyphens"},
			},
			events: 1,
		},
		{
			name: "trailing hyphen in id",
			text: "- id: ruling-\n  date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-id", Line: 1, Col: 7, Msg: "single hyphens"},
			},
			events: 1,
		},
		{
			name: "events out of order name both",
			text: "- id: later\n  date: \"2025-08-12\"\n  text: t\n- id: earlier\n  date: \"2025-06\"\n  text: u\n",
			wants: []diagtest.Want{
				{Rule: "timeline-order", Line: 4, Col: 1, Msg: `event "earlier" (2025-06) comes after event "later" (2025-08-12) but is older`, Suggestion: "move it above line 1"},
			},
			events: 2,
		},
		{
			name: "a day sorts after its month",
			text: "- id: day\n  date: \"2025-08-12\"\n  text: t\n- id: month\n  date: \"2025-08\"\n  text: u\n",
			wants: []diagtest.Want{
				{Rule: "timeline-order", Line: 4, Col: 1, Msg: `event "month" (2025-08) comes after event "day" (2025-08-12)`},
			},
			events: 2,
		},
		{
			name:   "a month before a day in it is in order",
			text:   "- id: month\n  date: \"2025-08\"\n  text: t\n- id: day\n  date: \"2025-08-12\"\n  text: u\n- id: same-day\n  date: \"2025-08-12\"\n  text: v\n",
			events: 3,
		},
		{
			name: "order check skips an event with a bad date",
			text: "- id: a\n  date: \"2025-06\"\n  text: t\n- id: b\n  date: soon\n  text: u\n- id: c\n  date: \"2025-05\"\n  text: v\n",
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 5, Col: 9, Msg: `event "b": "soon" is not a date`},
				{Rule: "timeline-order", Line: 7, Col: 1, Msg: `event "c" (2025-05) comes after event "a" (2025-06)`, Suggestion: "move it above line 1"},
			},
			events: 3,
		},
		{
			name: "a mapping instead of a list",
			text: "id: a\ndate: \"2025\"\ntext: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-shape", Line: 1, Col: 1, Msg: `the timeline must be a list of events, each starting with "- id:"; found a mapping`},
			},
		},
		{
			name: "a bare text instead of a list",
			text: "events\n",
			wants: []diagtest.Want{
				{Rule: "timeline-shape", Line: 1, Col: 1, Msg: `found "events"`},
			},
		},
		{
			name: "an empty list",
			text: "[]\n",
			wants: []diagtest.Want{
				{Rule: "timeline-shape", Line: 1, Col: 1, Msg: "the timeline has no events"},
			},
		},
		{
			name: "an item that is not a mapping",
			text: "- just a sentence\n- id: a\n  date: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "yaml-type", Line: 1, Col: 3, Msg: `event 1 must be a mapping of fields (key: value), found "just a sentence"`},
			},
			events: 1,
		},
		{
			name: "unknown field dat suggests date",
			text: "- id: a\n  dat: \"2025\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "yaml-unknown-field", Line: 2, Col: 3, Msg: `event "a" has an unknown field "dat"`, Suggestion: `did you mean "date"?`},
			},
			events: 1,
		},
		{
			// Hugo's parser refuses the whole file, so the validator does.
			name: "duplicate key in one event",
			text: "- id: a\n  date: \"2025\"\n  date: \"2026\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "yaml-duplicate-key", Line: 3, Col: 3, Msg: `the key "date" is given twice (first on line 2)`, Suggestion: "keep one of the two"},
			},
		},
		{
			name: "date in prose",
			text: "- id: a\n  date: Aug 12, 2025\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 2, Col: 9, Msg: `event "a": "Aug 12, 2025" is not a date: write it as "2025-08-12" (dates are YYYY, YYYY-MM or YYYY-MM-DD)`},
			},
			events: 1,
		},
		{
			name: "impossible date",
			text: "- id: a\n  date: \"2025-02-30\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 2, Col: 9, Msg: "February 2025 has 28 days"},
			},
			events: 1,
		},
		{
			name: "month 13",
			text: "- id: a\n  date: \"2025-13\"\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 2, Col: 9, Msg: "has no month 13"},
			},
			events: 1,
		},
		{
			// Unquoted, YAML reads 2025 as a number, and Hugo would hand
			// the theme a number: the date must be quoted.
			name:   "unquoted year",
			text:   "- id: a\n  date: 2025\n  text: t\n",
			wants:  []diagtest.Want{{Rule: "timeline-date", Line: 2, Col: 9, Msg: "the date 2025 must be in quotes", Suggestion: `write date: "2025"`}},
			events: 1,
		},
		{
			// Hugo's YAML reads an unquoted day as text today, but
			// EDITING.md's rule is one rule: dates are in quotes.
			name:   "unquoted day",
			text:   "- id: a\n  date: 2025-08-12\n  text: t\n",
			events: 1,
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 2, Col: 9, Msg: `the date 2025-08-12 must be in quotes`, Suggestion: `write date: "2025-08-12"`},
			},
		},
		{
			name: "unquoted number that is not a year",
			text: "- id: a\n  date: 2025.5\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "timeline-date", Line: 2, Col: 9, Msg: `"2025.5" is not a date`},
			},
			events: 1,
		},
		{
			name: "date given as a list",
			text: "- id: a\n  date: [2025]\n  text: t\n",
			wants: []diagtest.Want{
				{Rule: "yaml-type", Line: 2, Col: 9, Msg: `"date" of event "a" must be text, found a list`},
			},
			events: 1,
		},
		{
			name: "syntax error",
			text: "- id: a\n  date: \"2025\"\n  text: a: b\n",
			wants: []diagtest.Want{
				{Rule: "yaml-syntax", Line: 3, Col: 9, Msg: "mapping value is not allowed"},
			},
		},
		{
			name:  "empty file",
			text:  "# nothing yet\n",
			wants: []diagtest.Want{{Rule: "yaml-empty", Line: 1, Col: 1, Msg: "only comments"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events, l := decode([]byte(c.text), file)
			diagtest.ExpectIn(t, l, file, c.wants...)
			if len(events) != c.events {
				t.Errorf("got %d events, want %d", len(events), c.events)
			}
			if c.check != nil && len(events) > 0 {
				c.check(t, events)
			}
		})
	}
}
