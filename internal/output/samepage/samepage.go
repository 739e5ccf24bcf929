// Package samepage is the build's last gate on translations: a translated
// page may say other words than its English page, never do other things.
// It compares each built translated page with the English page at the
// same path, read from the document model (package htmldoc), and refuses
// any element, attribute, address or host the English page lacks. It
// knows nothing of Markdown or of the i18n files: whatever got through
// the checks on the input (package translation), a meta refresh, a link
// to a new host, an event handler or a hidden attribute shows here.
//
// What legitimately differs is allowed by rule, each named below: the
// page's own language in its addresses (/es/ for /en/), the languages'
// names and directions (lang, dir, hreflang), and the notice the theme
// puts on every translated page (courtesy_notice, stale_notice and the
// marks on stale blocks), which links only to the English page.
package samepage

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Features are what a page does, as sets: its elements, its attributes
// by element, the values of the attributes that change what an element
// does, its addresses and the hosts they name. Each entry keeps where it
// first occurs, for the report.
type Features map[string]htmldoc.Pos

// behaviour are the attributes whose value, not only their presence,
// changes what the element does.
var behaviour = map[string]bool{
	"http-equiv": true, "rel": true, "target": true, "type": true, "method": true,
	"name": true, "property": true, "download": true, "role": true, "class": true,
	"tabindex": true, "hidden": true, "inert": true, "popover": true, "contenteditable": true,
}

// language are the attributes that say what language and direction an
// element's text is in: a translated page has them where English has
// none, on a part still shown in English or a language's name.
var language = map[string]bool{"lang": true, "dir": true, "hreflang": true, "xml:lang": true}

// noticeClasses are the classes of the theme's notice on translated
// pages and its marks on stale blocks (courtesy-notice.html,
// stale-mark.html, statement-content.html).
var noticeClasses = []string{"notice", "stale", "stale-mark"}

// Of reads the features of a page at rel (a slash path in the built
// tree), a page in language lang ("" for the English page). Addresses
// are made absolute against the page's address on base, and then a path
// in /<lang>/ is written as in /<source>/, so that the translated page's
// links into its own language compare equal with the English page's.
func Of(doc *htmldoc.Doc, rel, base, lang, source string) Features {
	f := Features{}
	add := func(key string, line, col int) {
		if _, seen := f[key]; !seen {
			f[key] = htmldoc.Pos{Line: line, Col: col}
		}
	}
	for i := range doc.Tags {
		t := &doc.Tags[i]
		add("element <"+t.Name+">", t.Line, t.Col)
		for _, a := range t.Attrs {
			if language[a.Key] {
				continue
			}
			add(fmt.Sprintf("attribute %s on <%s>", a.Key, t.Name), t.Line, t.Col)
			if !behaviour[a.Key] {
				continue
			}
			if a.Key == "class" {
				for c := range strings.FieldsSeq(a.Val) {
					add(fmt.Sprintf("class %q on <%s>", c, t.Name), t.Line, t.Col)
				}
				continue
			}
			add(fmt.Sprintf("%s=%q on <%s>", a.Key, strings.ToLower(strings.TrimSpace(a.Val)), t.Name), t.Line, t.Col)
		}
	}
	page := pageURL(base, rel)
	for _, r := range doc.Refs {
		u := normalize(page, r.URL, base, lang, source)
		add("address "+u, r.Line, r.Col)
		if h := host(u); h != "" {
			add("host "+h, r.Line, r.Col)
		}
	}
	return f
}

// pageURL is the address the page at rel is served at.
func pageURL(base, rel string) *url.URL {
	b, err := url.Parse(base)
	if err != nil || b.Scheme == "" {
		b = &url.URL{Scheme: "https", Host: "site.invalid", Path: "/"}
	}
	p := "/" + strings.TrimPrefix(rel, "/")
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	return b.ResolveReference(&url.URL{Path: strings.TrimSuffix(b.Path, "/") + p})
}

// normalize resolves an address against the page's, keeps its fragment,
// and writes a path in the page's language as the source language's.
func normalize(page *url.URL, raw, base, lang, source string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "unreadable " + raw
	}
	abs := page.ResolveReference(u)
	if abs.Host == page.Host && lang != "" {
		prefix := "/" + lang + "/"
		if rest, ok := strings.CutPrefix(abs.Path, prefix); ok {
			abs.Path = "/" + source + "/" + rest
		} else if abs.Path == "/"+lang {
			abs.Path = "/" + source
		}
	}
	return abs.String()
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if p.Scheme == "mailto" || p.Scheme == "tel" {
		return p.Scheme + ":" + p.Opaque
	}
	return p.Host
}

// Allowance is what the theme adds to every translated page that its
// English page does not have: the notice, which links to the English
// page (english, its address as the translated page links it), with
// its classes and the time of the English revision it names.
func Allowance(english string) Features {
	f := Features{}
	for _, k := range []string{
		"element <aside>", "attribute class on <aside>", "attribute aria-label on <aside>",
		"element <p>", "element <strong>", "element <a>", "attribute href on <a>",
		"element <span>", "attribute class on <span>", "element <time>", "attribute datetime on <time>",
		"address " + english,
	} {
		f[k] = htmldoc.Pos{}
	}
	for _, c := range noticeClasses {
		for _, el := range []string{"aside", "span", "p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"} {
			f[fmt.Sprintf("class %q on <%s>", c, el)] = htmldoc.Pos{}
			f[fmt.Sprintf("attribute class on <%s>", el)] = htmldoc.Pos{}
		}
	}
	return f
}

// Check reports, at the translated page's file, everything it has that
// neither its English page nor the allowance has.
func Check(file string, translated, english, allowance Features, l *diag.List) {
	var extra []string
	for k := range translated {
		if _, ok := english[k]; ok {
			continue
		}
		if _, ok := allowance[k]; ok {
			continue
		}
		extra = append(extra, k)
	}
	slices.SortFunc(extra, func(a, b string) int {
		pa, pb := translated[a], translated[b]
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		if pa.Col != pb.Col {
			return pa.Col - pb.Col
		}
		return strings.Compare(a, b)
	})
	for _, k := range extra {
		p := translated[k]
		l.Errorf(file, p.Line, p.Col, "translation-adds", "the translated page has %s, which its English page does not: a translation may change the words, never what the page does", k)
		l.Suggest("find what put it there in this language's files (content/, i18n/) and write it as the English has it")
	}
}

// Address is the absolute address of a path of the site on base, as Of
// writes addresses.
func Address(base, p string) string {
	return pageURL(base, p).String()
}
