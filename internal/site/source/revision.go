package source

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// EnglishSource is the hash a revision records of the English it
// published: what the public reads in English, that is the page, the
// timeline and the release facts (not the interface strings or the
// theme). It hashes them as loaded, so that comments and layout in the
// data files do not count as a change, and the pages with spaces at the
// ends of lines and blank lines at the end dropped, which no reader sees.
// Empty when any did not load.
func (s *Site) EnglishSource() string {
	current, _ := s.englishSources()
	return current
}

// englishSources is EnglishSource, and the hash as revisions recorded it
// before trailing spaces were ignored (pages only with CRLF made LF). The
// two are equal for a page without trailing spaces that ends in one
// newline, as the recorded ones did; a revision recorded from a page that
// had them still matches its English through the second.
func (s *Site) englishSources() (current, legacy string) {
	return s.englishSource(normalizePage), s.englishSource(normalizeNewlines)
}

func (s *Site) englishSource(normalize func(string) string) string {
	var pages []string // units are in path order
	for _, p := range s.EnglishPages {
		pages = append(pages, p.ID, normalize(p.Source))
	}
	if len(pages) == 0 || !s.timelineOK || s.Release.Number == "" {
		return ""
	}
	type event struct {
		ID, Date, Text string
		Sources        []string
	}
	canonical := struct {
		Page     string
		Pages    []string `json:",omitempty"`
		Timeline []event
		Release  any
	}{Page: pages[1]}
	if pages[0] != translation.PageID || len(pages) > 2 {
		// More pages than the statement: all of them, by id. (The
		// statement alone hashes as it always has, so the recorded source
		// of existing revisions stays valid.)
		canonical.Page, canonical.Pages = "", pages
	}
	for _, ev := range s.Timeline {
		canonical.Timeline = append(canonical.Timeline, event{ev.ID, ev.Date.String(), ev.Text, ev.Sources})
	}
	r := s.Release
	canonical.Release = []string{r.Number, r.FirstIssued.String(), r.Email, r.Phone, r.PhoneE164, r.Website, r.Publisher}
	data, err := json.Marshal(canonical)
	if err != nil {
		panic(err) // strings only
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func normalizeNewlines(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}

// normalizePage drops what a reader never sees: CRs before newlines,
// spaces and tabs at the ends of lines, and blank lines at the end. The
// text ends in exactly one newline, so a clean page is left as it is.
// (Markdown's two-space hard break is not used on the site; a line break
// is a blank line.)
func normalizePage(s string) string {
	lines := strings.Split(normalizeNewlines(s), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " \t")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
}

// checkRevised holds the English to the latest revision: a production
// build of English that no revision records fails, since a public
// statement must not change without a dated entry; a preview warns.
func (s *Site) checkRevised(o Options, l *diag.List) {
	if !s.historyOK || len(s.History) == 0 {
		return
	}
	if o.Recording.Precision != 0 {
		return // the revision being recorded records it
	}
	current, legacy := s.englishSources()
	latest := s.History[len(s.History)-1]
	if current == "" || latest.Source == current || latest.Source == legacy {
		return
	}
	what := fmt.Sprintf("the English statement (content/%s/, %s, %s) has changed since the latest revision (%s) recorded it", s.SourceLanguage, TimelineFile, ReleaseFile, latest.ID())
	if latest.Source == "" {
		what = fmt.Sprintf("the latest revision (%s) does not record the English it published (no source)", latest.ID())
	}
	if o.Production {
		l.Errorf(RevisionsFile, latest.Line, 1, "unrevised", "%s; production does not publish it", what)
	} else {
		l.Warnf(RevisionsFile, latest.Line, 1, "unrevised", "%s; a production build will refuse it", what)
	}
	if len(s.NewsAfterUpdate()) > 0 {
		l.Suggest("run `statement revise --major --note \"...\"`: the change has news (an event after the Updated date), which a minor revision cannot record")
		return
	}
	l.Suggest("run `statement revise --minor --note \"...\"` for a correction, or `statement revise --major --note \"...\"` for news the public must know")
}

// Summary says what Load read, for the line validate ends with: the
// languages, the English pages, the events and the revisions.
func (s *Site) Summary() string {
	drafts, pages := 0, 0 // pages: files, not the blocks translators see
	for _, lang := range s.Languages {
		if lang.Draft {
			drafts++
		}
	}
	pages = len(s.EnglishPages)
	langs := plural(len(s.Languages), "language")
	if drafts > 0 {
		langs += fmt.Sprintf(" (%d published, %d draft)", len(s.Languages)-drafts, drafts)
	}
	return fmt.Sprintf("%s, %s, %s, %s", langs, plural(pages, "English page"), plural(len(s.Timeline), "timeline event"), plural(len(s.History), "revision"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
