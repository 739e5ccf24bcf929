package testfs

import (
	"io/fs"
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
		if err := CopyTree(from, filepath.Join(dir, part)); err != nil {
			return err
		}
	}
	return nil
}

// CopyLive copies the live site's source (what editors change) into dir.
func CopyLive(repo, dir string) error {
	for _, part := range SiteParts {
		if err := CopyTree(filepath.Join(repo, part), filepath.Join(dir, part)); err != nil {
			return err
		}
	}
	return nil
}

// CopyTree copies a file or a directory tree.
func CopyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dest := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dest, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dest, data, 0o644)
	})
}
