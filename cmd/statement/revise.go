package main

import (
	"fmt"
	"io"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/textline"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/source"
)

// runRevise parses revise's flags and prints what source.Record did; the
// rules of recording a revision are in package source.
func runRevise(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("revise", `statement revise --major|--minor --note "..." [--date YYYY-MM-DD]: record the current English as a new revision.
--major: news the public must know; the visible "Updated" date moves and the change is listed under "All updates" and in the feed.
--minor: a correction (a typo); the visible date stays.
It records the English as it is, including new events up to the revision's date; any other problem stops it.
statement revise --amend REVISION --note "...": correct the note of a published major revision; the history shows the
corrected note and when it was corrected, and translators see the note as changed. Published revisions are never edited.`, stderr)
	amend := fs.String("amend", "", "the id of a published major revision whose note to correct (e.g. 2026-01-02.2)")
	major := fs.Bool("major", false, "a change the public must know")
	minor := fs.Bool("minor", false, "a correction that does not change what the public must know")
	note := fs.String("note", "", "what changed, in English, one sentence (translators translate it)")
	date := fs.String("date", "", "the revision's date (default: today in California)")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if *amend != "" {
		if *major || *minor || *date != "" {
			fmt.Fprintln(stderr, "statement revise: --amend corrects a published note, dated today; it takes only --note")
			return exitUsage
		}
		return runAmend(*amend, *note, stdout, stderr)
	}
	if *major == *minor {
		fmt.Fprintln(stderr, "statement revise: say --major or --minor (one of them)")
		return exitUsage
	}
	if strings.TrimSpace(*note) == "" {
		fmt.Fprintln(stderr, `statement revise: --note "..." is required: say what changed, in one sentence`)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "statement revise: unexpected argument %q (quote the note)\n", fs.Arg(0))
		return exitUsage
	}
	if _, err := textline.Clean(*note); err != nil {
		fmt.Fprintf(stderr, "statement revise: --note %s: a note is one line of text\n", err)
		return exitUsage
	}
	change := source.Change{Major: *major, Note: *note, Today: today()}
	if *date != "" {
		d, err := calendar.ParseDate(*date)
		if err != nil || d.Precision != calendar.Day {
			msg := "must be a date, YYYY-MM-DD"
			if err != nil {
				msg += " (" + err.Error() + ")"
			}
			fmt.Fprintf(stderr, "statement revise: --date %q %s\n", *date, msg)
			return exitUsage
		}
		change.Date = d
	}
	rec, l, err := source.Record(".", change)
	if code, stop := refused(l, err, stderr); stop {
		return code
	}
	rev := rec.Revision
	fmt.Fprintf(stdout, "added revision %s (%s) to %s\n", rev.ID(), map[bool]string{true: "major", false: "minor"}[rev.Major], source.RevisionsFile)
	if rev.Major {
		fmt.Fprintf(stdout, "the page will say Updated %s and list the note under All updates and in the feed\n", rev.Date)
	} else {
		fmt.Fprintf(stdout, "the visible Updated date stays %s\n", rec.Updated)
		fmt.Fprintln(stdout, "translators: `statement i18n status` shows what changed")
		return exitOK
	}
	fmt.Fprintf(stdout, "translators: the note is new (note.%s), and `statement i18n status` shows what else changed\n", rev.ID())
	return exitOK
}

// runAmend records a correction of a published note (source.Amend).
func runAmend(id, note string, stdout, stderr io.Writer) int {
	if strings.TrimSpace(note) == "" {
		fmt.Fprintln(stderr, `statement revise: --note "..." is required: the corrected note, in one sentence`)
		return exitUsage
	}
	rev, l, err := source.Amend(".", source.Amendment{Revision: id, Note: note, Today: today()})
	if code, stop := refused(l, err, stderr); stop {
		return code
	}
	fmt.Fprintf(stdout, "added amendment %s to %s: the note of %s now reads as given, and the history says it was corrected on %s\n", rev.ID(), source.RevisionsFile, id, rev.Date)
	fmt.Fprintf(stdout, "translators: the note is changed (note.%s), and `statement i18n status` shows it\n", id)
	return exitOK
}

// refused reports why revise wrote nothing: the site's problems (as
// validate lists them), a refusal, or the environment's error.
func refused(l diag.List, err error, stderr io.Writer) (int, bool) {
	switch {
	case l.HasErrors():
		reportBrief(l, "text", "validate --verbose", io.Discard, stderr)
		fmt.Fprintln(stderr, "statement revise: fix these first; a revision records the English as it is")
		return exitProblem, true
	case source.IsRefused(err):
		fmt.Fprintln(stderr, "statement revise:", err)
		return exitProblem, true
	case err != nil:
		fmt.Fprintln(stderr, "statement revise:", err)
		return exitUsage, true
	}
	return exitOK, false
}
