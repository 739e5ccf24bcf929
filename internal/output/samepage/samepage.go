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
	"net/url"
	"slices"
	"strconv"
	"strings"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Feature is one thing a page does: an element, an attribute of an
// element, the value of a behaviour attribute (or one class) of an
// element, an address, a host.
type Feature struct {
	What    string // "element", "attribute", "value", "class", "address", "host"
	Element string // the element's name, for the first four
	Name    string // the attribute's name; the class; the address; the host
	Value   string // the value of a behaviour attribute
}

func (f Feature) String() string {
	switch f.What {
	case "element":
		return "the element <" + f.Element + ">"
	case "attribute":
		return "the attribute " + f.Name + " on <" + f.Element + ">"
	case "value":
		return f.Name + "=" + strconv.Quote(f.Value) + " on <" + f.Element + ">"
	case "class":
		return "the class " + strconv.Quote(f.Name) + " on <" + f.Element + ">"
	}
	return "the " + f.What + " " + f.Name
}

// Features are what a page does, as a set; each keeps where it first
// occurs, for the report. A struct key, not a string: a page's every tag
// and attribute is looked up, and building a string for each would cost
// as much as parsing the page.
type Features map[Feature]htmldoc.Pos

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
	// A page has a few hundred features however long it is: size the set
	// once rather than grow it.
	f := make(Features, 256)
	add := func(k Feature, line, col int) {
		if _, seen := f[k]; !seen {
			f[k] = htmldoc.Pos{Line: line, Col: col}
		}
	}
	for i := range doc.Tags {
		t := &doc.Tags[i]
		add(Feature{What: "element", Element: t.Name}, t.Line, t.Col)
		for _, a := range t.Attrs {
			if language[a.Key] {
				continue
			}
			add(Feature{What: "attribute", Element: t.Name, Name: a.Key}, t.Line, t.Col)
			if !behaviour[a.Key] {
				continue
			}
			if a.Key == "class" {
				for c := range strings.FieldsSeq(a.Val) {
					add(Feature{What: "class", Element: t.Name, Name: c}, t.Line, t.Col)
				}
				continue
			}
			add(Feature{What: "value", Element: t.Name, Name: a.Key, Value: strings.ToLower(strings.TrimSpace(a.Val))}, t.Line, t.Col)
		}
	}
	page := pageURL(base, rel)
	seen := make(map[string]bool, len(doc.Refs))
	for _, r := range doc.Refs {
		if seen[r.URL] {
			continue // the first place is the one reported
		}
		seen[r.URL] = true
		u := normalize(page, r.URL, base, lang, source)
		add(Feature{What: "address", Name: u}, r.Line, r.Col)
		if h := host(u); h != "" {
			add(Feature{What: "host", Name: h}, r.Line, r.Col)
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
	for _, k := range []Feature{
		{What: "element", Element: "aside"}, {What: "attribute", Element: "aside", Name: "class"}, {What: "attribute", Element: "aside", Name: "aria-label"},
		{What: "element", Element: "p"}, {What: "element", Element: "strong"},
		{What: "element", Element: "a"}, {What: "attribute", Element: "a", Name: "href"},
		{What: "element", Element: "span"}, {What: "element", Element: "time"}, {What: "attribute", Element: "time", Name: "datetime"},
		{What: "address", Name: english},
	} {
		f[k] = htmldoc.Pos{}
	}
	for _, c := range noticeClasses {
		for _, el := range []string{"aside", "span", "p", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"} {
			f[Feature{What: "class", Element: el, Name: c}] = htmldoc.Pos{}
			f[Feature{What: "attribute", Element: el, Name: "class"}] = htmldoc.Pos{}
		}
	}
	return f
}

// Check reports, at the translated page's file, everything it has that
// neither its English page nor the allowance has.
func Check(file string, translated, english, allowance Features, l *diag.List) {
	var extra []Feature
	for k := range translated {
		if _, ok := english[k]; ok {
			continue
		}
		if _, ok := allowance[k]; ok {
			continue
		}
		extra = append(extra, k)
	}
	slices.SortFunc(extra, func(a, b Feature) int {
		pa, pb := translated[a], translated[b]
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		if pa.Col != pb.Col {
			return pa.Col - pb.Col
		}
		return strings.Compare(a.String(), b.String())
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
