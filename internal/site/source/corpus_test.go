package source

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/bad from what Load reports (then read the diff)")

// TestBadInputs runs the corpus in testdata/bad: each archive is a mistake
// an editor or translator can make, applied to testdata/base.txtar, with
// exactly the diagnostics it must produce in its "want" file. Special
// files: "remove" lists paths to delete; "options" may say "production".
// Every case is validated for production on 2026-01-10 when it asks for
// production, else as a preview. Cases named ok-* are inputs a checker is
// prone to misread, and must report nothing. This corpus is the one place
// the rules of Load are tested, one mistake per file.
func TestBadInputs(t *testing.T) {
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := filepath.Glob("testdata/bad/*.txtar")
	if len(cases) < 40 {
		t.Fatalf("the corpus has %d cases; it should keep at least 40", len(cases))
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			writeArchive(t, dir, base)
			var want string
			opts := Options{Today: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}
			for _, f := range ar.Files {
				switch f.Name {
				case "want":
					want = string(f.Data)
				case "remove":
					for _, p := range strings.Fields(string(f.Data)) {
						os.Remove(filepath.Join(dir, p))
					}
				case "options":
					opts.Production = strings.Contains(string(f.Data), "production")
				default:
					writeFile(t, dir, f.Name, f.Data)
				}
			}
			_, l := Load(dir, opts)
			var got strings.Builder
			diag.Write(&got, l, diag.Text, false)
			if *update {
				rewriteWant(t, path, ar, got.String())
				return
			}
			ok := strings.HasPrefix(name, "ok-")
			switch {
			case ok && len(l) > 0:
				t.Errorf("a case that must report nothing reports problems")
			case !ok && !l.HasErrors() && !strings.Contains(want, ": warning: "):
				t.Errorf("the case reports nothing")
			}
			if got.String() != want {
				t.Errorf("diagnostics differ.\ngot:\n%s\nwant:\n%s", got.String(), want)
			}
		})
	}
}

func writeArchive(t *testing.T, dir string, ar *txtar.Archive) {
	for _, f := range ar.Files {
		writeFile(t, dir, f.Name, f.Data)
	}
}

func writeFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	// A corpus file cannot usefully hold bytes that are not UTF-8; \xNN
	// in a YAML file is turned into that byte.
	if err := os.WriteFile(path, unescape(name, data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func unescape(name string, data []byte) []byte {
	if !strings.Contains(string(data), `\x`) || !strings.HasSuffix(name, ".yaml") {
		return data
	}
	s := string(data)
	var out []byte
	for i := 0; i < len(s); i++ {
		if i+3 < len(s) && s[i] == '\\' && s[i+1] == 'x' {
			if b, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				out = append(out, byte(b))
				i += 3
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}

func rewriteWant(t *testing.T, path string, ar *txtar.Archive, got string) {
	found := false
	for i, f := range ar.Files {
		if f.Name == "want" {
			ar.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		ar.Files = append(ar.Files, txtar.File{Name: "want", Data: []byte(got)})
	}
	if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}
