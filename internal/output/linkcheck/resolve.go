package linkcheck

import (
	"net/url"
	"path"
	"strings"
	"sync"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
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

// classified remembers what the references that mean the same on every
// page resolved to. Each page of a large site names the same few hundred
// addresses (its language versions, the statement, the other pages), and
// the rules ask about each several times: parsing them once is most of
// what the link check saves at scale.
type classified struct {
	mu sync.RWMutex
	m  map[string]target
}

// classify parses a reference made by page p and resolves it against the
// site.
func (s *Site) classify(p *Page, raw string) target {
	if p.Base != "" || !samePerPage(raw) {
		return s.resolve(p, raw)
	}
	c := &s.classified
	c.mu.RLock()
	t, ok := c.m[raw]
	c.mu.RUnlock()
	if ok {
		return t
	}
	t = s.resolve(p, raw)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]target{}
	}
	c.m[raw] = t
	c.mu.Unlock()
	return t
}

// samePerPage reports whether a reference names the same thing whichever
// page of the site makes it (one without <base>): a path from the root,
// or an address with its host.
func samePerPage(raw string) bool {
	raw = strings.TrimSpace(raw)
	if strings.HasPrefix(raw, "/") {
		return true
	}
	scheme, rest, ok := strings.Cut(raw, ":")
	return ok && strings.HasPrefix(rest, "//") && (strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http"))
}

// resolve is classify, every time.
func (s *Site) resolve(p *Page, raw string) target {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return target{kind: emptyLink}
	}
	if htmldoc.IsJavaScriptURL(raw) {
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
	case !s.tree.Has(rel) && s.tree.IsDir(rel):
		// A directory link without its trailing slash: the server
		// redirects to the slash and serves index.html.
		rel += "/index.html"
	}
	t.rel, t.exists = rel, s.tree.Has(rel)
}
