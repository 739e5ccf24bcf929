package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dhcs.ca.gov/statement/internal/release"
	"dhcs.ca.gov/statement/internal/source"
	"dhcs.ca.gov/statement/internal/timeline"
	"dhcs.ca.gov/statement/internal/translation"
)

func runRevise(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("revise", `statement revise --major|--minor --note "..." [--date YYYY-MM-DD]: record the current English as a new revision.
--major: news the public must know; the visible "Updated" date moves and the change is listed under "All updates" and in the feed.
--minor: a correction (a typo); the visible date stays.`, stderr)
	major := fs.Bool("major", false, "a change the public must know")
	minor := fs.Bool("minor", false, "a correction that does not change what the public must know")
	note := fs.String("note", "", "what changed, in English, one sentence (translators translate it)")
	date := fs.String("date", "", "the revision's date (default: today in California)")
	if code, stop := parse(fs, args, stdout); stop {
		return code
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
	today := californiaToday()
	when := today
	if *date != "" {
		d, err := timeline.ParseDate(*date)
		if err != nil || d.Precision != timeline.Day {
			fmt.Fprintf(stderr, "statement revise: --date %q must be a date, YYYY-MM-DD\n", *date)
			return exitUsage
		}
		when = d
	}
	site, l := source.Load(".", source.Options{Today: when.First()})
	if l.HasErrors() {
		report(l, "text", io.Discard, stderr)
		fmt.Fprintln(stderr, "statement revise: fix these first; a revision records the English as it is")
		return exitProblem
	}
	latest := site.History[len(site.History)-1]
	current := site.EnglishSource()
	switch {
	case when.First().After(today.First()):
		fmt.Fprintf(stderr, "statement revise: %s is in the future\n", when)
		return exitProblem
	case when.First().Before(latest.Date.First()):
		fmt.Fprintf(stderr, "statement revise: %s is before the latest revision (%s); revisions are in order\n", when, latest.ID())
		return exitProblem
	case current == latest.Source:
		fmt.Fprintf(stderr, "statement revise: the English has not changed since the latest revision (%s); there is nothing to record\n", latest.ID())
		return exitProblem
	}
	rev := release.Revision{Date: when, Major: *major, Note: strings.TrimSpace(*note), Source: current, Number: len(site.History) + 1}
	path := filepath.Join(site.Root, source.RevisionsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "statement revise:", err)
		return exitUsage
	}
	if err := os.WriteFile(path, release.AppendRevision(data, rev), 0o644); err != nil {
		fmt.Fprintln(stderr, "statement revise:", err)
		return exitUsage
	}
	// Translators will be shown what changed since the English they
	// translated; keep this English for that.
	if err := translation.Archive(site.Root, site.Units); err != nil {
		fmt.Fprintln(stderr, "statement revise:", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "added revision %s (%s) to %s\n", rev.ID(), map[bool]string{true: "major", false: "minor"}[rev.Major], source.RevisionsFile)
	if rev.Major {
		fmt.Fprintf(stdout, "the page will say Updated %s and list the note under All updates and in the feed\n", when)
	} else {
		fmt.Fprintf(stdout, "the visible Updated date stays %s\n", site.History.Updated())
	}
	fmt.Fprintf(stdout, "translators: the note is new (note.%s), and `statement i18n status` shows what else changed\n", rev.ID())
	return exitOK
}

// californiaToday is the date in Sacramento, where the statement is
// issued, whatever the machine's zone.
func californiaToday() timeline.Date {
	now := time.Now()
	if loc, err := time.LoadLocation("America/Los_Angeles"); err == nil {
		now = now.In(loc)
	}
	return timeline.Date{Year: now.Year(), Month: int(now.Month()), Day: now.Day(), Precision: timeline.Day}
}
