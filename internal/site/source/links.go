package source

import (
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// checkInternalLinks holds every link of every English page that leads
// into the site to the pages the site will have (every language's pages;
// drafts only in a preview), so that a link to a page that does not exist
// is found before a revision records it, at its Markdown line. The built
// site's link check still checks fragments, assets and what templates
// write. Translations keep the English links (their own check).
func (s *Site) checkInternalLinks(o Options, l *diag.List) {
	base, err := url.Parse(s.BaseURL)
	src := slices.IndexFunc(s.Languages, func(x Language) bool { return x.Code == s.SourceLanguage })
	if err != nil || base.Host == "" || src < 0 || s.Languages[src].ContentDir == "" {
		return // the configuration's own errors say what is wrong
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	pages := map[string]bool{base.Path: true} // the root chooses a language
	var listed []string
	for _, lang := range s.Languages {
		if (lang.Draft && o.Production) || lang.ContentDir == "" {
			continue
		}
		for _, rel := range contentPages(filepath.Join(s.Root, lang.ContentDir)) {
			p := base.Path + PagePath(lang.Code, rel)
			pages[p] = true
			if lang.Code == s.SourceLanguage {
				listed = append(listed, p)
			}
		}
	}
	english := s.Languages[src]
	for _, page := range s.EnglishPages {
		if page.Broken {
			continue
		}
		rel := strings.TrimPrefix(page.File, english.ContentDir+"/")
		self := base.ResolveReference(&url.URL{Path: base.Path + PagePath(english.Code, rel)})
		lines := strings.Split(page.Source, "\n")
		for _, b := range page.Blocks {
			for _, link := range translation.FactsOf(b.Kind, b.Text).Links {
				target, ok := pageTarget(self, base, link)
				if !ok || pages[target] {
					continue
				}
				line, col := findLink(lines, b.Line, link)
				l.Errorf(page.File, line, col, "link-missing-page", "%q leads to %s, which is not a page of the site", link, target)
				if o.Production && slices.ContainsFunc(s.Languages, func(x Language) bool {
					return x.Draft && strings.HasPrefix(target, base.Path+x.Code+"/")
				}) {
					l.Suggest("that language is a draft, which production does not publish; link to it once it is published")
					continue
				}
				l.Suggest("link to one of the site's pages (%s), or add the page (content/%s/NAME.md is %sNAME/)", strings.Join(listed, ", "), english.Code, base.Path+english.Code+"/")
			}
		}
	}
}

// PagePath is the address, relative to the site's base, Hugo gives the
// page at rel (a slash path in a language's content folder): "_index.md"
// is the language's home, "notice.md" and "notice/index.md" are
// "notice/". Hugo makes addresses lower case.
func PagePath(lang, rel string) string {
	dir, name := path.Split(strings.TrimSuffix(rel, ".md"))
	if name != "_index" && name != "index" {
		dir += name + "/"
	}
	return strings.ToLower(lang + "/" + dir)
}

// pageTarget is the page a link leads to, as a path from the host, when
// it leads into the site and names a page (not a file such as feed.xml,
// nor only a fragment of the page itself).
func pageTarget(self, base *url.URL, link string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme == "" && u.Host == "" && u.Path == "") {
		return "", false
	}
	abs := self.ResolveReference(u)
	if abs.Host != base.Host || (abs.Scheme != "https" && abs.Scheme != "http") {
		return "", false
	}
	p := abs.Path
	p = strings.TrimSuffix(p, "index.html")
	if path.Ext(p) != "" {
		return "", false
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return strings.ToLower(p), true
}

// findLink finds where a link's address is written, from the block's
// first line on (the block's text is trimmed, so its own offsets are not
// the file's).
func findLink(lines []string, from int, link string) (line, col int) {
	for i := max(from-1, 0); i < len(lines); i++ {
		if c := strings.Index(lines[i], link); c >= 0 {
			return i + 1, c + 1
		}
	}
	return from, 1
}
