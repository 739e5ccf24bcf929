package release

import (
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/decode"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Every note revise writes is read back as the same text by validate
// (yamlsrc) and by Hugo (its own YAML decoder), including texts YAML
// would read as something else unquoted.
var tricky = []string{
	".inf", "-.Inf", ".nan", "~", "null", "yes", "no", "on", "off", "true", "False",
	"123", "0x1F", "0o17", "1e3", "1_000", "2026-01-02", "12:30", "+1",
	"#not a comment", "a # b", ": colon", "a: b", "- dash", "? key", "[list]", "{map}",
	"*alias", "&anchor", "!tag", "!!str x", "%directive", "@at", "`tick", "|", ">",
	`"double"`, "'single'", `back\slash`, `\n`, "trailing:", "ends with space ",
	"Tiếng Việt", "中文說明", "عربي", "emoji 😀", "tab\there", "bell\a", "nul\x00", "bom\ufeff",
	"line\u2028sep", "x\u0085y",
}

func TestNotesReadBackAsWritten(t *testing.T) {
	head := "- date: \"2026-01-02\"\n  type: major\n  note: First.\n  source: sha256:" + strings.Repeat("a", 64) + "\n"
	headNode, l := yamlsrc.Parse([]byte(head), "data/revisions.yaml")
	history, hl := HistoryFromNode(headNode, "data/revisions.yaml")
	if l.HasErrors() || hl.HasErrors() {
		t.Fatalf("the first revision does not read: %v %v", l, hl)
	}
	for _, note := range tricky {
		rev := Revision{Date: calendar.Date{Year: 2026, Month: 1, Day: 3, Precision: calendar.Day}, Major: true, Note: note, Source: "sha256:" + strings.Repeat("b", 64)}
		data := AppendRevision([]byte(head), history, rev)
		// One line per field: the note never breaks its line.
		for _, line := range strings.SplitAfter(strings.TrimPrefix(string(data), head), "\n") {
			if line != "" && !strings.HasPrefix(line, "- ") && !strings.HasPrefix(line, "  ") {
				t.Errorf("note %q: the revision has a line that is no field:\n%s", note, data)
			}
		}
		root, l := yamlsrc.Parse(data, "data/revisions.yaml")
		if l.HasErrors() {
			t.Errorf("note %q: validate cannot parse:\n%s\n%v", note, data, l)
			continue
		}
		h, l := HistoryFromNode(root, "data/revisions.yaml")
		if l.HasErrors() || len(h) != 2 || h[1].Note != note {
			t.Errorf("note %q: validate reads %+v (%v)", note, h, l)
		}
		v, err := decode.YAMLValue(data)
		if err != nil {
			t.Errorf("note %q: Hugo cannot decode:\n%s\n%v", note, data, err)
			continue
		}
		list, _ := v.([]any)
		if len(list) != 2 {
			t.Errorf("note %q: Hugo reads %#v", note, v)
			continue
		}
		entry, _ := list[1].(map[string]any)
		if got, ok := entry["note"].(string); !ok || got != note {
			t.Errorf("note %q: Hugo reads %#v (%T)", note, entry["note"], entry["note"])
		}
	}
}

func FuzzNoteReadsBack(f *testing.F) {
	for _, s := range tricky {
		f.Add(s)
	}
	head := "- date: \"2026-01-02\"\n  type: major\n  note: First.\n  source: sha256:" + strings.Repeat("a", 64) + "\n"
	f.Fuzz(func(t *testing.T, note string) {
		data := AppendRevision([]byte(head), nil, Revision{Date: calendar.Date{Year: 2026, Month: 1, Day: 3, Precision: calendar.Day}, Note: note, Source: "sha256:" + strings.Repeat("b", 64)})
		v, err := decode.YAMLValue(data)
		if err != nil {
			return // refused alike below: validate must refuse too
		}
		list, _ := v.([]any)
		entry, _ := list[len(list)-1].(map[string]any)
		hugo, _ := entry["note"].(string)
		root, l := yamlsrc.Parse(data, "data/revisions.yaml")
		if l.HasErrors() {
			t.Fatalf("Hugo reads %q, validate cannot parse: %v", hugo, l)
		}
		h, _ := HistoryFromNode(root, "data/revisions.yaml")
		if len(h) == 2 && h[1].Note != hugo {
			t.Fatalf("validate reads %q, Hugo %q", h[1].Note, hugo)
		}
	})
}
