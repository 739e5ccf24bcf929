package source

import (
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/testfs"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/diag/diagtest"
)

// want describes one diagnostic a case expects. Col 0 means "any column".
type want struct {
	file       string
	rule       string
	line, col  int
	msg        string // a key part of the message
	suggestion string // a key part of the fix, if any
	warning    bool
}

// expect checks that l holds exactly the wanted diagnostics.
func expect(t *testing.T, l diag.List, wants ...want) {
	t.Helper()
	expectSome(t, l, true, wants...)
}

// expectSome checks that l holds the wanted diagnostics and, when exact,
// nothing else.
func expectSome(t *testing.T, l diag.List, exact bool, wants ...want) {
	t.Helper()
	out := make([]diagtest.Want, len(wants))
	for i, w := range wants {
		out[i] = diagtest.Want{File: w.file, Rule: w.rule, Line: w.line, Col: w.col, Msg: w.msg, Suggestion: w.suggestion, Warning: w.warning}
	}
	diagtest.ExpectSome(t, l, exact, out...)
}

// validSite is the smallest valid site, in the shape of the real one:
// testdata/base.txtar, which the bad-input corpus starts from too. Line
// numbers matter to the cases below: in hugo.toml [languages.en] is on
// line 9 and [languages.es] on line 15; englishRevision is on line 4 of
// content/es/_index.md, its value in column 18.
func validSite() map[string]string {
	ar, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		panic(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// replace returns a mutation that replaces old with new in one file.
func replace(name, old, new string) func(*testing.T, map[string]string) {
	return func(t *testing.T, files map[string]string) {
		t.Helper()
		if !strings.Contains(files[name], old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		files[name] = strings.Replace(files[name], old, new, 1)
	}
}

func remove(names ...string) func(*testing.T, map[string]string) {
	return func(t *testing.T, files map[string]string) {
		for _, n := range names {
			if _, ok := files[n]; !ok {
				t.Fatalf("no file %s", n)
			}
			delete(files, n)
		}
	}
}

func TestLoadValidSite(t *testing.T) {
	root := testfs.Tree(t, validSite())
	s, l := Load(root, Options{})
	expect(t, l)
	if s.BaseURL != "https://statement.example.gov/" || s.SourceLanguage != "en" {
		t.Errorf("site = %+v", s)
	}
	if len(s.Languages) != 2 {
		t.Fatalf("languages = %+v", s.Languages)
	}
	en, es := s.Languages[0], s.Languages[1]
	if en.Code != "en" || en.Label != "English" || en.Locale != "en-US" || en.Direction != "ltr" || en.ContentDir != "content/en" || en.EnglishRevision != "" {
		t.Errorf("English = %+v", en)
	}
	if es.Code != "es" || es.Label != "Español" || es.EnglishRevision != "2026-01-02" {
		t.Errorf("Spanish = %+v", es)
	}
	if len(s.Timeline) != 2 || s.Release.Number != "25-20" || s.History.VersionID() != "2026-01-02.2" {
		t.Errorf("data: timeline %d events, release %q, version %q", len(s.Timeline), s.Release.Number, s.History.VersionID())
	}
}

// The repository's own site passes too.
func TestLoadRepositorySite(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, ConfigFile)); err != nil {
		t.Fatal("no site at the repository root")
	}
	_, l := Load(root, Options{})
	if l.HasErrors() {
		t.Errorf("the repository's site has errors:\n%s", diagtest.Dump(l))
	}
}

// Languages are ordered by weight, then code, whatever the order in the
// file.
func TestLanguagesByWeight(t *testing.T) {
	files := validSite()
	replace("hugo.toml", "weight = 1", "weight = 3")(t, files)
	s, l := Load(testfs.Tree(t, files), Options{})
	expect(t, l)
	if len(s.Languages) != 2 || s.Languages[0].Code != "es" || s.Languages[1].Code != "en" {
		t.Errorf("languages = %+v, want es then en", s.Languages)
	}
}

func TestLoadProblems(t *testing.T) {
	cases := []struct {
		name   string
		mutate []func(*testing.T, map[string]string)
		wants  []want
		// partial: other diagnostics may follow from the same mistake.
		partial bool
	}{
		{
			name:   "hugo.toml syntax error",
			mutate: mutations(replace("hugo.toml", `title = "Test statement"`, `title = "Test statement`)),
			wants: []want{
				// The source language is then unknown, so no page or
				// string is checked; the data files still are.
				{file: "hugo.toml", rule: "toml-syntax", line: 2, col: 24, msg: "strings cannot contain newlines"},
			},
		},
		{
			name:   "hugo.toml missing",
			mutate: mutations(remove("hugo.toml")),
			wants:  []want{{file: "hugo.toml", rule: "config", line: 0, msg: "cannot read the site configuration"}},
		},
		{
			name:   "baseURL over http",
			mutate: mutations(replace("hugo.toml", `"https://statement.example.gov/"`, `"http://statement.example.gov/"`)),
			wants:  []want{{file: "hugo.toml", rule: "config-baseurl", line: 1, col: 1, msg: `baseURL "http://statement.example.gov/" must be an https:// address ending in /`}},
		},
		{
			name:   "baseURL without the final slash",
			mutate: mutations(replace("hugo.toml", `"https://statement.example.gov/"`, `"https://statement.example.gov"`)),
			wants:  []want{{file: "hugo.toml", rule: "config-baseurl", line: 1, col: 1, msg: "ending in /"}},
		},
		{
			name:   "direction up",
			mutate: mutations(replace("hugo.toml", "direction = \"ltr\"\n    weight = 2", "direction = \"up\"\n    weight = 2")),
			wants:  []want{{file: "hugo.toml", rule: "config-language", line: 15, col: 1, msg: `language "es": direction must be "ltr" or "rtl", found "up"`}},
		},
		{
			name:   "no label",
			mutate: mutations(replace("hugo.toml", "    label = \"Español\"\n", "")),
			wants:  []want{{file: "hugo.toml", rule: "config-language", line: 15, col: 1, msg: `language "es" has no label`}},
		},
		{
			name:   "no locale",
			mutate: mutations(replace("hugo.toml", "    locale = \"es-US\"\n", "")),
			wants:  []want{{file: "hugo.toml", rule: "config-language", line: 15, col: 1, msg: `language "es" has no locale (e.g. "es-US")`}},
		},
		{
			name:   "missing contentDir directory",
			mutate: mutations(remove("content/es/_index.md")),
			wants: []want{
				{file: "hugo.toml", rule: "config-language", line: 15, col: 1, msg: `language "es": content directory content/es does not exist`, suggestion: "create content/es"},
			},
		},
		{
			name:   "no contentDir",
			mutate: mutations(replace("hugo.toml", "    contentDir = \"content/es\"\n", "")),
			wants: []want{
				{file: "hugo.toml", rule: "config-language", line: 15, col: 1, msg: `language "es" has no contentDir`, suggestion: `add contentDir = "content/es"`},
			},
		},
		{
			name:   "source language not configured",
			mutate: mutations(replace("hugo.toml", `sourceLanguage = "en"`, `sourceLanguage = "fr"`)),
			wants: []want{
				{file: "hugo.toml", rule: "config-source-language", line: 6, col: 1, msg: `the source language "fr" is not among the languages`},
				// With the wrong source language, English is checked as
				// a translation.
				{file: "content/en/_index.md", rule: "yaml-missing-field", line: 2, msg: `has no "englishRevision"`},
			},
			partial: true,
		},
		{
			name:   "no source language",
			mutate: mutations(replace("hugo.toml", `  sourceLanguage = "en"`, `  # none`)),
			wants: []want{
				{file: "hugo.toml", rule: "config-source-language", line: 5, col: 1, msg: "params.sourceLanguage is not set", suggestion: `add sourceLanguage = "en" under [params]`},
			},
			partial: true,
		},
		{
			name:   "missing i18n/es.toml",
			mutate: mutations(remove("i18n/es.toml")),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-missing", line: 0, msg: `language "es" has no interface strings`, suggestion: "statement i18n scaffold es"}},
		},
		{
			name:   "i18n/es.toml syntax error",
			mutate: mutations(replace("i18n/es.toml", `other = "Lea`, `other = Lea`)),
			wants:  []want{{file: "i18n/es.toml", rule: "toml-syntax", line: 10, col: 9, msg: `expected value but found "Lea" instead`}},
		},
		{
			name:    "missing i18n/en.toml",
			mutate:  mutations(remove("i18n/en.toml")),
			wants:   []want{{file: "i18n/en.toml", rule: "i18n-missing", line: 0, msg: `language "en" has no interface strings`}},
			partial: true,
		},
		{
			name:    "i18n/en.toml syntax error",
			mutate:  mutations(replace("i18n/en.toml", `read_english = "Read`, `read_english = Read`)),
			wants:   []want{{file: "i18n/en.toml", rule: "toml-syntax", line: 3, col: 16, msg: `expected value but found "Read" instead`}},
			partial: true,
		},
		{
			name:   "Spanish front matter without englishRevision",
			mutate: mutations(replace("content/es/_index.md", "englishRevision: \"2026-01-02\"\n", "")),
			wants: []want{{
				file: "content/es/_index.md", rule: "yaml-missing-field", line: 2, msg: `the front matter has no "englishRevision"`,
				suggestion: `add englishRevision: "2026-01-02", the date of the English revision you translated`,
			}},
		},
		{
			name:   "englishRevision that is not a revision",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: "2025-12-01"`)),
			wants:  []want{{file: "content/es/_index.md", rule: "translation-revision", line: 4, col: 18, msg: "englishRevision 2025-12-01 is not a revision in data/revisions.yaml"}},
		},
		{
			name:   "englishRevision that is not a full date",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: "2026-01"`)),
			wants:  []want{{file: "content/es/_index.md", rule: "front-matter", line: 4, col: 18, msg: `englishRevision must be the date of an English revision (YYYY-MM-DD), found "2026-01"`}},
		},
		{
			name:   "englishRevision in prose",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: January 2, 2026`)),
			wants:  []want{{file: "content/es/_index.md", rule: "front-matter", line: 4, col: 18, msg: `found "January 2, 2026"`}},
		},
		{
			name:   "englishRevision on the English page",
			mutate: mutations(replace("content/en/_index.md", "description: \"What DHCS knows.\"\n", "description: \"What DHCS knows.\"\nenglishRevision: \"2026-01-02\"\n")),
			wants:  []want{{file: "content/en/_index.md", rule: "front-matter", line: 4, col: 1, msg: "englishRevision belongs on translations only"}},
			// Changing the English page also makes the translation stale
			// and calls for a revision; the corpus shows those in full.
			partial: true,
		},
		{
			name:   "empty title",
			mutate: mutations(replace("content/es/_index.md", `title: "Declaración"`, `title: "  "`)),
			wants:  []want{{file: "content/es/_index.md", rule: "front-matter", line: 2, col: 8, msg: "title is empty"}},
		},
		{
			name:    "no description",
			mutate:  mutations(replace("content/en/_index.md", "description: \"What DHCS knows.\"\n", "")),
			wants:   []want{{file: "content/en/_index.md", rule: "yaml-missing-field", line: 2, msg: `the front matter has no "description"`}},
			partial: true,
		},
		{
			name:   "misspelt front matter field",
			mutate: mutations(replace("content/en/_index.md", "description:", "descripion:")),
			wants: []want{
				{file: "content/en/_index.md", rule: "yaml-unknown-field", line: 3, col: 1, msg: `unknown field "descripion"`, suggestion: `did you mean "description"?`},
			},
			partial: true,
		},
		{
			name:   "front matter syntax error is on the page's line",
			mutate: mutations(replace("content/es/_index.md", `description: "Lo que sabe el DHCS."`, `description: Lo que: sabe`)),
			wants:  []want{{file: "content/es/_index.md", rule: "yaml-syntax", line: 3, msg: "mapping value is not allowed"}},
		},
		{
			name:   "page without front matter",
			mutate: mutations(replace("content/es/_index.md", "---\ntitle", "title")),
			wants:  []want{{file: "content/es/_index.md", rule: "front-matter", line: 1, col: 1, msg: "the page must start with front matter between two lines of ---"}},
		},
		{
			name:   "front matter not closed",
			mutate: mutations(replace("content/es/_index.md", "\n---\n\nLa", "\n\nLa")),
			wants:  []want{{file: "content/es/_index.md", rule: "front-matter", line: 1, col: 1, msg: "the front matter has no closing --- line"}},
		},
		{
			name: "front matter with Windows line ends",
			mutate: mutations(func(t *testing.T, f map[string]string) {
				f["content/en/_index.md"] = strings.ReplaceAll(f["content/en/_index.md"], "\n", "\r\n")
			}),
		},
		{
			name:    "empty front matter",
			mutate:  mutations(func(t *testing.T, f map[string]string) { f["content/en/_index.md"] = "---\n---\n\nThe statement.\n" }),
			wants:   []want{{file: "content/en/_index.md", rule: "yaml-empty", line: 2, msg: "empty"}},
			partial: true,
		},
		{
			name:   "a missing Spanish string names the English text",
			mutate: mutations(replace("i18n/es.toml", "[read_english]\nother = \"Lea la versión en inglés\"\nhash = \"971012a5337e5192\"\n", "")),
			wants: []want{{
				file: "i18n/es.toml", rule: "i18n-incomplete", line: 0,
				msg: `"read_english" is not translated (English, i18n/en.toml:3: "Read the English version")`,
			}},
		},
		{
			name:   "an empty Spanish string",
			mutate: mutations(replace("i18n/es.toml", `other = "Lea la versión en inglés"`, `other = ""`)),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-incomplete", line: 9, col: 1, msg: `"read_english" is empty (English, i18n/en.toml:3: "Read the English version")`}},
		},
		{
			name:   "a placeholder mismatch in courtesy_notice",
			mutate: mutations(replace("i18n/es.toml", "{{ .Date }}", "{{ .Fecha }}")),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-placeholder", line: 5, col: 1, msg: `"courtesy_notice" must use the placeholders [{{.Date}}] as English does, found [{{.Fecha}}]`}},
		},
		{
			name:   "a dropped placeholder",
			mutate: mutations(replace("i18n/es.toml", " del {{ .Date }}", "")),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-placeholder", line: 5, col: 1, msg: "found []"}},
		},
		{
			name:   "placeholder spacing does not matter",
			mutate: mutations(replace("i18n/es.toml", "{{ .Date }}", "{{.Date}}")),
		},
		{
			name:   "a Spanish string English does not have",
			mutate: mutations(replace("i18n/es.toml", "[date_label]", "old_label = \"x\"\n\n[date_label]")),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-unknown", line: 1, col: 1, msg: `"old_label" is not an English string`}},
		},
		{
			name:   "a Spanish string that is not text",
			mutate: mutations(replace("i18n/es.toml", "[date_label]", "read_english = 3\n\n[date_label]"), replace("i18n/es.toml", "[read_english]\nother = \"Lea la versión en inglés\"\nhash = \"971012a5337e5192\"\n", "")),
			wants: []want{
				{file: "i18n/es.toml", rule: "i18n-type", line: 1, col: 1, msg: `"read_english" must be text in quotes, found 3`},
				{file: "i18n/es.toml", rule: "i18n-incomplete", line: 1, col: 1, msg: `"read_english" is not marked as translated`},
			},
		},
		{
			name:   "a plain key instead of a go-i18n table",
			mutate: mutations(replace("i18n/es.toml", "[date_label]\nother = \"Fecha\"\nhash = \"99c40ab405926cb5\"\n", ""), replace("i18n/es.toml", "[courtesy_notice]", "date_label = \"Fecha\"\n\n[courtesy_notice]")),
			// Plain keys are go-i18n messages too; with no hash, it is not
			// yet marked as translated.
			wants: []want{{file: "i18n/es.toml", rule: "i18n-incomplete", line: 2, col: 1, msg: `"date_label" is not marked as translated (it has no hash)`, suggestion: "statement i18n done es date_label"}},
		},
		{
			name:   "a go-i18n table with an unknown key",
			mutate: mutations(replace("i18n/es.toml", "hash = \"971012a5337e5192\"", "hash = \"971012a5337e5192\"\notro = \"x\"")),
			// Reported on the line of the table header.
			wants: []want{{file: "i18n/es.toml", rule: "i18n-type", line: 9, col: 1, msg: `"read_english" has an unknown key "otro"`}},
		},
		{
			// A new event need not wait for every translator: the page
			// shows the English text until it is translated.
			name:   "a timeline event with no Spanish text",
			mutate: mutations(replace("i18n/es.toml", "[event.court-ruling]\nother = \"El tribunal aclaró.\"\nhash = \"8b09e31ba3b8e2fb\"\n", "")),
			wants: []want{{
				file: "i18n/es.toml", rule: "i18n-incomplete", line: 0, warning: true,
				msg: `"event.court-ruling" is not translated; the page shows the English text until it is (data/timeline.yaml:5: "The court clarified.")`,
			}},
		},
		{
			name:   "a timeline event with empty Spanish text",
			mutate: mutations(replace("i18n/es.toml", `other = "El tribunal aclaró."`, `other = ""`)),
			wants:  []want{{file: "i18n/es.toml", rule: "i18n-incomplete", line: 17, col: 1, warning: true, msg: `"event.court-ruling" is empty; the page shows the English text until it is (data/timeline.yaml:5: "The court clarified.")`}},
		},
		{
			name:   "a translation of an event that is not in the timeline",
			mutate: mutations(replace("i18n/es.toml", "[event.court-ruling]", "[event.court-rulin]")),
			wants: []want{
				{file: "i18n/es.toml", rule: "i18n-incomplete", line: 0, warning: true, msg: `"event.court-ruling" is not translated`},
				{file: "i18n/es.toml", rule: "i18n-unknown", line: 17, col: 1, warning: true, msg: `"event.court-rulin" is not in English any more`},
			},
		},
		{
			name: "a timeline event dated after the latest major revision",
			mutate: mutations(
				func(t *testing.T, f map[string]string) {
					f["data/timeline.yaml"] += "- id: new-ruling\n  date: \"2026-02\"\n  text: A new ruling.\n"
				},
				replace("i18n/es.toml", "[event.court-ruling]", "[event.new-ruling]\nother = \"Un fallo nuevo.\"\n\n[event.court-ruling]"),
			),
			wants: []want{{
				file: "data/timeline.yaml", rule: "timeline-after-update", line: 8, col: 1,
				msg:        `event "new-ruling" is dated 2026-02, after the page's last update (2026-01-02)`,
				suggestion: "statement revise --major",
			}},
			// The new event also calls for a revision and a translation.
			partial: true,
		},
		{
			name: "a minor revision does not move the update date",
			mutate: mutations(
				func(t *testing.T, f map[string]string) {
					f["data/revisions.yaml"] += "- date: \"2026-03-01\"\n  type: minor\n  note: Typo.\n"
					f["data/timeline.yaml"] += "- id: new-ruling\n  date: \"2026-02-15\"\n  text: A new ruling.\n"
				},
				replace("i18n/es.toml", "[event.court-ruling]", "[event.new-ruling]\nother = \"Un fallo nuevo.\"\n\n[event.court-ruling]"),
			),
			wants:   []want{{file: "data/timeline.yaml", rule: "timeline-after-update", line: 8, col: 1, msg: "after the page's last update (2026-01-02)"}},
			partial: true,
		},
		{
			name:    "first_issued after the latest update",
			mutate:  mutations(replace("data/release.yaml", `first_issued: "2025-06-13"`, `first_issued: "2026-06-13"`)),
			wants:   []want{{file: "data/release.yaml", rule: "release-date", line: 0, msg: "first_issued (2026-06-13) is after the latest update (2026-01-02)"}},
			partial: true,
		},
		{
			name:   "a timeline error is reported through Load",
			mutate: mutations(replace("data/timeline.yaml", `date: "2025-06"`, `date: "2025-13"`)),
			wants:  []want{{file: "data/timeline.yaml", rule: "timeline-date", line: 3, col: 9, msg: "has no month 13"}},
		},
		{
			name:   "a missing timeline file",
			mutate: mutations(remove("data/timeline.yaml")),
			wants:  []want{{file: "data/timeline.yaml", rule: "data-missing", line: 0, msg: "data/timeline.yaml is missing"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := validSite()
			for _, m := range c.mutate {
				m(t, files)
			}
			var l diag.List
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Load panicked: %v", r)
					}
				}()
				_, l = Load(testfs.Tree(t, files), Options{})
			}()
			expectSome(t, l, !c.partial, c.wants...)
			if len(c.wants) > 0 && !l.HasErrors() && !c.wants[0].warning {
				t.Errorf("no errors")
			}
		})
	}
}

