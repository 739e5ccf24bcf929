package linkcheck

// canonical checks the page's <link rel="canonical">: one at most, and
// when it names another page of the tree, that page is its own canonical
// (search engines do not follow chains). That it exists is link-broken's
// business, as for any other link.
func (c *pageCheck) canonical() {
	cs := c.page.Canonical
	for _, extra := range cs[min(1, len(cs)):] {
		c.refErrorf(extra, "canonical-duplicate", "the page has %d canonical links; search engines ignore them all", len(cs))
	}
	if len(cs) == 0 {
		return
	}
	t := c.site.classify(c.page, cs[0].URL)
	if t.kind != internalLink || !t.exists || t.rel == c.page.Path {
		return
	}
	target := c.site.pages[t.rel]
	if target == nil || len(target.Canonical) == 0 {
		return
	}
	if next := c.site.classify(target, target.Canonical[0].URL); next.kind == internalLink && next.exists && next.rel != t.rel {
		c.refErrorf(cs[0], "canonical-chain", "%q is the canonical URL, but %s names %s as its own", cs[0].URL, t.rel, next.rel)
		c.l.Suggest("point the canonical link at %s", c.site.pageURL(next.rel))
	}
}
