package ciconfig

import (
	"slices"
	"strings"
	"testing"
)

// A local `netlify build` writes .netlify/ (its cache, with the Go caches
// the go-cache plugin moves there: over a gigabyte) and .cache/ (GOCACHE,
// GOMODCACHE); .ci/run installs Node under tools/node/node_modules.
// None of it may show as untracked.
func TestBuildsLeaveNothingUntracked(t *testing.T) {
	lines := strings.Split(read(t, ".gitignore"), "\n")
	for _, want := range []string{"/.netlify/", "/.cache/", "node_modules/", "/public/", "/build/"} {
		if !slices.Contains(lines, want) {
			t.Errorf(".gitignore lacks the line %s", want)
		}
	}
}
