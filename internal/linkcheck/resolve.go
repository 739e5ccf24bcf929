package linkcheck

import (
	"net/url"
	"path"
	"strings"
)

// linkKind says which rules apply to a reference.
type linkKind int

const (
	emptyLink linkKind = iota
	malformedLink
	javascriptLink
	mailtoLink
	telLink
	internalLink
	externalLink
	// otherLink is any other scheme (data:, sms:, ...): nothing to check.
	otherLink
)

// target is what a reference names, as far as the tree can tell.
type target struct {
	kind linkKind
	url  *url.URL // the reference as parsed
	err  error    // malformedLink: why it does not parse
	// insecure is an http: link, to this site or another.
	insecure bool

	// Internal links: the file it names (relative to the site root, a
	// directory already turned into its index.html), whether that exists,
	// and whether the path climbs out of the site instead.
	rel     string
	exists  bool
	outside string // why the link leaves the site, or ""
	// Internal links: the fragment as written and percent-decoded.
	rawFragment, fragment string

	// External links: the address to ask, without its fragment.
	external string
}

// classify parses a reference made by page p and resolves it against the
// site.
func (s *Site) classify(p *Page, raw string) target {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return target{kind: emptyLink}
	}
	if isJavaScript(raw) {
		return target{kind: javascriptLink}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return target{kind: malformedLink, err: err}
	}
	t := target{url: u}
	switch strings.ToLower(u.Scheme) {
	case "mailto":
		t.kind = mailtoLink
		return t
	case "tel":
		t.kind = telLink
		return t
	case "http":
		t.insecure = true
	case "https", "":
	default:
		t.kind = otherLink
		return t
	}
	if p.Base != "" {
		// <base href> moves every relative link of the page.
		pageURL := s.base.ResolveReference(&url.URL{Path: p.Path})
		if b, err := url.Parse(strings.TrimSpace(p.Base)); err == nil {
			u = pageURL.ResolveReference(b).ResolveReference(u)
		}
	}
	if u.Host != "" && !strings.EqualFold(u.Host, s.base.Host) {
		t.kind = externalLink
		t.external = raw
		if p.Base != "" {
			t.external = u.String()
		}
		t.external, _, _ = strings.Cut(t.external, "#")
		if strings.HasPrefix(t.external, "//") {
			t.external = s.base.Scheme + ":" + t.external
		}
		return t
	}
	t.kind = internalLink
	if _, f, ok := strings.Cut(raw, "#"); ok {
		t.rawFragment = f
	}
	t.fragment = u.Fragment
	s.resolvePath(p, u, &t)
	return t
}

// resolvePath finds the file an internal link names. It walks the path
// itself rather than letting net/url clean it, because a browser quietly
// drops a ".." above the root where a link checker should not: such a
// link works by accident on one host and breaks under a sub-path.
func (s *Site) resolvePath(p *Page, u *url.URL, t *target) {
	var stack []string
	var rest string
	switch {
	case u.Path == "" && u.Host == "":
		t.rel, t.exists = p.Path, true // "#id" or "?q": this very page
		return
	case strings.HasPrefix(u.Path, "/") || u.Host != "":
		basePath := s.base.Path // always ends in "/"
		switch {
		case u.Path == "" || u.Path == strings.TrimSuffix(basePath, "/"):
			rest = ""
		case strings.HasPrefix(u.Path, basePath):
			rest = u.Path[len(basePath):]
		default:
			t.outside = "it is not under " + s.base.String()
			return
		}
	default:
		if d := path.Dir(p.Path); d != "." {
			stack = strings.Split(d, "/")
		}
		rest = u.Path
	}
	segs := strings.Split(rest, "/")
	for _, seg := range segs {
		switch seg {
		case "..":
			if len(stack) == 0 {
				t.outside = "it climbs above the root of the site"
				return
			}
			stack = stack[:len(stack)-1]
		case ".", "":
		default:
			stack = append(stack, seg)
		}
	}
	rel := strings.Join(stack, "/")
	last := segs[len(segs)-1]
	switch {
	case rel == "":
		rel = "index.html"
	case last == "" || last == "." || last == "..":
		rel += "/index.html"
	case !s.files[rel] && s.dirs[rel]:
		// A directory link without its trailing slash: the server
		// redirects to the slash and serves index.html.
		rel += "/index.html"
	}
	t.rel, t.exists = rel, s.files[rel]
}

// isJavaScript recognises javascript: URLs as browsers do, ignoring case
// and the tabs and newlines they strip from URLs.
func isJavaScript(raw string) bool {
	const scheme = "javascript:"
	var b strings.Builder
	for i := 0; i < len(raw) && b.Len() < len(scheme); i++ {
		if c := raw[i]; c != '\t' && c != '\n' && c != '\r' {
			b.WriteByte(c)
		}
	}
	return strings.EqualFold(b.String(), scheme)
}
