package manifest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"
)

func sha(t *testing.T, path string) (string, int64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), int64(len(data))
}

var outputTree = map[string]string{
	"index.html":    "<!doctype html><title>Choose</title>",
	"404.html":      "<!doctype html><title>Not found</title>",
	"en/index.html": "<!doctype html><title>Statement</title>",
	"es/index.html": "<!doctype html><title>Declaración</title>",
	"a/icon.svg":    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	"_headers":      "/*\n  X: y\n",
	"robots.txt":    "",
}

func TestWriteManifest(t *testing.T) {
	dir := testfs.Tree(t, outputTree)
	m := Manifest{
		Version:     "2026-01-02.2",
		Updated:     "2026-01-02",
		FirstIssued: "2025-06-13",
		Source:      "sha256:abc",
		Languages:   []Language{{Code: "en", Locale: "en-US", Label: "English", Direction: "ltr", EnglishRevision: "2026-01-02"}},
	}
	// Twice: the second run must not list the first run's own files.
	for range 2 {
		if err := writeManifest(dir, m); err != nil {
			t.Fatal(err)
		}
	}

	var want []string
	for name := range outputTree {
		want = append(want, name)
	}
	slices.Sort(want)

	// version.json
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("version.json does not end with a newline")
	}
	var got Manifest
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("version.json: %v", err)
	}
	if got.Version != m.Version || got.Updated != m.Updated || got.FirstIssued != m.FirstIssued || got.Source != m.Source ||
		!slices.Equal(got.Languages, m.Languages) {
		t.Errorf("version.json metadata = %+v, want %+v", got, m)
	}
	var paths []string
	for _, f := range got.Files {
		paths = append(paths, f.Path)
		wantSum, wantSize := sha(t, filepath.Join(dir, filepath.FromSlash(f.Path)))
		if f.SHA256 != wantSum || f.Size != wantSize {
			t.Errorf("%s: sha256 %s size %d, want %s %d", f.Path, f.SHA256, f.Size, wantSum, wantSize)
		}
	}
	if !slices.Equal(paths, want) {
		t.Errorf("version.json files = %v\nwant (sorted, without itself or the sums) %v", paths, want)
	}
	for _, key := range []string{`"first_issued"`, `"english_revision"`, `"sha256"`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("version.json has no %s key", key)
		}
	}

	// SHA256SUMS, in the form `sha256sum -c` reads.
	sums, err := os.Open(filepath.Join(dir, SumsName))
	if err != nil {
		t.Fatal(err)
	}
	defer sums.Close()
	var sumPaths []string
	sc := bufio.NewScanner(sums)
	for sc.Scan() {
		hash, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(hash) != 64 {
			t.Errorf("line %q is not \"<sha256>  <path>\"", sc.Text())
			continue
		}
		if wantSum, _ := sha(t, filepath.Join(dir, filepath.FromSlash(name))); hash != wantSum {
			t.Errorf("%s: SHA256SUMS says %s, the file hashes to %s", name, hash, wantSum)
		}
		sumPaths = append(sumPaths, name)
	}
	if !slices.Equal(sumPaths, want) {
		t.Errorf("SHA256SUMS lists %v\nwant %v", sumPaths, want)
	}
}

func TestWriteManifestMissingDir(t *testing.T) {
	if err := writeManifest(filepath.Join(t.TempDir(), "none"), Manifest{}); err == nil {
		t.Error("writeManifest on a missing directory did not fail")
	}
}

func TestSourceDigest(t *testing.T) {
	base := map[string]string{
		"hugo.toml":               "baseURL = \"https://x/\"\n",
		"content/en/_index.md":    "---\ntitle: x\n---\n",
		"data/timeline.yaml":      "- id: a\n",
		"i18n/en.toml":            "a = \"b\"\n",
		"themes/t/layouts/a.html": "<p>",
		"README.md":               "not a source part",
	}
	parts := []string{"hugo.toml", "content", "data", "i18n", "themes", "missing-part"}

	digest := func(t *testing.T, files map[string]string) string {
		t.Helper()
		d, err := sourceDigest(testfs.Tree(t, files), parts)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	with := func(change func(map[string]string)) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		change(m)
		return m
	}

	ref := digest(t, base)
	if !strings.HasPrefix(ref, "sha256:") || len(ref) != len("sha256:")+64 {
		t.Fatalf("digest %q is not sha256:<64 hex>", ref)
	}
	if again := digest(t, base); again != ref {
		t.Errorf("the same files in another directory give %s, want %s", again, ref)
	}

	cases := []struct {
		name    string
		change  func(map[string]string)
		changes bool
	}{
		{"one byte of content", func(m map[string]string) { m["content/en/_index.md"] = "---\ntitle: y\n---\n" }, true},
		{"the configuration", func(m map[string]string) { m["hugo.toml"] += "# comment\n" }, true},
		{"a theme file", func(m map[string]string) { m["themes/t/layouts/a.html"] = "<p>!" }, true},
		{"a new file", func(m map[string]string) { m["data/release.yaml"] = "number: x\n" }, true},
		{"a removed file", func(m map[string]string) { delete(m, "i18n/en.toml") }, true},
		{"a renamed file", func(m map[string]string) { m["i18n/es.toml"] = m["i18n/en.toml"]; delete(m, "i18n/en.toml") }, true},
		{
			"bytes moved from one file to the next",
			func(m map[string]string) { m["data/timeline.yaml"] = "- id: "; m["hugo.toml"] = "a\n" + m["hugo.toml"] },
			true,
		},
		{"a file outside the parts", func(m map[string]string) { m["README.md"] = "changed" }, false},
		{"an empty directory", func(m map[string]string) {}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := digest(t, with(c.change))
			if (got != ref) != c.changes {
				t.Errorf("digest changed: %v, want %v", got != ref, c.changes)
			}
		})
	}

	// Changing a file in place and back.
	dir := testfs.Tree(t, base)
	before, _ := sourceDigest(dir, parts)
	p := filepath.Join(dir, "data", "timeline.yaml")
	os.WriteFile(p, []byte("- id: b\n"), 0o644)
	during, _ := sourceDigest(dir, parts)
	os.WriteFile(p, []byte(base["data/timeline.yaml"]), 0o644)
	after, _ := sourceDigest(dir, parts)
	if before == during || before != after {
		t.Errorf("in-place edit: before %s, during %s, after %s", before, during, after)
	}
}

// sourceDigest is the digest a snapshot of the source records.
func sourceDigest(root string, parts []string) (string, error) {
	snap, err := ReadSnapshot(root, parts)
	return snap.Digest, err
}
