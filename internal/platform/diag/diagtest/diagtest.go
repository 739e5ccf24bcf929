// Package diagtest checks diagnostic lists in tests: that a list holds
// exactly (or at least) the diagnostics a case expects, matched by file,
// rule, position, severity and key parts of the message and the fix.
package diagtest

import (
	"fmt"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Want describes one expected diagnostic. An empty File matches any file
// and a zero Col any column; Msg and Suggestion need only be contained.
type Want struct {
	File       string
	Rule       string
	Line, Col  int
	Msg        string
	Suggestion string
	Warning    bool
}

func (w Want) matches(d diag.Diagnostic) bool {
	sev := diag.Error
	if w.Warning {
		sev = diag.Warning
	}
	return (w.File == "" || d.File == w.File) && d.Rule == w.Rule && d.Line == w.Line &&
		(w.Col == 0 || d.Column == w.Col) && d.Severity == sev &&
		strings.Contains(d.Message, w.Msg) && strings.Contains(d.Suggestion, w.Suggestion)
}

// Expect checks that l holds exactly the wanted diagnostics.
func Expect(t testing.TB, l diag.List, wants ...Want) {
	t.Helper()
	ExpectSome(t, l, true, wants...)
}

// ExpectIn is Expect for diagnostics that are all in file: a Want
// without a File is in it.
func ExpectIn(t testing.TB, l diag.List, file string, wants ...Want) {
	t.Helper()
	in := make([]Want, len(wants))
	for i, w := range wants {
		if w.File == "" {
			w.File = file
		}
		in[i] = w
	}
	ExpectSome(t, l, true, in...)
}

// ExpectSome checks that l holds the wanted diagnostics and, when exact,
// nothing else.
func ExpectSome(t testing.TB, l diag.List, exact bool, wants ...Want) {
	t.Helper()
	used := make([]bool, len(l))
	for _, w := range wants {
		found := false
		for i, d := range l {
			if !used[i] && w.matches(d) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing diagnostic %+v\ngot:\n%s", w, Dump(l))
		}
	}
	for i, d := range l {
		if exact && !used[i] {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
}

// Dump prints a list for a failure message.
func Dump(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "\t%s\n", d)
	}
	return b.String()
}
