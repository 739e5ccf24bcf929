package main

import (
	"fmt"
	"io"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/journal"
	"dhcs.ca.gov/statement/internal/platform/sitelock"
)

// recoverInterrupted finishes or rolls back what a command interrupted
// halfway through writing (an i18n import killed between two renames)
// left in the site, before any command reads it, and says which. A
// transaction of a command still running (it holds the site's lock) is
// left to it.
func recoverInterrupted(stderr io.Writer) {
	if !journal.Pending(".") {
		return
	}
	lock, err := sitelock.TryAcquire(".", "recovery")
	if err != nil {
		return
	}
	defer lock.Release()
	recoverLocked(stderr)
}

// recoverLocked is recoverInterrupted for a command that holds the lock.
func recoverLocked(stderr io.Writer) {
	out, found, err := journal.Recover(".")
	if !found {
		return
	}
	what := "a statement command"
	if out.What != "" {
		what = "`statement " + out.What + "`"
	}
	files := strings.Join(out.Files, ", ")
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "statement: %s was interrupted, and finishing it failed: %v\n", what, err)
	case out.Completed:
		fmt.Fprintf(stderr, "statement: %s was interrupted after it had checked everything; it is now complete: wrote %s\n", what, files)
	case files == "":
		fmt.Fprintf(stderr, "statement: %s was interrupted before it wrote anything; nothing was changed\n", what)
	default:
		fmt.Fprintf(stderr, "statement: %s was interrupted before it finished; it is rolled back: none of %s was changed\n", what, files)
	}
}
