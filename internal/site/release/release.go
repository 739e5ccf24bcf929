// Package release holds the facts about the news release that do not
// depend on language (data/release.yaml) and its revisions
// (data/revisions.yaml), and derives from them what readers and machines
// are told about versions: the visible "Updated" date and the version id.
// The manifest of a built site is package manifest's.
package release

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Release is data/release.yaml.
type Release struct {
	Number      string
	FirstIssued calendar.Date
	Email       string
	Phone       string
	PhoneE164   string
	Website     string
	// Publisher is the agency that issues the statement, by its full name
	// (the feed's author, the publisher in the page's structured data).
	Publisher string
}

// Revision is one published state of the statement.
type Revision struct {
	Date  calendar.Date
	Major bool
	Note  string
	// Source is the hash of the English source the revision published
	// (SourceHash); empty only in histories written before it was kept.
	Source string
	Line   int
	// Number counts revisions from 1, oldest first.
	Number int
	// Amends is, for an amendment, the id of the revision whose note it
	// corrects (Note is the corrected note); empty for a revision.
	Amends string
	// Previous and Hash chain the revisions (see Digest); empty in
	// revisions recorded before the chain began.
	Previous, Hash string
}

// ID names a revision for good: its date and its number, e.g.
// "2026-01-02.2". Translations of its note are keyed by it, and the
// version id is the latest revision's ID.
func (r Revision) ID() string { return fmt.Sprintf("%s.%d", r.Date, r.Number) }

// History is data/revisions.yaml, oldest first.
type History []Revision

