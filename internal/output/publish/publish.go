// Package publish makes a finished build visible all at once, and touches
// nothing but the output directory: it decides whether a path may be
// replaced at all (Resolve), builds in a staging directory beside the
// target, and swaps the staged tree in only when every check has passed.
// A failed or interrupted build leaves the previous output exactly as it
// was, and nobody ever sees half a site.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Staging is one build's private directory beside the target, on the
// same file system so that the final rename cannot turn into a copy. It
// holds the tree being built (Site) and the build's temporary files
// (Scratch); removing Dir removes every trace of the build.
type Staging struct {
	Dir     string
	Site    string
	Scratch string
}

// stagingPrefix names the staging directories of target's builds, so
// that a later build can find and sweep those a killed build left.
func stagingPrefix(target string) string {
	return "." + filepath.Base(target) + ".staging-"
}

// Stage creates an empty staging directory beside target.
func Stage(target Target) (*Staging, error) {
	parent := filepath.Dir(target.Path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix(target.Path))
	if err != nil {
		return nil, err
	}
	s := &Staging{Dir: dir, Site: filepath.Join(dir, "site"), Scratch: filepath.Join(dir, "tmp")}
	for _, d := range []string{s.Site, s.Scratch} {
		if err := os.Mkdir(d, 0o755); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	return s, nil
}

// Remove deletes the staging directory and everything in it.
func (s *Staging) Remove() error { return os.RemoveAll(s.Dir) }

// Abandon removes the staging directory while something may still be
// writing into it: Hugo renders in-process and cannot be stopped, and its
// next write would create the directory again behind a plain Remove. So
// the directory is first renamed away and a file put in its place, which
// makes every further write fail; then both go. The process should exit
// straight after (the interrupt handler does).
func (s *Staging) Abandon() {
	var dead []string
	blocked := false
	for i := 0; i < 10 && !blocked; i++ {
		away := fmt.Sprintf("%s-abandoned%d", s.Dir, i)
		if err := os.Rename(s.Dir, away); err != nil {
			break // nothing (more) there
		}
		dead = append(dead, away)
		f, err := os.OpenFile(s.Dir, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil { // else recreated meanwhile: move that away too
			f.Close()
			blocked = true
		}
	}
	for _, d := range dead {
		os.RemoveAll(d)
	}
	if blocked {
		os.Remove(s.Dir) // last, once the trees are gone
	}
}

// ErrOutputMoved marks the one failure after which the target is not as
// it was: the previous output was moved aside, the new one could not be
// moved in, and the previous one could not be put back. The message says
// where it is.
var ErrOutputMoved = errors.New("the output directory is missing")

// LeftoverError says that the new tree was published but the previous
// one, moved aside, could not be removed. The build succeeded; the old
// files take up room until someone removes them (the next build tries).
type LeftoverError struct {
	Path string
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the previous output could not be removed and is left at %s (%v); delete it by hand, or the next build will try again", e.Path, e.Err)
}

// Swap replaces the target with the staged site and removes the staging
// directory. Where the system can exchange two paths in one step (Linux's
// renameat2), the target is never missing, not even for an instant;
// elsewhere it is missing between two renames, and put back if the second
// fails. Any error other than *LeftoverError means the target is as it
// was before.
func Swap(s *Staging, target Target) error {
	if _, err := os.Lstat(target.Path); os.IsNotExist(err) {
		if err := os.Rename(s.Site, target.Path); err != nil {
			return err
		}
		return leftover(s.Dir)
	}
	if err := exchange(s.Site, target.Path); err == nil {
		return leftover(s.Dir) // s.Site now holds the old tree
	}
	old := filepath.Join(s.Dir, "old")
	if err := os.Rename(target.Path, old); err != nil {
		return fmt.Errorf("moving the previous output aside: %w", err)
	}
	if err := os.Rename(s.Site, target.Path); err != nil {
		// Put the previous output back: nothing may be lost.
		if rerr := os.Rename(old, target.Path); rerr != nil {
			return fmt.Errorf("%w: publishing failed (%v) and the previous output, which could not be put back (%v), is at %s; move it back by hand", ErrOutputMoved, err, rerr, old)
		}
		return err
	}
	return leftover(s.Dir)
}

// removeAll is os.RemoveAll; tests make it fail, which root cannot be
// made to by file modes alone.
var removeAll = os.RemoveAll

func leftover(dir string) error {
	if err := removeAll(dir); err != nil {
		return &LeftoverError{Path: dir, Err: err}
	}
	return nil
}

// Sweep removes the staging directories that builds killed before they
// could clean up (SIGKILL, a power cut) left beside the target. Call it
// holding the output directory's lock (sitelock.AcquireOutput), so that
// no live build's directory is taken, whichever site it builds.
// It returns what it could not remove.
func Sweep(target Target) []error {
	parent := filepath.Dir(target.Path)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil // no parent yet: nothing was ever staged there
	}
	var errs []error
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix(target.Path)) {
			continue // (a file of that name is what Abandon leaves at worst)
		}
		if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
