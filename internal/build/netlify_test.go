package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// netlify.toml is how CI publishes: its build command is the contract,
// and its headers are half of the security policy (_headers has the CSP).
// Its redirects are generated into _redirects (redirects_test.go).
func TestNetlifyConfig(t *testing.T) {
	var cfg struct {
		Build struct {
			Command, Publish string
			Environment      map[string]string
		}
		Context map[string]struct{ Command string }
		Plugins []struct{ Package string }
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile("../../netlify.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Build.Command != "go run ./cmd/statement build --context production" || cfg.Build.Publish != "public" {
		t.Errorf("build: %+v", cfg.Build)
	}
	if cfg.Build.Environment["GO_VERSION"] == "" {
		t.Error("no GO_VERSION")
	}
	// Go's caches are kept between deploys: under the repository, where
	// the plugin can reach them, in the git-ignored .cache/.
	for _, name := range []string{"GOCACHE", "GOMODCACHE"} {
		if dir := cfg.Build.Environment[name]; !strings.HasPrefix(dir, ".cache/") {
			t.Errorf("%s = %q, want a directory under .cache/", name, dir)
		}
	}
	if len(cfg.Plugins) != 1 || cfg.Plugins[0].Package != "/plugins/go-cache" {
		t.Errorf("plugins: %+v", cfg.Plugins)
	} else if _, err := os.Stat(filepath.Join("../..", cfg.Plugins[0].Package, "manifest.yml")); err != nil {
		t.Error(err)
	}
	ignored, _ := os.ReadFile("../../.gitignore")
	if !strings.Contains(string(ignored), "\n/.cache/\n") {
		t.Error(".cache/ is not git-ignored")
	}
	for _, ctx := range []string{"deploy-preview", "branch-deploy"} {
		if !strings.Contains(cfg.Context[ctx].Command, "--context preview") {
			t.Errorf("%s does not build as a preview", ctx)
		}
	}
	var all map[string]string
	for _, h := range cfg.Headers {
		cache := h.Values["Cache-Control"]
		if strings.Contains(cache, "immutable") && h.For != "/a/*" {
			t.Errorf("%s is cached as immutable but is not fingerprinted", h.For)
		}
		if h.For == "/*" {
			all = h.Values
		}
	}
	if !strings.Contains(all["Strict-Transport-Security"], "max-age=63072000") {
		t.Error("HSTS missing or shorter than two years")
	}
	for _, name := range []string{"X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "Cross-Origin-Resource-Policy"} {
		if all[name] == "" {
			t.Errorf("%s missing", name)
		}
	}
	if _, ok := all["Content-Security-Policy"]; ok {
		t.Error("the CSP belongs in the generated _headers, where its style hashes are computed")
	}
}