func mutations(m ...func(*testing.T, map[string]string)) []func(*testing.T, map[string]string) {
	return m
}

// Load reports problems sorted by file and line, so that output is
// stable.
func TestLoadSortsDiagnostics(t *testing.T) {
	files := validSite()
	replace("i18n/es.toml", "{{ .Date }}", "{{ .Fecha }}")(t, files)
	replace("hugo.toml", "direction = \"ltr\"\n    weight = 2", "direction = \"up\"\n    weight = 2")(t, files)
	replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: "2025-12-01"`)(t, files)
	_, l := Load(testfs.Tree(t, files), Options{})
	var got []string
	for _, d := range l {
		got = append(got, d.File)
	}
	want := []string{"content/es/_index.md", "hugo.toml", "i18n/es.toml"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files in order %v, want %v", got, want)
	}
}

func TestReadFrontMatter(t *testing.T) {
	cases := []struct {
		name, text string
		fm         string
		line       int
		err        string
	}{
		{"normal", "---\ntitle: x\n---\nbody\n", "title: x\n", 2, ""},
		{"windows", "---\r\ntitle: x\r\n---\r\nbody\r\n", "title: x\n", 2, ""},
		{"no front matter", "title: x\n", "", 1, "must start with front matter"},
		{"not closed", "---\ntitle: x\n", "", 1, "no closing --- line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "_index.md")
			os.WriteFile(p, []byte(c.text), 0o644)
			fm, _, line, err := readFrontMatter(p)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("error = %v, want %q", err, c.err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if string(fm) != c.fm || line != c.line {
				t.Errorf("front matter %q on line %d, want %q on line %d", fm, line, c.fm, c.line)
			}
		})
	}
}

// A translation's problems say which language they are about, so that
// `--strict --lang` can hold one language; English's and the data's are
// shared, and so are held for every language.
func TestDiagnosticsNameTheirLanguage(t *testing.T) {
	files := validSite()
	replace("i18n/es.toml", `hash = "99c40ab405926cb5"`, `hash = "0000000000000000"`)(t, files)
	files["i18n/vi.toml"] = "[date_label]\nother = \"Ngày\"\n"
	root := testfs.Tree(t, files)
	_, l := Load(root, Options{Today: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)})
	expect(t, l,
		want{file: "i18n/es.toml", rule: "i18n-stale", line: 1, warning: true},
		want{file: "i18n/vi.toml", rule: "i18n-unpublished", warning: true},
		want{file: "data/timeline.yaml", rule: "timeline-future", line: 5, msg: "court", warning: true},
	)
	for _, d := range l {
		want := map[string]string{"i18n/es.toml": "es", "i18n/vi.toml": "vi"}[d.File]
		if d.Language != want {
			t.Errorf("%s: language %q, want %q", d, d.Language, want)
		}
	}
	codes, err := LanguageCodes(root)
	if err != nil || strings.Join(codes, " ") != "en es" {
		t.Errorf("LanguageCodes = %v, %v", codes, err)
	}
}
