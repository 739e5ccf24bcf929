package linkcheck

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/rules/*/want from what the checks report")

// Every rule has a folder in testdata/rules, as htmltest has: site/ is a
// built tree (written by hand, not minified, so that lines mean
// something), want the exact diagnostics, source/ (when present) the site
// source the links were written in. Folders named ok-* are the false
// positives a checker is prone to, and must report nothing; every other
// folder must trip the rule it is named after. After a deliberate change,
// `go test ./internal/output/linkcheck -run Rules -update` rewrites the want
// files, to be read as a diff.
func TestRules(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "rules", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			o := Options{Display: "site", BaseURL: base}
			if _, err := os.Stat(filepath.Join(dir, "source")); err == nil {
				o.Source = filepath.Join(dir, "source")
			}
			l, err := check(filepath.Join(dir, "site"), o)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			diag.Write(&got, l, diag.Text, false)
			wantFile := filepath.Join(dir, "want")
			if *update {
				if err := os.WriteFile(wantFile, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("diagnostics differ from %s\ngot:\n%s\nwant:\n%s", wantFile, got.String(), want)
			}
			switch {
			case strings.HasPrefix(name, "ok-") && len(l) > 0:
				t.Errorf("a false-positive case reports problems")
			case !strings.HasPrefix(name, "ok-") && name != "source-attribution" && !strings.Contains(got.String(), "["+name+"]"):
				t.Errorf("the fixture for %s does not trip it", name)
			}
		})
	}
}
