package livesite

import "testing"

// The repository's own site, as the editors have left it.
func TestLiveSite(t *testing.T) {
	for _, p := range Check("../../..", t.TempDir()) {
		t.Error(p)
	}
}
