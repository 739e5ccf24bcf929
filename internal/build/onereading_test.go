package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/platform/sitelock"
)

// A file saved after validation and before Hugo has read everything (an
// editor's autosave) is not published unchecked: the build notices the
// change, names the file, and leaves the previous output as it was.
func TestSourceChangedWhileBuildingIsNotPublished(t *testing.T) {
	root := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Root: root, Out: out, Context: Preview}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "version.json"))
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(root, "content", "en", "_index.md")
	saved := false
	l, err := Run(Options{Root: root, Out: out, Context: Preview, Timing: func(stage string, _ time.Duration) {
		if stage == "validate" && !saved {
			saved = true
			appendTo(t, page, "\nA sentence nobody checked.\n")
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, d := range l {
		if d.Rule == "source-changed" && d.File == "content/en/_index.md" && strings.Contains(d.Suggestion, "again") {
			found = true
		}
	}
	if !found || !l.HasErrors() {
		t.Errorf("the change was not reported:\n%v", l)
	}
	after, _ := os.ReadFile(filepath.Join(out, "version.json"))
	if string(after) != string(before) {
		t.Error("the output changed")
	}
	// Only the output and its lock file (which stays, as a lock file must).
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if e.Name() != filepath.Base(out) && e.Name() != filepath.Base(sitelock.OutputFile(out)) {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}
