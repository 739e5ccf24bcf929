package yamlsrc

import (
	"fmt"
	"strings"
	"testing"

	goccyparser "github.com/goccy/go-yaml/parser"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
)

// want describes one diagnostic a case expects. Col 0 means "any column".
type want struct {
	rule       string
	line, col  int
	msg        string // a key part of the message
	suggestion string // a key part of the fix, if any
}

// expect checks that l holds exactly the wanted diagnostics.
func expect(t *testing.T, l diag.List, wants ...want) {
	t.Helper()
	diagtest.Expect(t, l, toWants("", wants)...)
}

func toWants(file string, wants []want) []diagtest.Want {
	out := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		out[i] = diagtest.Want{File: file, Rule: w.rule, Line: w.line, Col: w.col, Msg: w.msg, Suggestion: w.suggestion}
	}
	return out
}

const syntaxFix = "check the indentation and quoting"

func TestParseSyntaxErrors(t *testing.T) {
	cases := []struct {
		name string
		text string
		want diagtest.Want
	}{
		{
			name: "colon in an unquoted value",
			text: "title: x\nnote: a: b\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 2, Col: 7, Msg: "mapping value is not allowed", Suggestion: syntaxFix},
		},
		{
			name: "tab used for indentation",
			text: "a: 1\n\tb: 2\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 2, Col: 1, Msg: "cannot start any token", Suggestion: "indent with spaces"},
		},
		{
			name: "key indented under a scalar",
			text: "a: 1\nb: 2\n  c: 3\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 2, Col: 4, Msg: "mapping value is not allowed", Suggestion: syntaxFix},
		},
		{
			name: "reserved character on line 3",
			text: "a: 1\nb: 2\nc: @x\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 3, Col: 4, Msg: "reserved character", Suggestion: syntaxFix},
		},
		{
			name: "reserved character on line 1",
			text: "a: @x\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 1, Col: 4, Msg: "reserved character", Suggestion: syntaxFix},
		},
		{
			name: "text after a quoted value",
			text: "a: 1\nb: \"x\" y\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 2, Col: 8, Msg: "value is not allowed in this context", Suggestion: syntaxFix},
		},
		{
			name: "list item indented one space too little",
			text: "- id: x\n  date: \"2025\"\n text: y\n",
			want: diagtest.Want{Rule: "yaml-syntax", Line: 3, Col: 2, Msg: "value is not allowed in this context", Suggestion: syntaxFix},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, l := Parse([]byte(c.text), "data/x.yaml")
			if n != nil {
				t.Errorf("Parse returned a node for invalid YAML")
			}
			diagtest.Expect(t, l, c.want)
			if l[0].File != "data/x.yaml" || l[0].Severity != diag.Error {
				t.Errorf("diagnostic = %+v, want an error in data/x.yaml", l[0])
			}
			if strings.HasPrefix(l[0].Message, "yaml:") || strings.Contains(l[0].Message, "line ") {
				t.Errorf("message %q still carries yaml's own prefix or line", l[0].Message)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	cases := []struct {
		name, text string
		want       diagtest.Want
	}{
		{"no bytes", "", diagtest.Want{Rule: "yaml-empty", Line: 1, Col: 1, Msg: "the file is empty"}},
		{"only blank lines", " \n\n\t\n", diagtest.Want{Rule: "yaml-empty", Line: 1, Col: 1, Msg: "the file is empty"}},
		{"only comments", "# a comment\n\n# another\n", diagtest.Want{Rule: "yaml-empty", Line: 1, Col: 1, Msg: "only comments"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, l := Parse([]byte(c.text), "data/x.yaml")
			if n != nil {
				t.Errorf("Parse returned a node for an empty file")
			}
			diagtest.Expect(t, l, c.want)
		})
	}
}

// A second document after "---" is silently dropped, so an editor who
// separates events with "---" loses every event after it without a word.
func TestParseSecondDocument(t *testing.T) {
	_, l := Parse([]byte("- id: a\n---\n- id: b\n"), "data/timeline.yaml")
	diagtest.Expect(t, l, diagtest.Want{Rule: "yaml-multiple-documents", Line: 2, Col: 1, Msg: "second document", Suggestion: "remove the \"---\" line"})
}

func TestParseValid(t *testing.T) {
	n, l := Parse([]byte("# heading comment\na: 1\nb:\n  - x\n"), "f.yaml")
	expect(t, l)
	if n == nil || n.Kind != MappingNode {
		t.Fatalf("root = %v, want a mapping", n)
	}
	if n.Content[0].Line != 2 || n.Content[2].Line != 3 || n.Content[3].Content[0].Line != 4 {
		t.Errorf("lines = %d, %d, %d; want 2, 3, 4", n.Content[0].Line, n.Content[2].Line, n.Content[3].Content[0].Line)
	}
}

func TestParseAtShiftsLines(t *testing.T) {
	// Front matter: line 1 of the page is "---", the YAML starts on line 2.
	const fm = "title: x\ndescription: y\nlist:\n  - a\n"
	n, l := ParseAt([]byte(fm), "content/en/_index.md", 2)
	diagtest.Expect(t, l)
	if n == nil {
		t.Fatal("no node")
	}
	lines := map[string]int{
		"root":        n.Line,
		"title":       n.Content[0].Line,
		"description": n.Content[2].Line,
		"list":        n.Content[4].Line,
		"list item":   n.Content[5].Content[0].Line,
	}
	for name, wantLine := range map[string]int{"root": 2, "title": 2, "description": 3, "list": 4, "list item": 5} {
		if lines[name] != wantLine {
			t.Errorf("%s on line %d, want %d", name, lines[name], wantLine)
		}
	}
	// Columns do not move.
	if n.Content[5].Content[0].Column != 5 {
		t.Errorf("list item column = %d, want 5", n.Content[5].Content[0].Column)
	}

	cases := []struct {
		name, text string
		first      int
		want       diagtest.Want
	}{
		{"syntax error", "title: x\nnote: a: b\n", 2, diagtest.Want{Rule: "yaml-syntax", Line: 3, Col: 7, Msg: "mapping value", Suggestion: syntaxFix}},
		{"empty", "", 2, diagtest.Want{Rule: "yaml-empty", Line: 2, Col: 1, Msg: "empty"}},
		{"comments only", "# nothing\n", 5, diagtest.Want{Rule: "yaml-empty", Line: 5, Col: 1, Msg: "only comments"}},
		{"first line 1 is Parse", "a: 1\nb: c: d\n", 1, diagtest.Want{Rule: "yaml-syntax", Line: 2, Col: 4, Msg: "mapping value", Suggestion: syntaxFix}},
		// The parser refuses a key given twice, as Hugo's does.
		{"duplicate key", "id: a\ndate: \"2025\"\nid: b\n", 2, diagtest.Want{Rule: "yaml-duplicate-key", Line: 4, Col: 1, Msg: `the key "id" is given twice (first on line 1)`, Suggestion: "keep one of the two"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, l := ParseAt([]byte(c.text), "content/en/_index.md", c.first)
			diagtest.Expect(t, l, c.want)
		})
	}
}

var eventFields = []string{"id", "date", "text"}

func mustParse(t *testing.T, text string) *Node {
	t.Helper()
	n, l := Parse([]byte(text), "f.yaml")
	if n == nil || len(l) > 0 {
		t.Fatalf("Parse(%q): %s", text, diagtest.Dump(l))
	}
	return n
}

func TestFields(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		keys  []string // keys Fields should return
		wants []diagtest.Want
	}{
		{
			name: "all known",
			text: "id: a\ndate: \"2025\"\ntext: t\n",
			keys: []string{"id", "date", "text"},
		},
		{
			name:  "typo gets a did you mean",
			text:  "id: a\ndat: \"2025\"\ntext: t\n",
			keys:  []string{"id", "text"},
			wants: []diagtest.Want{{Rule: "yaml-unknown-field", Line: 2, Col: 1, Msg: `the event has an unknown field "dat"`, Suggestion: `did you mean "date"?`}},
		},
		{
			name:  "wrong case gets a did you mean",
			text:  "ID: a\n",
			wants: []diagtest.Want{{Rule: "yaml-unknown-field", Line: 1, Col: 1, Msg: `unknown field "ID"`, Suggestion: `did you mean "id"?`}},
		},
		{
			name:  "unrelated name lists the fields",
			text:  "id: a\ncolour: red\n",
			keys:  []string{"id"},
			wants: []diagtest.Want{{Rule: "yaml-unknown-field", Line: 2, Col: 1, Msg: `unknown field "colour"`, Suggestion: "the fields are: id, date, text"}},
		},
		{
			name:  "a list is not a mapping",
			text:  "- a\n- b\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 1, Col: 1, Msg: "the event must be a mapping of fields (key: value), found a list"}},
		},
		{
			name:  "a scalar is not a mapping",
			text:  "just text\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 1, Col: 1, Msg: `found "just text"`}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := mustParse(t, c.text)
			var l diag.List
			f := Fields(n, "f.yaml", "the event", eventFields, &l)
			diagtest.Expect(t, l, c.wants...)
			if len(f) != len(c.keys) {
				t.Errorf("Fields returned %d fields, want %v", len(f), c.keys)
			}
			for _, k := range c.keys {
				if f[k].Key == nil || f[k].Key.Value != k {
					t.Errorf("field %q missing from the result", k)
				}
			}
		})
	}
}

func TestString(t *testing.T) {
	cases := []struct {
		name   string
		text   string
		value  string
		ok     bool
		wants  []diagtest.Want
		noNode bool
	}{
		{name: "plain text", text: "text: hello\n", value: "hello", ok: true},
		{name: "quoted text", text: "text: \"a: b\"\n", value: "a: b", ok: true},
		{name: "empty quoted text is text", text: "text: \"\"\n", value: "", ok: true},
		// A number or a boolean is kept as the editor wrote it: the node
		// holds the source text, so 2025 stays "2025" and yes stays "yes".
		{name: "a number is kept as written", text: "text: 2025\n", value: "2025", ok: true},
		{name: "a float is kept as written", text: "text: 1.50\n", value: "1.50", ok: true},
		{name: "a boolean is kept as written", text: "text: yes\n", value: "yes", ok: true},
		{
			name:  "a list where text is expected",
			text:  "id: a\ntext:\n  - one\n  - two\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 3, Col: 3, Msg: `"text" of the event must be text, found a list`}},
		},
		{
			name:  "a mapping where text is expected",
			text:  "text: {a: b}\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 1, Col: 7, Msg: "found a mapping"}},
		},
		{
			name:  "nothing",
			text:  "id: a\ntext:\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 2, Col: 7, Msg: "must be text, found nothing"}},
		},
		{
			name:  "explicit null",
			text:  "text: ~\n",
			wants: []diagtest.Want{{Rule: "yaml-type", Line: 1, Col: 7, Msg: "found nothing"}},
		},
		{
			name:   "missing",
			text:   "id: a\n",
			wants:  []diagtest.Want{{Rule: "yaml-missing-field", Line: 1, Col: 1, Msg: `the event has no "text"`}},
			noNode: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := mustParse(t, c.text)
			var l diag.List
			f := Fields(n, "f.yaml", "the event", eventFields, &l)
			v, node, ok := String(f, "text", n, "f.yaml", "the event", &l)
			diagtest.Expect(t, l, c.wants...)
			if ok != c.ok || v != c.value {
				t.Errorf("String = %q, %v; want %q, %v", v, ok, c.value, c.ok)
			}
			if (node == nil) != c.noNode {
				t.Errorf("node = %v, want nil: %v", node, c.noNode)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	cases := map[string]string{
		"{a: 1}":  "a mapping",
		"[1]":     "a list",
		"~":       "nothing",
		"42":      "the number 42",
		"4.5":     "the number 4.5",
		"true":    "the boolean true",
		"hello":   `"hello"`,
		`"2025"`:  `"2025"`,
		"*anchor": "an alias",
	}
	for text, wantDesc := range cases {
		// Parse refuses anchors, so the alias case is converted directly.
		f, err := goccyparser.ParseBytes([]byte("x: &anchor 1\ny: "+text+"\n"), 0)
		if err != nil {
			t.Fatal(err)
		}
		n := convert(f.Docs[0].Body)
		if got := Describe(n.Content[3]); got != wantDesc {
			t.Errorf("Describe(%s) = %q, want %q", text, got, wantDesc)
		}
	}
}

func TestClosest(t *testing.T) {
	known := []string{"id", "date", "text"}
	cases := []struct {
		in, want string
	}{
		{"dat", "date"},
		{"Date", "date"},
		{"dates", "date"},
		{"txt", "text"},
		{"texte", "text"},
		{"idd", "id"},
		{"date", "date"},
		{"colour", ""},
		{"x", ""},
		{"", ""},
		{"description", ""},
	}
	for _, c := range cases {
		if got := Closest(c.in, known); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := Closest("emial", []string{"email", "phone", "phone_e164"}); got != "email" {
		t.Errorf("Closest(emial) = %q, want email", got)
	}
	if got := Closest("phone_e64", []string{"email", "phone", "phone_e164"}); got != "phone_e164" {
		t.Errorf("Closest(phone_e64) = %q, want phone_e164", got)
	}
	if got := Closest("anything", nil); got != "" {
		t.Errorf("Closest with no names = %q", got)
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		d    int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"dat", "date", 1},
		{"date", "date", 0},
		{"flaw", "lawn", 2},
	}
	for _, c := range cases {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
		if got := distance(c.b, c.a); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.b, c.a, got, c.d)
		}
	}
}

func TestParseRefusesWhatItCannotTrust(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	for c := 'b'; c <= 'j'; c++ {
		prev := string(c - 1)
		bomb += fmt.Sprintf("%c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", c, c, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	cases := []struct {
		name, text string
		want       diagtest.Want
	}{
		{"an anchor", "- id: a\n  text: &t Hello\n- id: b\n  text: *t\n", diagtest.Want{Rule: "yaml-alias", Line: 2, Col: 9, Msg: "anchors and aliases", Suggestion: "write the value out"}},
		{"an alias bomb", bomb, diagtest.Want{Rule: "yaml-alias", Line: 1, Col: 4, Msg: "anchors and aliases"}},
		{"invalid UTF-8", "- id: a\n  text: caf\xe9\n", diagtest.Want{Rule: "yaml-encoding", Line: 2, Col: 12, Msg: "not valid UTF-8", Suggestion: "UTF-8"}},
		{"too large", "# " + strings.Repeat("x", MaxSize) + "\n", diagtest.Want{Rule: "yaml-too-large", Line: 1, Col: 1, Msg: "the limit is"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, l := Parse([]byte(c.text), "data/x.yaml")
			if n != nil {
				t.Error("Parse returned a node")
			}
			diagtest.Expect(t, l, c.want)
		})
	}
}
