package source

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/render"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// The validator must read what Hugo reads, the same way: these tests give
// the same text to both, as a data file, as a page's front matter and as
// an i18n file, and fail when one accepts what the other refuses. Two
// kinds of refusal are allowed to differ, one way only:
//
//   - the validator may refuse by policy what Hugo would load (anchors
//     and aliases, a second document, an empty file, invalid UTF-8, a
//     file over the size limit, and the models' rules: unknown fields,
//     wrong types), since those are choices, not parsing;
//   - but when Hugo refuses, the validator must refuse too, and when the
//     validator says the text does not parse, Hugo must say so as well.
//
// Longer runs: go test ./internal/site/source -run '^$' -fuzz FuzzValidatorAgreesWithHugo -fuzztime 10m

// policyRules are refusals that are the validator's choice, not parsing.
var policyRules = []string{"i18n-type", "data-shape", "yaml-alias", "yaml-multiple-documents", "yaml-empty", "yaml-encoding", "yaml-too-large", "yaml-type", "yaml-unknown-field", "yaml-missing-field"}

// kinds of file the same text is tried as.
type kind struct {
	name     string
	path     string // in the scratch site
	wrap     func(text []byte) []byte
	validate func(file []byte) diag.List
	// batch is where the nth input goes when many share one scratch
	// site: a file of the same kind that Hugo reads the same way, named
	// by name.
	batch func(name string) string
}

var kinds = []kind{
	{
		name: "data", path: "data/x.yaml",
		batch: func(name string) string { return "data/" + name + ".yaml" },
		wrap:  func(t []byte) []byte { return t },
		validate: func(file []byte) diag.List { // as loadData reads data/
			n, l := yamlsrc.Parse(file, "data/x.yaml")
			if n != nil {
				checkDataShape(n, "data/x.yaml", &l)
			}
			return l
		},
	},
	{
		name: "front matter", path: "content/_index.md",
		// A section's _index.md: a branch page, as the home page is.
		batch: func(name string) string { return "content/" + name + "/_index.md" },
		wrap:  func(t []byte) []byte { return slices.Concat([]byte("---\n"), t, []byte("\n---\nBody.\n")) },
		validate: func(file []byte) diag.List {
			fm, _, line, err := splitFrontMatter(file)
			if err != nil {
				var l diag.List
				l.Errorf("content/_index.md", line, 1, "front-matter", "%v", err)
				return l
			}
			n, l := yamlsrc.ParseAt(fm, "content/_index.md", line)
			if n != nil { // what checkFrontMatter asks first
				yamlsrc.Fields(n, "content/_index.md", "the front matter", frontMatterFields, &l)
			}
			return l
		},
	},
	{
		name: "i18n", path: "i18n/en.toml",
		// English with a private-use subtag: English's plural rules.
		batch: func(name string) string { return "i18n/en-x-" + name + ".toml" },
		wrap:  func(t []byte) []byte { return t },
		validate: func(file []byte) diag.List {
			var l diag.List
			translation.ParseStrings(file, "i18n/en.toml", &l)
			return l
		},
	},
}

// scratchSite is the site every input is loaded in: a home page and a
// template that reads the data and the strings.
func scratchSite(disable string) map[string]string {
	return map[string]string{
		"hugo.toml":         "baseURL = \"https://example.org/\"\ndisableKinds = [" + disable + "]\n",
		"layouts/home.html": "{{ len site.Data }} {{ .Title }} {{ T \"x\" }}",
		"content/_index.md": "---\ntitle: t\n---\n",
	}
}

// hugoBuild builds files as a scratch site with the embedded Hugo and
// returns its errors.
func hugoBuild(t testing.TB, files map[string]string) []string {
	dir := t.TempDir()
	writeSite(t, dir, files)
	return hugoBuildDir(dir)
}

