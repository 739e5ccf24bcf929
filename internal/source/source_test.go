package source

import (
	"github.com/rogpeppe/go-internal/txtar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/testfs"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/diag/diagtest"
)

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
	diagtest.Expect(t, l)
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
	diagtest.Expect(t, l)
	if len(s.Languages) != 2 || s.Languages[0].Code != "es" || s.Languages[1].Code != "en" {
		t.Errorf("languages = %+v, want es then en", s.Languages)
	}
}

func TestLoadProblems(t *testing.T) {
	cases := []struct {
		name   string
		mutate []func(*testing.T, map[string]string)
		wants  []diagtest.Want
		// partial: other diagnostics may follow from the same mistake.
		partial bool
	}{
		{
			name:   "hugo.toml syntax error",
			mutate: mutations(replace("hugo.toml", `title = "Test statement"`, `title = "Test statement`)),
			wants: []diagtest.Want{
				// The source language is then unknown, so no page or
				// string is checked; the data files still are.
				{File: "hugo.toml", Rule: "toml-syntax", Line: 2, Col: 24, Msg: "strings cannot contain newlines"},
			},
		},
		{
			name:   "hugo.toml missing",
			mutate: mutations(remove("hugo.toml")),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config", Line: 0, Msg: "cannot read the site configuration"}},
		},
		{
			name:   "baseURL over http",
			mutate: mutations(replace("hugo.toml", `"https://statement.example.gov/"`, `"http://statement.example.gov/"`)),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config-baseurl", Line: 1, Col: 1, Msg: `baseURL "http://statement.example.gov/" must be an https:// address ending in /`}},
		},
		{
			name:   "baseURL without the final slash",
			mutate: mutations(replace("hugo.toml", `"https://statement.example.gov/"`, `"https://statement.example.gov"`)),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config-baseurl", Line: 1, Col: 1, Msg: "ending in /"}},
		},
		{
			name:   "direction up",
			mutate: mutations(replace("hugo.toml", "direction = \"ltr\"\n    weight = 2", "direction = \"up\"\n    weight = 2")),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config-language", Line: 15, Col: 1, Msg: `language "es": direction must be "ltr" or "rtl", found "up"`}},
		},
		{
			name:   "no label",
			mutate: mutations(replace("hugo.toml", "    label = \"Español\"\n", "")),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config-language", Line: 15, Col: 1, Msg: `language "es" has no label`}},
		},
		{
			name:   "no locale",
			mutate: mutations(replace("hugo.toml", "    locale = \"es-US\"\n", "")),
			wants:  []diagtest.Want{{File: "hugo.toml", Rule: "config-language", Line: 15, Col: 1, Msg: `language "es" has no locale (e.g. "es-US")`}},
		},
		{
			name:   "missing contentDir directory",
			mutate: mutations(remove("content/es/_index.md")),
			wants: []diagtest.Want{
				{File: "hugo.toml", Rule: "config-language", Line: 15, Col: 1, Msg: `language "es": content directory content/es does not exist`, Suggestion: "create content/es"},
			},
		},
		{
			name:   "no contentDir",
			mutate: mutations(replace("hugo.toml", "    contentDir = \"content/es\"\n", "")),
			wants: []diagtest.Want{
				{File: "hugo.toml", Rule: "config-language", Line: 15, Col: 1, Msg: `language "es" has no contentDir`, Suggestion: `add contentDir = "content/es"`},
			},
		},
		{
			name:   "source language not configured",
			mutate: mutations(replace("hugo.toml", `sourceLanguage = "en"`, `sourceLanguage = "fr"`)),
			wants: []diagtest.Want{
				{File: "hugo.toml", Rule: "config-source-language", Line: 6, Col: 1, Msg: `the source language "fr" is not among the languages`},
				// With the wrong source language, English is checked as
				// a translation.
				{File: "content/en/_index.md", Rule: "yaml-missing-field", Line: 2, Msg: `has no "englishRevision"`},
			},
			partial: true,
		},
		{
			name:   "no source language",
			mutate: mutations(replace("hugo.toml", `  sourceLanguage = "en"`, `  # none`)),
			wants: []diagtest.Want{
				{File: "hugo.toml", Rule: "config-source-language", Line: 5, Col: 1, Msg: "params.sourceLanguage is not set", Suggestion: `add sourceLanguage = "en" under [params]`},
			},
			partial: true,
		},
		{
			name:   "missing i18n/es.toml",
			mutate: mutations(remove("i18n/es.toml")),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-missing", Line: 0, Msg: `language "es" has no interface strings`, Suggestion: "statement i18n scaffold es"}},
		},
		{
			name:   "i18n/es.toml syntax error",
			mutate: mutations(replace("i18n/es.toml", `other = "Lea`, `other = Lea`)),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "toml-syntax", Line: 10, Col: 9, Msg: `expected value but found "Lea" instead`}},
		},
		{
			name:    "missing i18n/en.toml",
			mutate:  mutations(remove("i18n/en.toml")),
			wants:   []diagtest.Want{{File: "i18n/en.toml", Rule: "i18n-missing", Line: 0, Msg: `language "en" has no interface strings`}},
			partial: true,
		},
		{
			name:    "i18n/en.toml syntax error",
			mutate:  mutations(replace("i18n/en.toml", `read_english = "Read`, `read_english = Read`)),
			wants:   []diagtest.Want{{File: "i18n/en.toml", Rule: "toml-syntax", Line: 3, Col: 16, Msg: `expected value but found "Read" instead`}},
			partial: true,
		},
		{
			name:   "Spanish front matter without englishRevision",
			mutate: mutations(replace("content/es/_index.md", "englishRevision: \"2026-01-02\"\n", "")),
			wants: []diagtest.Want{{
				File: "content/es/_index.md", Rule: "yaml-missing-field", Line: 2, Msg: `the front matter has no "englishRevision"`,
				Suggestion: `add englishRevision: "2026-01-02", the date of the English revision you translated`,
			}},
		},
		{
			name:   "englishRevision that is not a revision",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: "2025-12-01"`)),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "translation-revision", Line: 4, Col: 18, Msg: "englishRevision 2025-12-01 is not a revision in data/revisions.yaml"}},
		},
		{
			name:   "englishRevision that is not a full date",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: "2026-01"`)),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "front-matter", Line: 4, Col: 18, Msg: `englishRevision must be the date of an English revision (YYYY-MM-DD), found "2026-01"`}},
		},
		{
			name:   "englishRevision in prose",
			mutate: mutations(replace("content/es/_index.md", `englishRevision: "2026-01-02"`, `englishRevision: January 2, 2026`)),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "front-matter", Line: 4, Col: 18, Msg: `found "January 2, 2026"`}},
		},
		{
			name:   "englishRevision on the English page",
			mutate: mutations(replace("content/en/_index.md", "description: \"What DHCS knows.\"\n", "description: \"What DHCS knows.\"\nenglishRevision: \"2026-01-02\"\n")),
			wants:  []diagtest.Want{{File: "content/en/_index.md", Rule: "front-matter", Line: 4, Col: 1, Msg: "englishRevision belongs on translations only"}},
			// Changing the English page also makes the translation stale
			// and calls for a revision; the corpus shows those in full.
			partial: true,
		},
		{
			name:   "empty title",
			mutate: mutations(replace("content/es/_index.md", `title: "Declaración"`, `title: "  "`)),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "front-matter", Line: 2, Col: 8, Msg: "title is empty"}},
		},
		{
			name:    "no description",
			mutate:  mutations(replace("content/en/_index.md", "description: \"What DHCS knows.\"\n", "")),
			wants:   []diagtest.Want{{File: "content/en/_index.md", Rule: "yaml-missing-field", Line: 2, Msg: `the front matter has no "description"`}},
			partial: true,
		},
		{
			name:   "misspelt front matter field",
			mutate: mutations(replace("content/en/_index.md", "description:", "descripion:")),
			wants: []diagtest.Want{
				{File: "content/en/_index.md", Rule: "yaml-unknown-field", Line: 3, Col: 1, Msg: `unknown field "descripion"`, Suggestion: `did you mean "description"?`},
			},
			partial: true,
		},
		{
			name:   "front matter syntax error is on the page's line",
			mutate: mutations(replace("content/es/_index.md", `description: "Lo que sabe el DHCS."`, `description: Lo que: sabe`)),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "yaml-syntax", Line: 3, Msg: "mapping values are not allowed"}},
		},
		{
			name:   "page without front matter",
			mutate: mutations(replace("content/es/_index.md", "---\ntitle", "title")),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "front-matter", Line: 1, Col: 1, Msg: "the page must start with front matter between two lines of ---"}},
		},
		{
			name:   "front matter not closed",
			mutate: mutations(replace("content/es/_index.md", "\n---\n\nLa", "\n\nLa")),
			wants:  []diagtest.Want{{File: "content/es/_index.md", Rule: "front-matter", Line: 1, Col: 1, Msg: "the front matter has no closing --- line"}},
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
			wants:   []diagtest.Want{{File: "content/en/_index.md", Rule: "yaml-empty", Line: 2, Msg: "empty"}},
			partial: true,
		},
		{
			name:   "a missing Spanish string names the English text",
			mutate: mutations(replace("i18n/es.toml", "[read_english]\nother = \"Lea la versión en inglés\"\nhash = \"971012a5337e5192\"\n", "")),
			wants: []diagtest.Want{{
				File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 0,
				Msg: `"read_english" is not translated (English, i18n/en.toml:3: "Read the English version")`,
			}},
		},
		{
			name:   "an empty Spanish string",
			mutate: mutations(replace("i18n/es.toml", `other = "Lea la versión en inglés"`, `other = ""`)),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 9, Col: 1, Msg: `"read_english" is empty (English, i18n/en.toml:3: "Read the English version")`}},
		},
		{
			name:   "a placeholder mismatch in courtesy_notice",
			mutate: mutations(replace("i18n/es.toml", "{{ .Date }}", "{{ .Fecha }}")),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-placeholder", Line: 5, Col: 1, Msg: `"courtesy_notice" must use the placeholders [{{.Date}}] as English does, found [{{.Fecha}}]`}},
		},
		{
			name:   "a dropped placeholder",
			mutate: mutations(replace("i18n/es.toml", " del {{ .Date }}", "")),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-placeholder", Line: 5, Col: 1, Msg: "found []"}},
		},
		{
			name:   "placeholder spacing does not matter",
			mutate: mutations(replace("i18n/es.toml", "{{ .Date }}", "{{.Date}}")),
		},
		{
			name:   "a Spanish string English does not have",
			mutate: mutations(replace("i18n/es.toml", "[date_label]", "old_label = \"x\"\n\n[date_label]")),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-unknown", Line: 1, Col: 1, Msg: `"old_label" is not an English string`}},
		},
		{
			name:   "a Spanish string that is not text",
			mutate: mutations(replace("i18n/es.toml", "[date_label]", "read_english = 3\n\n[date_label]"), replace("i18n/es.toml", "[read_english]\nother = \"Lea la versión en inglés\"\nhash = \"971012a5337e5192\"\n", "")),
			wants: []diagtest.Want{
				{File: "i18n/es.toml", Rule: "i18n-type", Line: 1, Col: 1, Msg: `"read_english" must be text in quotes, found 3`},
				{File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 1, Col: 1, Msg: `"read_english" is not marked as translated`},
			},
		},
		{
			name:   "a plain key instead of a go-i18n table",
			mutate: mutations(replace("i18n/es.toml", "[date_label]\nother = \"Fecha\"\nhash = \"99c40ab405926cb5\"\n", ""), replace("i18n/es.toml", "[courtesy_notice]", "date_label = \"Fecha\"\n\n[courtesy_notice]")),
			// Plain keys are go-i18n messages too; with no hash, it is not
			// yet marked as translated.
			wants: []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 2, Col: 1, Msg: `"date_label" is not marked as translated (it has no hash)`, Suggestion: "statement i18n done es date_label"}},
		},
		{
			name:   "a go-i18n table with an unknown key",
			mutate: mutations(replace("i18n/es.toml", "hash = \"971012a5337e5192\"", "hash = \"971012a5337e5192\"\notro = \"x\"")),
			// Reported on the line of the table header.
			wants: []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-type", Line: 9, Col: 1, Msg: `"read_english" has an unknown key "otro"`}},
		},
		{
			// A new event need not wait for every translator: the page
			// shows the English text until it is translated.
			name:   "a timeline event with no Spanish text",
			mutate: mutations(replace("i18n/es.toml", "[event.court-ruling]\nother = \"El tribunal aclaró.\"\nhash = \"8b09e31ba3b8e2fb\"\n", "")),
			wants: []diagtest.Want{{
				File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 0, Warning: true,
				Msg: `"event.court-ruling" is not translated; the page shows the English text until it is (data/timeline.yaml:5: "The court clarified.")`,
			}},
		},
		{
			name:   "a timeline event with empty Spanish text",
			mutate: mutations(replace("i18n/es.toml", `other = "El tribunal aclaró."`, `other = ""`)),
			wants:  []diagtest.Want{{File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 17, Col: 1, Warning: true, Msg: `"event.court-ruling" is empty; the page shows the English text until it is (data/timeline.yaml:5: "The court clarified.")`}},
		},
		{
			name:   "a translation of an event that is not in the timeline",
			mutate: mutations(replace("i18n/es.toml", "[event.court-ruling]", "[event.court-rulin]")),
			wants: []diagtest.Want{
				{File: "i18n/es.toml", Rule: "i18n-incomplete", Line: 0, Warning: true, Msg: `"event.court-ruling" is not translated`},
				{File: "i18n/es.toml", Rule: "i18n-unknown", Line: 17, Col: 1, Warning: true, Msg: `"event.court-rulin" is not in English any more`},
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
			wants: []diagtest.Want{{
				File: "data/timeline.yaml", Rule: "timeline-after-update", Line: 8, Col: 1,
				Msg:        `event "new-ruling" is dated 2026-02, after the page's last update (2026-01-02)`,
				Suggestion: "new major revision",
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
			wants:   []diagtest.Want{{File: "data/timeline.yaml", Rule: "timeline-after-update", Line: 8, Col: 1, Msg: "after the page's last update (2026-01-02)"}},
			partial: true,
		},
		{
			name:    "first_issued after the latest update",
			mutate:  mutations(replace("data/release.yaml", `first_issued: "2025-06-13"`, `first_issued: "2026-06-13"`)),
			wants:   []diagtest.Want{{File: "data/release.yaml", Rule: "release-date", Line: 0, Msg: "first_issued (2026-06-13) is after the latest update (2026-01-02)"}},
			partial: true,
		},
		{
			name:   "a timeline error is reported through Load",
			mutate: mutations(replace("data/timeline.yaml", `date: "2025-06"`, `date: "2025-13"`)),
			wants:  []diagtest.Want{{File: "data/timeline.yaml", Rule: "timeline-date", Line: 3, Col: 9, Msg: "has no month 13"}},
		},
		{
			name:   "a missing timeline file",
			mutate: mutations(remove("data/timeline.yaml")),
			wants:  []diagtest.Want{{File: "data/timeline.yaml", Rule: "data-missing", Line: 0, Msg: "data/timeline.yaml is missing"}},
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
			diagtest.ExpectSome(t, l, !c.partial, c.wants...)
			if len(c.wants) > 0 && !l.HasErrors() && !c.wants[0].Warning {
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