var (
	numberPattern = regexp.MustCompile(`^\d{2}-\d{2,3}$`)
	e164Pattern   = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
	httpsPattern  = regexp.MustCompile(`^https://[^/\s]+(/\S*)?$`)
	phonePattern  = regexp.MustCompile(`^[0-9()+\- .]{7,20}$`)
	sourcePattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// ReleaseFromNode checks data/release.yaml already parsed.
func ReleaseFromNode(root *yamlsrc.Node, file string) (Release, diag.List) {
	var r Release
	var l diag.List
	const what = "the release"
	f := yamlsrc.Fields(root, file, what, []string{"number", "first_issued", "contact", "website", "publisher"}, &l)
	if root.Kind != yamlsrc.MappingNode {
		return r, l
	}
	if s, n, ok := yamlsrc.String(f, "number", root, file, what, &l); ok {
		if !numberPattern.MatchString(s) {
			l.Errorf(file, n.Line, n.Column, "release-number", "release number %q should look like \"25-20\" (year, hyphen, number); quote it", s)
		}
		r.Number = s
	}
	if s, n, ok := yamlsrc.String(f, "first_issued", root, file, what, &l); ok {
		d, err := calendar.ParseDate(s)
		switch {
		case err != nil:
			l.Errorf(file, n.Line, n.Column, "release-date", "first_issued: %v", err)
		case d.Precision != calendar.Day:
			l.Errorf(file, n.Line, n.Column, "release-date", "first_issued must be a full date (YYYY-MM-DD), found %q", s)
		default:
			r.FirstIssued = d
		}
	}
	if s, n, ok := yamlsrc.String(f, "website", root, file, what, &l); ok {
		if !httpsPattern.MatchString(s) {
			l.Errorf(file, n.Line, n.Column, "release-website", "website %q must be an https:// address", s)
		}
		r.Website = s
	}
	if s, n, ok := yamlsrc.String(f, "publisher", root, file, what, &l); ok {
		if strings.TrimSpace(s) == "" {
			l.Errorf(file, n.Line, n.Column, "release-publisher", "publisher is empty: write the agency's full name")
		}
		r.Publisher = s
	}
	if c, ok := f["contact"]; !ok {
		l.Errorf(file, root.Line, root.Column, "yaml-missing-field", "the release has no \"contact\"")
	} else {
		const cwhat = "the contact"
		cf := yamlsrc.Fields(c.Value, file, cwhat, []string{"email", "phone", "phone_e164"}, &l)
		if c.Value.Kind == yamlsrc.MappingNode {
			if s, n, ok := yamlsrc.String(cf, "email", c.Value, file, cwhat, &l); ok {
				if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
					l.Errorf(file, n.Line, n.Column, "release-email", "%q is not an e-mail address", s)
				}
				r.Email = s
			}
			if s, n, ok := yamlsrc.String(cf, "phone", c.Value, file, cwhat, &l); ok {
				r.Phone = s
				if !phonePattern.MatchString(s) {
					l.Errorf(file, n.Line, n.Column, "release-phone", "phone %q should be written as readers dial it, e.g. \"(916) 440-7660\"", s)
				}
			}
			if s, n, ok := yamlsrc.String(cf, "phone_e164", c.Value, file, cwhat, &l); ok {
				if !e164Pattern.MatchString(s) {
					l.Errorf(file, n.Line, n.Column, "release-phone", "phone_e164 %q must be the number in international form, e.g. \"+19164407660\"", s)
				}
				r.PhoneE164 = s
			}
		}
	}
	if r.Phone != "" && e164Pattern.MatchString(r.PhoneE164) && digits(r.Phone) != strings.TrimPrefix(r.PhoneE164, "+1") {
		l.Errorf(file, 0, 0, "release-phone", "phone %q and phone_e164 %q are not the same number", r.Phone, r.PhoneE164)
		l.Suggest("the call link dials phone_e164; make the two agree")
	}
	return r, l
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// HistoryFromNode checks data/revisions.yaml already parsed.
func HistoryFromNode(root *yamlsrc.Node, file string) (History, diag.List) {
	var l diag.List
	if root.Kind != yamlsrc.SequenceNode || len(root.Content) == 0 {
		l.Errorf(file, root.Line, root.Column, "revisions-shape", "the revisions must be a list with at least one entry, each starting with \"- date:\"")
		return nil, l
	}
	var h History
	for i, n := range root.Content {
		what := fmt.Sprintf("revision %d", i+1)
		f := yamlsrc.Fields(n, file, what, []string{"date", "type", "note", "amends", "source", "previous", "hash"}, &l)
		if n.Kind != yamlsrc.MappingNode {
			continue
		}
		rev := Revision{Line: n.Line, Number: i + 1}
		if s, dn, ok := yamlsrc.String(f, "date", n, file, what, &l); ok {
			d, err := calendar.ParseDate(s)
			switch {
			case err != nil:
				l.Errorf(file, dn.Line, dn.Column, "revision-date", "%s: %v", what, err)
			case d.Precision != calendar.Day:
				l.Errorf(file, dn.Line, dn.Column, "revision-date", "%s: the date must be a full date (YYYY-MM-DD)", what)
			default:
				rev.Date = d
				if len(h) > 0 && d.First().Before(h[len(h)-1].Date.First()) {
					l.Errorf(file, dn.Line, dn.Column, "revision-order", "%s (%s) is older than the revision before it; list revisions oldest first", what, d)
				}
			}
		}
		if s, tn, ok := yamlsrc.String(f, "type", n, file, what, &l); ok {
			switch s {
			case "major":
				rev.Major = true
			case "minor":
			case "amendment":
				if a, an, ok := yamlsrc.String(f, "amends", n, file, what, &l); ok {
					target := slices.IndexFunc(h, func(r Revision) bool { return r.ID() == a && r.Amends == "" })
					if target < 0 || !h[target].Major {
						l.Errorf(file, an.Line, an.Column, "revision-amends", "%s: amends %q, which is not an earlier major revision (its id, e.g. %q)", what, a, h[len(h)-1].ID())
					}
					rev.Amends = a
				}
			default:
				l.Errorf(file, tn.Line, tn.Column, "revision-type", "%s: type must be major, minor or amendment, found %q", what, s)
			}
		}
		if a, ok := f["amends"]; ok && rev.Amends == "" {
			l.Errorf(file, a.Key.Line, a.Key.Column, "revision-amends", "%s: only an amendment (type: amendment) amends a revision", what)
		}
		for _, field := range []string{"previous", "hash"} {
			if _, present := f[field]; present {
				if s, sn, ok := yamlsrc.String(f, field, n, file, what, &l); ok {
					if !sourcePattern.MatchString(s) {
						l.Errorf(file, sn.Line, sn.Column, "revision-hash", "%s: %s must be the hash `statement revise` writes (sha256: and 64 hex digits); do not edit it by hand", what, field)
					}
					if field == "previous" {
						rev.Previous = s
					} else {
						rev.Hash = s
					}
				}
			}
		}
		if s, _, ok := yamlsrc.String(f, "note", n, file, what, &l); ok {
			rev.Note = s
		}
		if _, present := f["source"]; present {
			if s, sn, ok := yamlsrc.String(f, "source", n, file, what, &l); ok {
				if !sourcePattern.MatchString(s) {
					l.Errorf(file, sn.Line, sn.Column, "revision-source", "%s: source must be the hash `statement revise` writes (sha256: and 64 hex digits); do not edit it by hand", what)
				}
				rev.Source = s
			}
		}
		h = append(h, rev)
	}
	if len(h) > 0 && !h[0].Major {
		l.Errorf(file, h[0].Line, 1, "revision-type", "the first revision is the first issue of the statement, so it must be major")
	}
	if !l.HasErrors() {
		h.checkChain(file, &l)
	}
	return h, l
}

// Updated is the date readers see as "Updated": the latest major revision.
func (h History) Updated() calendar.Date {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Major {
			return h[i].Date
		}
	}
	return calendar.Date{}
}

// VersionID names the latest revision: its date and how many revisions
// there are, e.g. "2026-01-02.2". The theme's version partial computes the
// same id for the page footer.
func (h History) VersionID() string {
	if len(h) == 0 {
		return ""
	}
	return fmt.Sprintf("%s.%d", h[len(h)-1].Date, len(h))
}
