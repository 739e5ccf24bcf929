package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// `check --external` end to end, against a server on loopback: problems
// at the links, the settings from linkcheck.toml, the cache written and
// used by the next run. The server speaks plain http, so every link to it
// is also a link-http error.
func TestCheckExternal(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes"} {
		if err := copyTree(filepath.Join("..", "..", part), filepath.Join(dir, part)); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("public/en/index.html", `<!doctype html><html lang="en-US">
<a href="`+srv.URL+`/legal-aid">works</a>
<a href="`+srv.URL+`/gone">gone</a>
<a href="https://refuses-robots.example/">ignored</a>`)
	write("linkcheck.toml", "[external]\nhost_interval = \"0s\"\n[[external.ignore]]\nhost = \"refuses-robots.example\"\nreason = \"test\"\n")
	t.Chdir(dir)

	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--external", "public"}, &stdout, &stderr); code != exitProblem {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblem, stderr.String())
	}
	out := stderr.String()
	for _, want := range []string{
		`public/en/index.html:3:1: error: "` + srv.URL + `/gone" is broken: 410 Gone [external-broken]`,
		"; 3 outside addresses (3 links): 1 ok, 1 broken, 0 could not tell, 1 ignored; 0 moved permanently; 0 from the cache; 3 error(s), 0 warning(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".cache", "linkcheck", "external.json")); err != nil {
		t.Errorf("no cache: %v", err)
	}

	// The next run takes the working link from the cache and asks again
	// only about the broken one (HEAD, then GET).
	before := requests.Load()
	stderr.Reset()
	run([]string{"check", "--external", "public"}, &stdout, &stderr)
	if !strings.Contains(stderr.String(), "1 from the cache") || requests.Load()-before != 2 {
		t.Errorf("second run made %d requests:\n%s", requests.Load()-before, stderr.String())
	}

	// Without --external nobody is asked.
	before = requests.Load()
	stderr.Reset()
	if code := run([]string{"check", "public"}, &stdout, &stderr); code != exitProblem || requests.Load() != before || !strings.Contains(stderr.String(), "3 outside addresses not asked") {
		t.Errorf("exit %d, %d requests:\n%s", code, requests.Load()-before, stderr.String())
	}
}

func TestCheckExternalBadConfig(t *testing.T) {
	dir := t.TempDir()
	for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes"} {
		if err := copyTree(filepath.Join("..", "..", part), filepath.Join(dir, part)); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	os.WriteFile(filepath.Join(dir, "public", "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	os.WriteFile(filepath.Join(dir, "linkcheck.toml"), []byte("[external]\nretrys = 2\n"), 0o644)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--external"}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), `linkcheck.toml:2: unknown setting "external.retrys"`) {
		t.Errorf("exit %d:\n%s", code, stderr.String())
	}
}
