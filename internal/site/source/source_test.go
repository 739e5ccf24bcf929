package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// validSite is the smallest valid site, in the shape of the real one:
// testdata/base.txtar, which the bad-input corpus (corpus_test.go, where
// the rules are tested) starts from too.
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
	diagtest.Expect(t, l,
		diagtest.Want{File: "i18n/es.toml", Rule: "i18n-stale", Line: 1, Warning: true},
		diagtest.Want{File: "i18n/vi.toml", Rule: "i18n-unpublished", Warning: true},
		diagtest.Want{File: "data/timeline.yaml", Rule: "timeline-future", Line: 5, Msg: "court", Warning: true},
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
