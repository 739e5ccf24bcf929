package linkcheck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/workers"
)

// hreflangValue is a language tag as hreflang takes it (BCP 47: a
// language, then subtags such as a script or region), or x-default.
var hreflangValue = regexp.MustCompile(`^(?i:x-default|[a-z]{2,3}(-[a-z0-9]{1,8})*)$`)

const xDefault = "x-default"

// alt is an hreflang alternate resolved to the page it names: key is the
// target's path in the tree, or the address as written when it is not a
// page of the tree.
type alt struct {
	lang string // lower case
	key  string
	page *Page // nil unless the target is an HTML page of the tree
	ref  Alternate
}

// hreflangIndex is what the language rules need to know about every page
// at once; it is built on first use and only read afterwards.
type hreflangIndex struct {
	// alts are each page's alternates, the first for each language only
	// (a second is hreflang-duplicate's business, and would only make the
	// set rules repeat it).
	alts      map[string][]alt
	canonical map[string]bool // page path → it is its own canonical page
	listedBy  map[string][]*Page
	// marked holds, for each target page and hreflang value, the pages
	// that mark it so, in path order: a wrong language is reported once,
	// on the first of them, not on every page of the set.
	marked map[string][]*Page
}

func (s *Site) hreflangIndex() *hreflangIndex {
	s.hreflangOnce.Do(func() {
		ix := &hreflangIndex{alts: map[string][]alt{}, canonical: map[string]bool{}, listedBy: map[string][]*Page{}, marked: map[string][]*Page{}}
		// Resolving every page's alternates is most of the work, and each
		// page's are its own: on every core. The maps are then filled in
		// path order, as one loop over the pages would.
		type resolved struct {
			canonical bool
			alts      []alt
			marks     []string
		}
		rs := make([]resolved, len(s.docs))
		workers.Each(len(s.docs), func(i int) {
			p, r := s.docs[i], &rs[i]
			if !p.HTML {
				return
			}
			r.canonical = s.selfCanonical(p)
			seen := map[string]bool{}
			for _, a := range p.Alternates {
				ra := s.resolveAlt(p, a)
				if !seen[ra.lang] {
					seen[ra.lang] = true
					r.alts = append(r.alts, ra)
				}
			}
			for _, a := range p.Hreflang {
				if ra := s.resolveAlt(p, a); ra.page != nil {
					r.marks = append(r.marks, markKey(ra))
				}
			}
		})
		for i, p := range s.docs { // in path order
			if !p.HTML {
				continue
			}
			ix.canonical[p.Path] = rs[i].canonical
			if len(rs[i].alts) > 0 {
				ix.alts[p.Path] = rs[i].alts
			}
			for _, k := range rs[i].marks {
				if m := ix.marked[k]; len(m) == 0 || m[len(m)-1] != p {
					ix.marked[k] = append(m, p)
				}
			}
		}
		for _, p := range s.docs {
			if !ix.canonical[p.Path] {
				continue
			}
			for _, a := range ix.alts[p.Path] {
				if a.page != nil && a.lang != xDefault && a.key != p.Path {
					ix.listedBy[a.key] = append(ix.listedBy[a.key], p)
				}
			}
		}
		s.hreflang = ix
	})
	return s.hreflang
}

func markKey(a alt) string { return a.lang + " " + a.key }

func (s *Site) resolveAlt(p *Page, a Alternate) alt {
	out := alt{lang: strings.ToLower(a.Hreflang), key: strings.TrimSpace(a.URL), ref: a}
	if t := s.classify(p, a.URL); t.kind == internalLink && t.outside == "" && t.exists {
		out.key, out.page = t.rel, s.pages[t.rel]
	}
	return out
}

// selfCanonical is true for a page without a canonical link or whose
// canonical link names itself. Other pages are copies (the root 404.html
// is the source language's): search engines skip their alternates, and
// so do the reciprocity rules.
func (s *Site) selfCanonical(p *Page) bool {
	if len(p.Canonical) == 0 {
		return true
	}
	t := s.classify(p, p.Canonical[0].URL)
	return t.kind == internalLink && t.exists && t.rel == p.Path
}

