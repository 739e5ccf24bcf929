package external

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	c, err := LoadConfig(filepath.Join(dir, "missing.toml"))
	if err != nil || c.Concurrency != Defaults().Concurrency {
		t.Errorf("a missing file is the defaults: %+v %v", c, err)
	}
	file := filepath.Join(dir, "linkcheck.toml")
	writeFile(t, file, `[external]
per_host = 2
timeout = "5s"
cache_expiry = "72h"

[[external.ignore]]
host = "govca.app.box.com"
reason = "answers robots with 403"
`)
	c, err = LoadConfig(file)
	if err != nil {
		t.Fatal(err)
	}
	if c.PerHost != 2 || c.Timeout.Duration != 5*time.Second || c.CacheExpiry.Duration != 72*time.Hour || c.Concurrency != 8 || len(c.Ignore) != 1 {
		t.Errorf("config %+v", c)
	}
}

func TestLoadConfigProblems(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"syntax", "[external\n", "to end table name"},
		{"unknown key", "[external]\nconcurrency = 2\ntimout = \"5s\"\n", `linkcheck.toml:3: unknown setting "external.timout"`},
		{"bad duration", "[external]\ntimeout = \"5 seconds\"\n", `"5 seconds" is not a duration`},
		{"zero", "[external]\nper_host = 0\n", "linkcheck.toml:2: per_host: must be at least 1"},
		{"ignore without reason", "[external]\n[[external.ignore]]\nhost = \"x.gov\"\n", "linkcheck.toml:2: ignore: entry 1 (x.gov) needs a reason"},
		{"ignore with both", "[external]\n[[external.ignore]]\nhost = \"x.gov\"\nprefix = \"https://x.gov/\"\nreason = \"r\"\n", "entry 1 needs either host or prefix"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "linkcheck.toml")
			writeFile(t, file, c.text)
			_, err := LoadConfig(file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	c := Config{Ignore: []Ignore{{Host: "box.com", Reason: "r1"}, {Prefix: "https://x.gov/a/", Reason: "r2"}}}
	cases := []struct{ host, url, want string }{
		{"box.com", "https://box.com/s/1", "r1"},
		{"govca.app.box.com", "https://govca.app.box.com/s/1", "r1"},
		{"notbox.com", "https://notbox.com/", ""},
		{"x.gov", "https://x.gov/a/b", "r2"},
		{"x.gov", "https://x.gov/b", ""},
	}
	for _, tc := range cases {
		if got := c.Ignored(tc.host, tc.url); got != tc.want {
			t.Errorf("Ignored(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}