// writeSite writes files (path → text) under dir.
func writeSite(t testing.TB, dir string, files map[string]string) {
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hugoBuildDir builds the scratch site in dir with the embedded Hugo and
// returns its errors.
func hugoBuildDir(dir string) []string {
	l := render.Build(render.Options{Source: dir, Destination: filepath.Join(dir, "public"), Scratch: dir, Environment: "production"})
	var msgs []string
	for _, d := range l {
		if d.Severity == diag.Error {
			msgs = append(msgs, d.File+": "+d.Message)
		}
	}
	return msgs
}

// hugoLoads builds a scratch site holding file at path and reports
// whether Hugo loaded it.
func hugoLoads(t testing.TB, path string, file []byte) (bool, string) {
	files := scratchSite(`"taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404", "section"`)
	files[path] = string(file)
	msgs := hugoBuild(t, files)
	return len(msgs) == 0, strings.Join(msgs, "; ")
}

// hugoLoadsAll is hugoLoads for many files of kind k at once: one scratch
// site holds them all. Hugo stops at the first file it refuses, and says
// which: that one is left out and the rest built again, until Hugo loads
// what remains. It returns Hugo's refusal of each file it refuses.
func hugoLoadsAll(t testing.TB, k kind, files [][]byte) map[int]string {
	refused := map[int]string{}
	pending := map[int]string{} // input → its file's unique name
	for i, f := range files {
		if f != nil { // left out by the caller
			pending[i] = fmt.Sprintf("in%05d", i)
		}
	}
	// The site is written once; a refused file is taken out of it.
	dir := t.TempDir()
	site := scratchSite(`"taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"`)
	for i, name := range pending {
		site[k.batch(name)] = string(files[i])
	}
	writeSite(t, dir, site)
	for len(pending) > 0 {
		msgs := hugoBuildDir(dir)
		if len(msgs) == 0 {
			return refused
		}
		named := 0
		for i, name := range pending {
			var about []string
			for _, m := range msgs {
				if strings.Contains(m, name) {
					about = append(about, m)
				}
			}
			if len(about) > 0 {
				refused[i] = strings.Join(about, "; ")
				delete(pending, i)
				if err := os.Remove(filepath.Join(dir, k.batch(name))); err != nil {
					t.Fatal(err)
				}
				named++
			}
		}
		if named == 0 {
			// Hugo refused without naming an input: try each alone.
			for i := range pending {
				if loads, why := hugoLoads(t, k.path, files[i]); !loads {
					refused[i] = why
				}
			}
			return refused
		}
	}
	return refused
}

// agree fails t when the validator and Hugo disagree about text as k.
func agree(t testing.TB, k kind, text []byte) {
	file := k.wrap(text)
	loads, why := hugoLoads(t, k.path, file)
	compare(t, k, text, loads, why)
}

// compare fails t when the validator's verdict on text as k disagrees
// with Hugo's (loads, and why not).
func compare(t testing.TB, k kind, text []byte, loads bool, why string) {
	l := k.validate(k.wrap(text))
	var parseRefusal, policyRefusal []string
	for _, d := range l {
		if d.Severity != diag.Error {
			continue
		}
		if slices.Contains(policyRules, d.Rule) {
			policyRefusal = append(policyRefusal, d.String())
		} else {
			parseRefusal = append(parseRefusal, d.String())
		}
	}
	switch {
	case !loads && len(parseRefusal)+len(policyRefusal) == 0:
		t.Errorf("%s %q: validate accepts, Hugo refuses: %s", k.name, text, why)
	case loads && len(parseRefusal) > 0:
		t.Errorf("%s %q: Hugo loads it, validate says it does not parse:\n%s", k.name, text, strings.Join(parseRefusal, "\n"))
	}
}

// Inputs every run tries: the files of the bad-input corpus, and texts
// made to find where parsers differ.
func agreementInputs(t testing.TB) map[string][][]byte {
	in := map[string][][]byte{}
	add := func(k string, b []byte) { in[k] = append(in[k], b) }
	cases, _ := filepath.Glob("testdata/bad/*.txtar")
	for _, c := range cases {
		a, err := txtar.ParseFile(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			switch {
			case strings.HasSuffix(f.Name, ".yaml"):
				add("data", f.Data)
				add("front matter", f.Data)
			case strings.HasPrefix(f.Name, "i18n/"):
				add("i18n", f.Data)
			case strings.HasSuffix(f.Name, ".md"):
				if fm, _, _, err := splitFrontMatter(f.Data); err == nil {
					add("front matter", fm)
				}
			}
		}
	}
	// The frozen site's files (testdata/site), not the live site's:
	// these inputs are the test's own.
	for _, f := range []string{"../../../testdata/site/data/timeline.yaml", "../../../testdata/site/data/release.yaml", "../../../testdata/site/data/revisions.yaml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		add("data", data)
		add("data", slices.Concat([]byte{0xEF, 0xBB, 0xBF}, data))
		add("data", bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
	}
	es, err := os.ReadFile("../../../testdata/site/i18n/es.toml")
	if err != nil {
		t.Fatal(err)
	}
	add("i18n", es)
	add("i18n", slices.Concat([]byte{0xEF, 0xBB, 0xBF}, es))
	add("i18n", bytes.ReplaceAll(es, []byte("\n"), []byte("\r\n")))
	add("i18n", []byte("x = \"say \"hi\"\"\n"))
	add("i18n", []byte("[x]\nother = \"a\"\n[x]\nhash = \"b\"\n"))
	add("i18n", []byte("x = 'a'\ny = \"\"\"\nb\"\"\"\n"))
	// Deep: a list inside a list inside ... (parsers limit depth).
	add("data", []byte(strings.Repeat("[", 2000)+strings.Repeat("]", 2000)+"\n"))
	add("data", []byte(strings.Repeat("- ", 200)+"x\n"))
	// Many collections at one level: Hugo v0.165 counts more than 10,000
	// mappings in one list as aliases and refuses the file.
	add("data", manyEvents(10_001))
	add("data", manyEvents(9_000))
	for _, s := range []string{
		"a: yes\nb: on\nc: 0o17\nd: 1_000\n",
		"a: 2025-06-13\nb: 2025-06-13T10:00:00Z\n",
		"a: !!str 2025\nb: !!int \"7\"\n",
		"a: |\n  one\n  two\nb: >\n  folded\n",
		"? complex\n: key\n",
		"a: 'it''s'\nb: \"\\u00e9\"\n",
		"a: \"unterminated\n",
		"a: {b: 1, c: [2, 3]}\n",
		"<<: {a: 1}\n",
		"a: b\n\tc: d\n",
		"- a\n---\n- b\n",
	} {
		add("data", []byte(s))
		add("front matter", []byte(s))
	}
	return in
}

func manyEvents(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "- id: e%d\n  date: \"2025\"\n  text: Event %d.\n", i, i)
	}
	return b.Bytes()
}

