// Package sitelock lets one statement command at a time change a site.
// Builds, `revise`, the i18n commands that write and `serve` (while it
// starts) take an exclusive lock on a file in the site root, so that two
// of them never interleave their reads and writes, and so that a build
// may sweep what killed builds left behind without taking a live one's
// files. A build also locks its output directory (a file beside it), which
// two checkouts may share. The lock is the operating system's (flock, LockFileEx): it is
// released when the process ends, however it ends.
package sitelock

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dhcs.ca.gov/statement/internal/platform/stagehook"
)

// File is the lock file's name in the site root (git-ignored).
const File = ".statement.lock"

// Lock is a held lock.
type Lock struct{ f *os.File }

// BusyError says that another command holds the lock.
type BusyError struct {
	// Holder is what the holder wrote: its process id, command and start.
	Holder string
	// Output is set when the lock is an output directory's (see
	// AcquireOutput): the directory, as the user named it.
	Output string
}

func (e *BusyError) Error() string {
	what := "another statement command is working on this site"
	if e.Output != "" {
		what = "another statement build is publishing into " + e.Output
	}
	if e.Holder == "" {
		return what
	}
	return what + " (" + e.Holder + ")"
}

var errWouldBlock = errors.New("lock held")

// TryAcquire takes the lock of the site at root for what (e.g. "build"),
// or returns a *BusyError at once when another process has it.
func TryAcquire(root, what string) (*Lock, error) {
	return tryAcquire(filepath.Join(root, File), what, "")
}

// Acquire takes the lock, waiting for it as long as it takes. When it is
// held by another process, waiting is called once first, with a
// *BusyError that says who holds it, so the user knows why nothing
// happens.
func Acquire(root, what string, waiting func(*BusyError)) (*Lock, error) {
	return acquire(filepath.Join(root, File), what, "", waiting)
}

// OutputFile is the lock file of the output directory dir: beside it, so
// that two checkouts (two sites, two site locks) building into the same
// directory take the same lock.
func OutputFile(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// TryAcquireOutput takes the lock of the output directory dir (absolute,
// links followed), named for messages, or returns a *BusyError at once.
// A build holds it from before it sweeps what killed builds left beside
// the directory until it has published, so that it never takes another
// build's live staging directory.
func TryAcquireOutput(dir, named, what string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	return tryAcquire(OutputFile(dir), what, named)
}

// AcquireOutput is TryAcquireOutput, waiting as Acquire does.
func AcquireOutput(dir, named, what string, waiting func(*BusyError)) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	return acquire(OutputFile(dir), what, named, waiting)
}

func tryAcquire(path, what, output string) (*Lock, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	if err := lock(f, false); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &BusyError{Holder: holder(path), Output: output}
		}
		return nil, err
	}
	return held(f, what), nil
}

func acquire(path, what, output string, waiting func(*BusyError)) (*Lock, error) {
	l, err := tryAcquire(path, what, output)
	var busy *BusyError
	if !errors.As(err, &busy) {
		return l, err
	}
	if waiting != nil {
		waiting(busy)
	}
	stagehook.Reached(stagehook.LockWait)
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	if err := lock(f, true); err != nil {
		f.Close()
		return nil, err
	}
	return held(f, what), nil
}

// Tell is a waiting function for Acquire that says on w, as the command
// what, that it waits and for whom.
func Tell(w io.Writer, what string) func(*BusyError) {
	return func(busy *BusyError) { fmt.Fprintf(w, "statement %s: waiting: %v\n", what, busy) }
}

// Release lets the next command in.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	l.f.Close() // closing the descriptor releases the lock
	l.f = nil
}

func open(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file %s: %w", path, err)
	}
	return f, nil
}

// held records who holds the lock, for the messages of those who wait.
func held(f *os.File, what string) *Lock {
	f.Truncate(0)
	fmt.Fprintf(f, "process %d, statement %s, since %s", os.Getpid(), what, time.Now().Format("15:04:05"))
	return &Lock{f: f}
}

func holder(path string) string {
	data, _ := os.ReadFile(path)
	return strings.TrimSpace(string(data))
}
