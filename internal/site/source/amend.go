package source

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/textline"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/release"
)

// An Amendment corrects the note of a published major revision.
type Amendment struct {
	// Revision is the id of the revision whose note is corrected.
	Revision string
	Note     string
	// Today is the date in California; the zero value means the real one.
	Today calendar.Date
}

// Amend records a correction of a published note, as a revision of its
// own dated today: the history keeps the revision as published and
// shows the corrected note, saying when it was corrected, and the note
// becomes stale for translators. The English must be as the latest
// revision recorded it (record a change first); any problem of the site
// stops it, as it stops Record.
func Amend(root string, a Amendment) (release.Revision, diag.List, error) {
	today := a.Today
	if today.Precision == 0 {
		today = CaliforniaToday()
	}
	site, l := Load(root, Options{Production: true, Today: today.First()})
	if l.HasErrors() {
		return release.Revision{}, l, nil
	}
	note, err := textline.Clean(strings.TrimSpace(a.Note))
	if err != nil {
		return release.Revision{}, nil, &Refused{"the note " + err.Error()}
	}
	i := slices.IndexFunc(site.History, func(r release.Revision) bool { return r.ID() == a.Revision && r.Amends == "" })
	switch {
	case i < 0:
		var ids []string
		for _, r := range site.History {
			if r.Major {
				ids = append(ids, r.ID())
			}
		}
		return release.Revision{}, nil, &Refused{fmt.Sprintf("there is no revision %s; the major revisions are %s", a.Revision, strings.Join(ids, ", "))}
	case !site.History[i].Major:
		return release.Revision{}, nil, &Refused{fmt.Sprintf("revision %s is minor: its note is not published, so there is nothing to correct", a.Revision)}
	case note == site.History.Note(site.History[i]):
		return release.Revision{}, nil, &Refused{fmt.Sprintf("revision %s's note already says that", a.Revision)}
	}
	latest := site.History[len(site.History)-1]
	if today.First().Before(latest.Date.First()) {
		return release.Revision{}, nil, &Refused{fmt.Sprintf("today (%s in California) is before the latest revision (%s)", today, latest.ID())}
	}
	rev := release.Revision{Date: today, Amends: a.Revision, Note: note, Source: latest.Source, Number: len(site.History) + 1}
	path := filepath.Join(site.Root, RevisionsFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return release.Revision{}, nil, err
	}
	if err := os.WriteFile(path, release.AppendRevision(data, site.History, rev), 0o644); err != nil {
		return release.Revision{}, nil, err
	}
	// Translators are shown what changed since the note they translated;
	// keep the corrected one for that.
	amended, _ := Load(root, Options{Today: today.First()})
	return rev, nil, translation.Archive(site.Root, amended.Units)
}
