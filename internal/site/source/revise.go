package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/textline"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/release"
)

// A Change is a revision an editor asks `statement revise` to record.
type Change struct {
	Major bool
	Note  string
	// Date is the revision's date; the zero value means today.
	Date calendar.Date
	// Today is the date in California; the zero value means the real one
	// (tests set it).
	Today calendar.Date
}

// Refused is why a revision was not recorded when the source itself is
// fine: a date out of order or in the future, or nothing to record.
type Refused struct{ Reason string }

func (r *Refused) Error() string { return r.Reason }

// Recorded is what Record did.
type Recorded struct {
	Revision release.Revision
	// Updated is the page's visible "Updated" date once the revision is
	// recorded.
	Updated calendar.Date
}

// Record records the English as it is as a new revision: it appends the
// revision to data/revisions.yaml and keeps the English in the archive
// translators compare with. It checks the site as a production build will
// see it once the revision is there, so the problems a revision resolves
// (English no revision records; an event after the latest update, when
// the new revision covers it) do not stop it, and every other problem
// does, listed as validate lists it. The error is a *Refused for a date
// or an unchanged English, and any other error is the environment's.
func Record(root string, c Change) (Recorded, diag.List, error) {
	today := c.Today
	if today.Precision == 0 {
		today = CaliforniaToday()
	}
	when := c.Date
	if when.Precision == 0 {
		when = today
	}
	if when.Precision != calendar.Day {
		return Recorded{}, nil, &Refused{fmt.Sprintf("the revision's date %s must be a day, YYYY-MM-DD", when)}
	}
	if when.First().After(today.First()) {
		return Recorded{}, nil, &Refused{fmt.Sprintf("%s is in the future (today is %s in California); a revision records what is published now", when, today)}
	}
	site, l := Load(root, Options{Production: true, Today: today.First(), Recording: when, RecordingMinor: !c.Major})
	// A date out of order comes first: checked against it, every event
	// after it would look like a problem.
	if site.historyOK && len(site.History) > 0 {
		if latest := site.History[len(site.History)-1]; when.First().Before(latest.Date.First()) {
			return Recorded{}, nil, &Refused{fmt.Sprintf("%s is before the latest revision (%s); revisions are in order, so use --date %s or later", when, latest.ID(), latest.Date)}
		}
	}
	if l.HasErrors() {
		return Recorded{}, l, nil
	}
	latest := site.History[len(site.History)-1]
	current, legacy := site.englishSources()
	switch {
	case c.Major && len(site.NewsAfterUpdate()) > 0:
		// The English may be recorded already (by a minor revision written
		// before minor ones were refused for news): a major revision still
		// records something, the Updated date its events need.
	case latest.Source == current || latest.Source == legacy:
		return Recorded{}, nil, &Refused{fmt.Sprintf("the English has not changed since the latest revision (%s); there is nothing to record", latest.ID())}
	}
	note, err := textline.Clean(c.Note)
	if err != nil {
		return Recorded{}, nil, &Refused{"the note " + err.Error()}
	}
	rev := release.Revision{Date: when, Major: c.Major, Note: note, Source: current, Number: len(site.History) + 1}
	path := filepath.Join(site.Root, RevisionsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return Recorded{}, nil, err
	}
	if err := os.WriteFile(path, release.AppendRevision(data, site.History, rev), 0o644); err != nil {
		return Recorded{}, nil, err
	}
	// Translators will be shown what changed since the English they
	// translated; keep this English for that.
	if err := translation.Archive(site.Root, site.Units); err != nil {
		return Recorded{}, nil, err
	}
	return Recorded{Revision: rev, Updated: append(site.History, rev).Updated()}, nil, nil
}

// IsRefused tells a refusal from an error of the environment.
func IsRefused(err error) bool {
	var r *Refused
	return errors.As(err, &r)
}

// CaliforniaToday is the date in Sacramento, where the statement is
// issued, whatever the machine's zone.
func CaliforniaToday() calendar.Date {
	now := time.Now()
	if loc, err := time.LoadLocation("America/Los_Angeles"); err == nil {
		now = now.In(loc)
	}
	return calendar.Date{Year: now.Year(), Month: int(now.Month()), Day: now.Day(), Precision: calendar.Day}
}
