package journal

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"
)

var old = map[string]string{
	"content/es/_index.md": "old page\n",
	"i18n/es.toml":         "old strings\n",
}

var new = map[string][]byte{
	"content/es/_index.md":          []byte("new page\n"),
	"i18n/es.toml":                  []byte("new strings\n"),
	"translations/english/abc.txt":  []byte("archived English\n"), // a new file
	"content/es/sub/deeper/page.md": []byte("a page in a new folder\n"),
}

// tree is every file under root, with its text.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func before(t *testing.T) string {
	root := t.TempDir()
	testfs.Write(t, root, old)
	return root
}

func after() map[string]string {
	want := map[string]string{}
	for p, v := range new {
		want[p] = string(v)
	}
	return want
}

// crash stands for the process dying at a step: the panic unwinds Write
// without it doing anything more to the disk.
type crash struct{}

// steps runs one transaction and lists the steps it makes.
func steps(t *testing.T) []string {
	root := before(t)
	var seen []string
	Step = func(s string) { seen = append(seen, s) }
	defer func() { Step = nil }()
	if err := Write(root, "i18n import", new); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, root); !maps.Equal(got, after()) {
		t.Fatalf("after a whole transaction: %v", got)
	}
	return seen
}

// Stopped after any write, the next Recover leaves all of the old files
// or all of the new ones, and says which: rolled back before the commit
// record, completed from it on.
func TestInterruptedAtEveryWrite(t *testing.T) {
	all := steps(t)
	if len(all) != 2+len(new)*2+1 {
		t.Fatalf("steps %q", all)
	}
	commit := slices.Index(all, "commit")
	for i, at := range all {
		t.Run(at, func(t *testing.T) {
			root := before(t)
			Step = func(s string) {
				if s == at {
					panic(crash{})
				}
			}
			func() {
				defer func() {
					if r := recover(); r != (crash{}) && !(at == "done" && r == nil) {
						t.Fatalf("recovered %v", r)
					}
				}()
				Write(root, "i18n import", new)
			}()
			Step = nil
			if at == "done" {
				if Pending(root) {
					t.Error("done, and still pending")
				}
				return
			}
			if !Pending(root) {
				t.Fatal("not pending after a crash")
			}
			if err := Write(root, "i18n import", new); !errors.Is(err, ErrPending) {
				t.Errorf("a second transaction over a pending one: %v", err)
			}
			out, found, err := Recover(root)
			if err != nil || !found {
				t.Fatal(found, err)
			}
			want := old
			if i >= commit {
				want = after()
			}
			if out.Completed != (i >= commit) || out.What != "i18n import" || len(out.Files) != len(new) {
				t.Errorf("outcome %+v", out)
			}
			if got := tree(t, root); !maps.Equal(got, want) {
				t.Errorf("after recovery: %v, want %v", got, want)
			}
			if Pending(root) {
				t.Error("still pending after recovery")
			}
			if _, found, _ := Recover(root); found {
				t.Error("recovered twice")
			}
		})
	}
}

func TestNothingPending(t *testing.T) {
	if _, found, err := Recover(t.TempDir()); found || err != nil {
		t.Errorf("found %v, %v", found, err)
	}
}

// A file where a folder is needed is refused before anything is written.
func TestFailedStagingLeavesNothing(t *testing.T) {
	root := before(t)
	files := map[string][]byte{"i18n/es.toml": []byte("x"), "i18n/es.toml/oops": []byte("y")}
	err := Write(root, "i18n import", files)
	if err == nil {
		t.Fatal("no error")
	}
	if got := tree(t, root); !maps.Equal(got, old) || Pending(root) {
		t.Errorf("after a failed write: %v (pending %v)", got, Pending(root))
	}
}
