package source

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// seedFromCorpus adds every file of the bad-input corpus whose name ends
// in suffix, so the fuzzers start from the mistakes editors really make.
func seedFromCorpus(f *testing.F, suffix string) {
	paths, _ := filepath.Glob("testdata/bad/*.txtar")
	paths = append(paths, "testdata/base.txtar")
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if filepath.Ext(file.Name) == suffix {
				f.Add(file.Data)
			}
		}
	}
}

// Front matter: split and parse never panic, and lines are the page's.
func FuzzFrontMatter(f *testing.F) {
	seedFromCorpus(f, ".md")
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, line, err := splitFrontMatter(data)
		if err != nil {
			return
		}
		node, l := yamlsrc.ParseAt(text, "content/xx/_index.md", line)
		for _, d := range l {
			if d.Line != 0 && d.Line < line {
				t.Fatalf("diagnostic before the front matter: %s", d)
			}
		}
		if node != nil {
			var fl diag.List
			checkURLs(node, "content/xx/_index.md", &fl)
		}
	})
}
