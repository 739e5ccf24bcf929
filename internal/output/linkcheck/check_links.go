package linkcheck

import (
	"net/url"
	"path"
	"strings"
)

// ref applies the rules every reference must pass: it is not empty, it
// parses, it is not a script, it is encrypted, and an internal one names
// a file (and an id in it) that the build produced.
func (c *pageCheck) ref(r Ref) {
	t := c.site.classify(c.page, r.URL)
	switch t.kind {
	case emptyLink:
		c.l.Errorf(c.file, r.Line, r.Col, "link-empty", "<%s %s> is empty", r.Tag, r.Attr)
		c.l.Suggest("an empty link leads back to the page itself; give it its address or remove it")
		return
	case malformedLink:
		c.refErrorf(r, "link-malformed", "<%s %s=%q> is not a valid URL: %v", r.Tag, r.Attr, r.URL, unwrapURLError(t.err))
		return
	case javascriptLink:
		c.refErrorf(r, "link-javascript", "<%s %s> runs a script (%q); the page must work without JavaScript", r.Tag, r.Attr, shorten(r.URL))
		return
	case mailtoLink:
		c.mailto(r)
		return
	case telLink:
		c.tel(r)
		return
	}
	if t.insecure {
		c.refErrorf(r, "link-http", "%q is not encrypted", r.URL)
		c.l.Suggest("link to %q; every link must use https", "https"+strings.TrimPrefix(strings.TrimSpace(r.URL), "http"))
	}
	if t.kind == externalLink {
		c.external = append(c.external, t.external)
	}
	if t.kind != internalLink {
		return // external links: `check --external`
	}
	c.internal++
	if t.outside != "" {
		c.refErrorf(r, "link-outside", "%q points outside the site: %s", r.URL, t.outside)
		return
	}
	if c.page.Base == "" && isNotFoundPage(c.page.Path) && isRelativePath(r.URL) {
		c.refErrorf(r, "link-relative-404", "%q is relative, but a not-found page is served at whatever address was asked for, where it leads elsewhere", r.URL)
		c.l.Suggest("write it from the root of the site: %q", c.site.rootRelative(t.rel, r.URL))
	}
	if !t.exists {
		c.refErrorf(r, "link-broken", "%q points to %s, which the build did not produce", r.URL, t.rel)
		c.l.Suggest("link to a page or file the site has (a page content/LANG/NAME.md is at /LANG/NAME/), or remove the link")
		return
	}
	c.fragment(r, t)
}

// fragment checks that #id names an element of the target page, as a
// browser looks for it: first as written, then percent-decoded, so that
// a translated page's non-ASCII ids work either way.
func (c *pageCheck) fragment(r Ref, t target) {
	if t.rawFragment == "" || isTopFragment(t.fragment) {
		return
	}
	page := c.site.pages[t.rel]
	if page == nil {
		return // a fragment on a PDF or an image means nothing to check
	}
	if _, ok := page.IDs[t.rawFragment]; ok {
		return
	}
	if _, ok := page.IDs[t.fragment]; ok {
		return
	}
	c.refErrorf(r, "link-fragment", "%q: %s has no element with id %q", r.URL, t.rel, t.fragment)
}

// isTopFragment is true for the fragments that need no element: "#top"
// (the top of the page, by the HTML standard) and text fragments.
func isTopFragment(f string) bool {
	return strings.EqualFold(f, "top") || strings.HasPrefix(f, ":~:")
}

func isNotFoundPage(rel string) bool { return path.Base(rel) == "404.html" }

// isRelativePath is true for a link that depends on the page's address:
// no scheme, no host, a path that does not start at the root.
func isRelativePath(raw string) bool {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw[0] == '/' || raw[0] == '#' || raw[0] == '?' {
		return false
	}
	before, _, _ := strings.Cut(raw, "/")
	return !strings.Contains(before, ":")
}

// rootRelative writes the link to rel from the root of the site, keeping
// a directory link a directory link.
func (s *Site) rootRelative(rel, written string) string {
	p := s.base.Path + rel
	if !strings.HasSuffix(written, "index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	return p
}

// unwrapURLError drops net/url's "parse <the whole URL>:" prefix, which
// the message already shows.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