// bigInput is the size above which an agreement input is built alone.
const bigInput = 16 << 10

func TestValidatorAgreesWithHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds scratch sites with Hugo")
	}
	inputs := agreementInputs(t)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			var files [][]byte
			for _, text := range inputs[k.name] {
				files = append(files, k.wrap(text))
			}
			// A big input is decoded again in each build of the batch
			// until Hugo accepts what remains: it is built alone, once.
			var batch [][]byte
			for _, f := range files {
				if len(f) > bigInput {
					f = nil
				}
				batch = append(batch, f)
			}
			refused := hugoLoadsAll(t, k, batch)
			for i, text := range inputs[k.name] {
				if batch[i] == nil {
					loads, why := hugoLoads(t, k.path, files[i])
					compare(t, k, text, loads, why)
					continue
				}
				why, no := refused[i]
				if no && !k.validate(files[i]).HasErrors() {
					// Hugo decodes a site's data files concurrently, and
					// once pinned one file's refusal (too many aliases)
					// on another file of the batch: a disagreement is
					// only one when Hugo refuses the file alone.
					loads, alone := hugoLoads(t, k.path, files[i])
					no, why = !loads, alone
				}
				compare(t, k, text, !no, why)
			}
		})
	}
}

// The fuzz target's own seeds are a few small texts, one or two of each
// kind (testdata/fuzz holds what fuzzing found): every one is a Hugo
// build, and the agreement test above tries the whole corpus.
func FuzzValidatorAgreesWithHugo(f *testing.F) {
	f.Add(uint8(0), []byte("a: 1\nb: [x, y]\n"))
	f.Add(uint8(1), []byte("title: T\ndate: 2025-06-13\n"))
	f.Add(uint8(2), []byte("[x]\nother = \"a\"\n"))
	f.Add(uint8(2), []byte("x = \"say \"hi\"\"\n"))
	f.Fuzz(func(t *testing.T, which uint8, text []byte) {
		agree(t, kinds[int(which)%len(kinds)], text)
	})
}