// hreflang applies the language rules to one page: every hreflang value
// is a language tag and matches the <html lang> of the page it points
// to; the alternates name the page itself, no language twice, and the
// same set as every page they name (reciprocity across all languages).
// Each problem is reported on the page that has to change.
func (c *pageCheck) hreflang() {
	ix := c.site.hreflangIndex()
	for _, a := range c.page.Hreflang {
		c.hreflangTarget(ix, a)
	}
	p := c.page
	if !ix.canonical[p.Path] {
		return
	}
	byLang := map[string]alt{}
	for _, a := range p.Alternates {
		r := c.site.resolveAlt(p, a)
		if first, dup := byLang[r.lang]; dup && first.key != r.key {
			c.refErrorf(a.Ref, "hreflang-duplicate", "hreflang=%q is given twice, for %s and %s", a.Hreflang, first.key, r.key)
		} else if !dup {
			byLang[r.lang] = r
		}
	}
	mine := ix.alts[p.Path]
	has := func(key string) int { return slices.IndexFunc(mine, func(a alt) bool { return a.key == key }) }
	if len(mine) > 0 && has(p.Path) < 0 {
		c.l.Errorf(c.file, mine[0].ref.Line, mine[0].ref.Col, "hreflang-self", "the page lists hreflang alternates but not itself")
		c.l.Suggest(`add <link rel="alternate" hreflang="%s" href="%s">`, p.Lang, c.site.pageURL(p.Path))
	}
	at := p.LangAt
	if len(mine) > 0 {
		at = mine[0].ref.Ref
	}
	// Reciprocity first: a partner this page does not list at all is one
	// problem, however many other pages also list that partner.
	partners := c.partners(ix)
	reported := map[string]bool{}
	for _, q := range partners {
		if has(q.Path) < 0 {
			c.l.Errorf(c.file, at.Line, at.Col, "hreflang-return", "%s lists this page as an hreflang alternate, but this page does not list %s back", q.Path, q.Path)
			c.l.Suggest(`add <link rel="alternate" hreflang="%s" href="%s">`, ix.selfLang(q), c.site.pageURL(q.Path))
			reported[q.Path] = true
		}
	}
	for _, q := range partners {
		for _, theirs := range ix.alts[q.Path] {
			if theirs.key == p.Path || theirs.key == q.Path || reported[theirs.key] {
				continue // the pages' own entries: hreflang-lang judges those against <html lang>
			}
			i := has(theirs.key)
			switch {
			case i < 0:
				c.l.Errorf(c.file, at.Line, at.Col, "hreflang-missing", "%s lists %s as its %s alternate, but this page does not", q.Path, theirs.key, theirs.ref.Hreflang)
				c.l.Suggest(`add <link rel="alternate" hreflang="%s" href="%s">; every page of a set of translations lists the same alternates`, theirs.ref.Hreflang, strings.TrimSpace(theirs.ref.URL))
			case mine[i].lang != theirs.lang && !oneMatches(mine[i], theirs):
				c.refErrorf(mine[i].ref.Ref, "hreflang-conflict", "this page gives %s as hreflang=%q, but %s gives it as %q", theirs.key, mine[i].ref.Hreflang, q.Path, theirs.ref.Hreflang)
			default:
				continue
			}
			reported[theirs.key] = true
		}
	}
}

// oneMatches is true when exactly one of two values given to the same
// page matches its <html lang>: hreflang-lang reports the other, and a
// conflict would only say it again.
func oneMatches(a, b alt) bool {
	if a.page == nil || a.page.Lang == "" {
		return false
	}
	return langMatches(a.lang, a.page.Lang) != langMatches(b.lang, a.page.Lang)
}

// selfLang is the hreflang a page gives itself, or failing that its
// <html lang>.
func (ix *hreflangIndex) selfLang(q *Page) string {
	for _, a := range ix.alts[q.Path] {
		if a.key == q.Path {
			return a.ref.Hreflang
		}
	}
	return q.Lang
}

// partners are the other pages of the page's set of translations: those
// it lists and those that list it as a language (not as x-default, which
// may be a shared language chooser), when they are their own canonical.
func (c *pageCheck) partners(ix *hreflangIndex) []*Page {
	seen := map[string]bool{c.page.Path: true}
	var out []*Page
	add := func(q *Page) {
		if q != nil && !seen[q.Path] && ix.canonical[q.Path] {
			seen[q.Path] = true
			out = append(out, q)
		}
	}
	for _, a := range ix.alts[c.page.Path] {
		if a.lang != xDefault {
			add(a.page)
		}
	}
	for _, q := range ix.listedBy[c.page.Path] {
		add(q)
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// hreflangTarget checks one hreflang attribute: a valid value, and a
// target page in that language. A wrong language is reported on the first
// page that marks the target so, naming how many others do.
func (c *pageCheck) hreflangTarget(ix *hreflangIndex, a Alternate) {
	if !hreflangValue.MatchString(a.Hreflang) {
		c.refErrorf(a.Ref, "hreflang-value", "hreflang=%q is not a language tag", a.Hreflang)
		c.l.Suggest(`use a language tag such as "es" or "es-US", or "x-default" for the language chooser`)
		return
	}
	if strings.EqualFold(a.Hreflang, xDefault) {
		return
	}
	r := c.site.resolveAlt(c.page, a)
	target := r.page
	if target == nil || (target.Lang != "" && langMatches(a.Hreflang, target.Lang)) {
		return // link-broken, link-outside and --external say what else may be wrong
	}
	marked := ix.marked[markKey(r)]
	if len(marked) == 0 || marked[0] != c.page {
		return
	}
	also := ""
	if n := len(marked) - 1; n > 0 {
		also = fmt.Sprintf(" (and so do %d other pages)", n)
	}
	if target.Lang == "" {
		c.refErrorf(a.Ref, "hreflang-lang", "%q is marked hreflang=%q%s, but %s has no <html lang>", a.URL, a.Hreflang, also, r.key)
		c.l.Suggest(`give %s <html lang="%s">`, r.key, a.Hreflang)
		return
	}
	c.refErrorf(a.Ref, "hreflang-lang", "%q is marked hreflang=%q%s, but %s is <html lang=%q>", a.URL, a.Hreflang, also, r.key, target.Lang)
	c.l.Suggest("the page's lang or the hreflang is wrong; they must name the same language")
}

// langMatches is true when a page in lang is in the language hreflang
// names: the same tag, or a more precise one ("es-US" is "es").
func langMatches(hreflang, lang string) bool {
	if len(lang) > len(hreflang) && lang[len(hreflang)] == '-' {
		lang = lang[:len(hreflang)]
	}
	return strings.EqualFold(hreflang, lang)
}

// pageURL is the address of a page of the tree, as hreflang links name
// it.
func (s *Site) pageURL(rel string) string {
	return s.base.String() + strings.TrimSuffix(rel, "index.html")
}
