package external

import (
	"path/filepath"
	"testing"
)

// The repository's linkcheck.toml must load: a mistake there would
// otherwise surface only in the weekly job.
func TestRepositoryConfigLoads(t *testing.T) {
	if _, err := LoadConfig(filepath.Join("..", "..", "..", "..", ConfigFile)); err != nil {
		t.Fatal(err)
	}
}
