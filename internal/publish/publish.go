// Package publish makes a finished build visible all at once: the site is
// built in a staging directory beside the target and swapped in only when
// every check has passed, so a failed or interrupted build leaves the
// previous output exactly as it was, and nobody ever sees half a site.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
)

// Stage creates an empty staging directory beside target (on the same
// file system, so the final rename cannot turn into a copy).
func Stage(target string) (string, error) {
	parent := filepath.Dir(filepath.Clean(target))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".staging-")
	if err != nil {
		return "", err
	}
	// MkdirTemp makes it 0700; the published tree is world-readable.
	return dir, os.Chmod(dir, 0o755)
}

// Swap replaces target with staged. Where the system can exchange two
// paths in one step (Linux's renameat2), target is never missing, not
// even for an instant; elsewhere it is missing between two renames.
// The old tree is removed afterwards.
func Swap(staged, target string) error {
	if _, err := os.Lstat(target); os.IsNotExist(err) {
		return os.Rename(staged, target)
	}
	if err := exchange(staged, target); err == nil {
		return os.RemoveAll(staged) // staged now holds the old tree
	}
	old := staged + ".old"
	if err := os.Rename(target, old); err != nil {
		return fmt.Errorf("moving the previous output aside: %w", err)
	}
	if err := os.Rename(staged, target); err != nil {
		// Put the previous output back: nothing may be lost.
		if rerr := os.Rename(old, target); rerr != nil {
			return fmt.Errorf("publishing failed (%v) and the previous output is at %s (%v)", err, old, rerr)
		}
		return err
	}
	return os.RemoveAll(old)
}
