package diag

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func sample() List {
	var l List
	l.Warnf("data/timeline.yaml", 9, 3, "timeline-order", "events out of order")
	l.Errorf("content/en/_index.md", 2, 1, "front-matter", "title is missing")
	l.Suggest("add a line: title: \"...\"")
	l.Errorf("data/timeline.yaml", 4, 9, "timeline-date", "bad date %q", "2025-13")
	l.Sort()
	return l
}

func TestTextIsCompilerStyleAndSorted(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Text, false); err != nil {
		t.Fatal(err)
	}
	want := `content/en/_index.md:2:1: error: title is missing [front-matter]
	fix: add a line: title: "..."
data/timeline.yaml:4:9: error: bad date "2025-13" [timeline-date]
data/timeline.yaml:9:3: warning: events out of order [timeline-order]
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestColourOnlyWhenAsked(t *testing.T) {
	var plain, coloured bytes.Buffer
	Write(&plain, sample(), Text, false)
	Write(&coloured, sample(), Text, true)
	if strings.Contains(plain.String(), "\x1b[") {
		t.Error("plain output has escape codes")
	}
	if !strings.Contains(coloured.String(), "\x1b[31;1merror:") {
		t.Errorf("coloured output lacks a red error label: %q", coloured.String())
	}
}

func TestJSONIsOneDocument(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), JSON, false); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Errors, Warnings int
		Diagnostics      []Diagnostic
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Errors != 2 || doc.Warnings != 1 || len(doc.Diagnostics) != 3 {
		t.Fatalf("counts: %+v", doc)
	}
	if d := doc.Diagnostics[0]; d.Suggestion == "" || d.Rule != "front-matter" || d.Line != 2 {
		t.Errorf("first diagnostic: %+v", d)
	}
}

func TestGitHubAnnotationsEscape(t *testing.T) {
	var l List
	l.Errorf("a,b.yaml", 3, 0, "r", "50%% done\nnext")
	var b bytes.Buffer
	Write(&b, l, GitHub, false)
	want := "::error file=a%2Cb.yaml,line=3,title=r::50% done%0Anext\n"
	want = strings.Replace(want, "50%", "50%25", 1)
	if b.String() != want {
		t.Errorf("got %q want %q", b.String(), want)
	}
}

func TestGitHubAnnotationWithoutFile(t *testing.T) {
	var l List
	l.Errorf("", 0, 0, "r", "the step failed")
	var b bytes.Buffer
	Write(&b, l, GitHub, false)
	if want := "::error title=r::the step failed\n"; b.String() != want {
		t.Errorf("got %q want %q", b.String(), want)
	}
}

func TestStrictPromotesWarnings(t *testing.T) {
	l := sample()
	if e, w := l.Strict().Count(); e != 3 || w != 0 {
		t.Errorf("strict counts %d errors %d warnings", e, w)
	}
	if _, w := l.Count(); w != 1 {
		t.Error("Strict changed the original list")
	}
}

func TestStrictForHoldsOnlyTheNamedLanguages(t *testing.T) {
	l := List{
		{File: "i18n/es.toml", Severity: Warning, Rule: "i18n-stale", Language: "es"},
		{File: "i18n/vi.toml", Severity: Warning, Rule: "i18n-stale", Language: "vi"},
		{File: "data/timeline.yaml", Severity: Warning, Rule: "timeline-future"},
		{File: "i18n/ko.toml", Severity: Error, Rule: "i18n-incomplete", Language: "ko"},
	}
	sev := func(l List) (s []Severity) {
		for _, d := range l {
			s = append(s, d.Severity)
		}
		return s
	}
	for _, c := range []struct {
		langs []string
		want  []Severity
	}{
		{nil, []Severity{Error, Error, Error, Error}},
		{[]string{"es"}, []Severity{Error, Warning, Error, Error}},
		{[]string{"vi", "es"}, []Severity{Error, Error, Error, Error}},
		{[]string{"ko"}, []Severity{Warning, Warning, Error, Error}},
	} {
		if got := sev(l.StrictFor(c.langs...)); !slices.Equal(got, c.want) {
			t.Errorf("StrictFor(%v) = %v, want %v", c.langs, got, c.want)
		}
	}
	if _, w := l.Count(); w != 3 {
		t.Error("StrictFor changed the original list")
	}
}
