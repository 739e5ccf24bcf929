package testfs

import (
	"os"
	"path/filepath"
)

// FixtureDir is the frozen site source tests hold the tool to, relative
// to the repository root: the statement as of revision 2026-11-27.3,
// without its theme (see testdata/site/README.md).
const FixtureDir = "testdata/site"

// SiteParts are what a site is made of: the source Hugo reads and the
// English the translations were made from.
var SiteParts = []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"}

// CopyFixture copies the frozen site (FixtureDir) and the repository's
// theme into dir, where a test may build or change it. repo is the
// repository root.
func CopyFixture(repo, dir string) error {
	for _, part := range SiteParts {
		from := filepath.Join(repo, FixtureDir, part)
		if part == "themes" {
			from = filepath.Join(repo, part)
		}
		if err := copyPart(from, filepath.Join(dir, part)); err != nil {
			return err
		}
	}
	return nil
}

// CopyLive copies the live site's source (what editors change) into dir.
func CopyLive(repo, dir string) error {
	for _, part := range SiteParts {
		if err := copyPart(filepath.Join(repo, part), filepath.Join(dir, part)); err != nil {
			return err
		}
	}
	return nil
}

// copyPart copies one part of a site: a directory tree (os.CopyFS), or a
// file (hugo.toml).
func copyPart(from, to string) error {
	info, err := os.Stat(from)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return os.CopyFS(to, os.DirFS(from))
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
