package linkcheck

import (
	"context"
	"fmt"
	"slices"

	"dhcs.ca.gov/statement/internal/output/linkcheck/external"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// ExternalStats count the outside addresses by what their check found.
type ExternalStats struct {
	Addresses                    int // distinct addresses
	OK, Broken, Unknown, Ignored int
	Moved                        int // OK, but moved permanently
	Cached                       int // answered from the cache
	Uses                         int // links to them, over all pages
}

// use is one place an outside address is linked from.
type use struct {
	page *Page
	ref  Ref
}

// CheckExternal asks about every outside address the tree links to and
// reports each problem at every link to it: a break is an error, "could
// not tell" and a permanent redirect are warnings.
func (s *Site) CheckExternal(ctx context.Context, c *external.Checker) (diag.List, ExternalStats) {
	uses := map[string][]use{}
	for _, p := range s.docs {
		for _, r := range p.Refs {
			if t := s.classify(p, r.URL); t.kind == externalLink {
				uses[t.external] = append(uses[t.external], use{p, r})
			}
		}
	}
	urls := make([]string, 0, len(uses))
	for u := range uses {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	results := c.Check(ctx, urls)

	var l diag.List
	st := ExternalStats{Addresses: len(urls)}
	for _, u := range urls {
		r := results[u]
		st.Uses += len(uses[u])
		if r.Cached {
			st.Cached++
		}
		switch r.Verdict {
		case external.OK:
			st.OK++
			if r.MovedTo != "" {
				st.Moved++
			}
		case external.Broken:
			st.Broken++
		case external.Ignored:
			st.Ignored++
		default:
			st.Unknown++
		}
		for _, at := range uses[u] {
			s.reportExternal(&l, at, r)
		}
	}
	l.Sort()
	return l, st
}

func (s *Site) reportExternal(l *diag.List, at use, r external.Result) {
	file := s.display(at.page.Path)
	from := ""
	if src := s.writtenIn(at.page, at.ref.URL); src != "" {
		from = " (from " + src + ")"
	}
	switch {
	case r.Verdict == external.Broken:
		l.Errorf(file, at.ref.Line, at.ref.Col, "external-broken", "%q is broken: %s%s", at.ref.URL, r.Reason, from)
		l.Suggest("find where the page went and link there, or remove the link")
	case r.Verdict == external.Unknown:
		l.Warnf(file, at.ref.Line, at.ref.Col, "external-unknown", "could not tell whether %q works: %s%s", at.ref.URL, r.Reason, from)
		l.Suggest("open it in a browser; if the host always refuses robots, add it to the ignore list in %s", external.ConfigFile)
	case r.Verdict == external.OK && r.MovedTo != "":
		l.Warnf(file, at.ref.Line, at.ref.Col, "external-redirect", "%q has moved permanently (%d) to %q%s", at.ref.URL, r.MovedStatus, r.MovedTo, from)
		l.Suggest("link to %q", r.MovedTo)
	}
}

// String is the summary line of an external check.
func (st ExternalStats) String() string {
	return fmt.Sprintf("%d outside addresses (%d links): %d ok, %d broken, %d could not tell, %d ignored; %d moved permanently; %d from the cache",
		st.Addresses, st.Uses, st.OK, st.Broken, st.Unknown, st.Ignored, st.Moved, st.Cached)
}
