package ciconfig

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// root is the repository, from this package's directory.
const root = "../.."

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// goVersion is the Go that go.mod asks for: its toolchain line if it has
// one, else its go line (Go 1.21 and later download the toolchain
// go.mod names; Netlify installs GO_VERSION instead).
func goVersion(t *testing.T) string {
	t.Helper()
	var goLine, toolchain string
	for _, line := range strings.Split(read(t, "go.mod"), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "go" {
			goLine = f[1]
		}
		if len(f) == 2 && f[0] == "toolchain" {
			toolchain = strings.TrimPrefix(f[1], "go")
		}
	}
	if toolchain != "" {
		return toolchain
	}
	if goLine == "" {
		t.Fatal("go.mod has no go line")
	}
	return goLine
}

// nodeMajor is the Node major version in .node-version, the one place it
// is set: setup-node (node-version-file) and Netlify read the file.
func nodeMajor(t *testing.T) string {
	t.Helper()
	v := strings.TrimSpace(read(t, ".node-version"))
	if !regexp.MustCompile(`^[1-9][0-9]*$`).MatchString(v) {
		t.Fatalf(".node-version is %q; want a major version alone (e.g. 26), so that patches and security releases come without an edit", v)
	}
	return v
}

func netlifyEnvironment(t *testing.T) map[string]string {
	t.Helper()
	var cfg struct {
		Build struct{ Environment map[string]string }
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg.Build.Environment
}

// Go: go.mod is the source; Netlify cannot read it, so its GO_VERSION
// must say the same, and every setup-go reads go.mod.
func TestGoVersionIsGoMods(t *testing.T) {
	want := goVersion(t)
	if got := netlifyEnvironment(t)["GO_VERSION"]; got != want {
		t.Errorf("netlify.toml: GO_VERSION = %q, go.mod asks for %s; set GO_VERSION to go.mod's version", got, want)
	}
	for _, s := range workflowSteps(t) {
		if !strings.HasPrefix(s.Uses, "actions/setup-go@") {
			continue
		}
		if s.With["go-version-file"] != "go.mod" || s.With["go-version"] != "" {
			t.Errorf("%s: setup-go must read go.mod (go-version-file: go.mod), not set a version: %v", s.where, s.With)
		}
	}
}

// Node: .node-version is the source. setup-node reads it, Netlify reads
// it (a NODE_VERSION in netlify.toml would override the file), the
// browser suite's engines and tools/node's pinned binaries agree with it.
func TestNodeVersionIsNodeVersionFiles(t *testing.T) {
	major := nodeMajor(t)
	if v, ok := netlifyEnvironment(t)["NODE_VERSION"]; ok {
		t.Errorf("netlify.toml sets NODE_VERSION = %q: Netlify reads .node-version; delete it", v)
	}
	if _, err := os.Stat(filepath.Join(root, ".nvmrc")); err == nil {
		t.Error(".nvmrc: the Node version is in .node-version; delete .nvmrc")
	}
	setupNode := 0
	for _, s := range workflowSteps(t) {
		if !strings.HasPrefix(s.Uses, "actions/setup-node@") {
			continue
		}
		setupNode++
		if s.With["node-version-file"] != ".node-version" || s.With["node-version"] != "" {
			t.Errorf("%s: setup-node must read .node-version (node-version-file: .node-version), not set a version: %v", s.where, s.With)
		}
	}
	if setupNode == 0 {
		t.Error("no workflow sets up Node: the browser suite would install it on every run")
	}

	var browser struct {
		Engines map[string]string
	}
	unmarshal(t, "tools/browser/package.json", &browser)
	if got := browser.Engines["node"]; got != ">="+major {
		t.Errorf("tools/browser/package.json: engines.node = %q, want \">=%s\" (.node-version)", got, major)
	}
	var browserLock struct {
		Packages map[string]struct{ Engines map[string]string }
	}
	unmarshal(t, "tools/browser/package-lock.json", &browserLock)
	if got := browserLock.Packages[""].Engines["node"]; got != ">="+major {
		t.Errorf("tools/browser/package-lock.json: engines.node = %q, want \">=%s\"; run npm install --package-lock-only in tools/browser", got, major)
	}

	// tools/node: the binaries .ci/run installs where the machine's Node
	// is older, one package per processor, all the same version.
	var nodeLock struct {
		Packages map[string]struct{ Version string }
	}
	unmarshal(t, "tools/node/package-lock.json", &nodeLock)
	binaries := 0
	for name, p := range nodeLock.Packages {
		if !strings.HasPrefix(name, "node_modules/node-linux-") {
			continue
		}
		binaries++
		if !strings.HasPrefix(p.Version, major+".") {
			t.Errorf("tools/node/package-lock.json: %s is %s, .node-version says %s; update tools/node/package.json and its lockfile", strings.TrimPrefix(name, "node_modules/"), p.Version, major)
		}
	}
	for _, arch := range []string{"x64", "arm64"} {
		if _, ok := nodeLock.Packages["node_modules/node-linux-"+arch]; !ok {
			t.Errorf("tools/node/package-lock.json has no node-linux-%s: .ci/run could not install Node on that processor", arch)
		}
	}
	if binaries == 0 {
		t.Error("tools/node/package-lock.json pins no Node binaries")
	}
	// .ci/run takes the version from the file, not a number of its own.
	for _, script := range []string{".ci/run", ".ci/node.bash"} {
		if regexp.MustCompile(`(?i)node[ -]?(version)?[ =:]*"?\d{2}\b`).MatchString(read(t, script)) {
			t.Errorf("%s names a Node version; it must read .node-version", script)
		}
	}
}

func unmarshal(t *testing.T, name string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(read(t, name)), v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
