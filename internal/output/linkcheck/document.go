package linkcheck

import (
	"strings"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
)

// Ref is one reference a document makes (package htmldoc's model).
type Ref = htmldoc.Ref

// Alternate is a <link rel="alternate" hreflang> of a page.
type Alternate struct {
	Hreflang string
	Ref
}

// Page is what the checks need of one HTML file or style sheet.
type Page struct {
	Path string // slash-separated, relative to the site root
	HTML bool   // false for a style sheet, which has references only

	Refs []Ref
	IDs  map[string]int // id (or a[name]) → line of its first use
	Dups []Ref          // ids used a second time (URL holds the id)

	Lang      string // <html lang>, "" when absent
	HasLang   bool
	LangAt    Ref // position of the <html> tag, for problems about the page as a whole
	Base      string
	Canonical []Ref
	// Alternates are the hreflang alternates of the page (also in Refs,
	// where their existence is checked).
	Alternates []Alternate
	// Hreflang holds every reference with an hreflang attribute: the
	// language its target must be in.
	Hreflang []Alternate
}

// parse reads one HTML page.
func parse(rel string, data []byte) *Page { return FromDoc(rel, htmldoc.Parse(data)) }

// FromDoc is what the checks need of a parsed page: its references, ids,
// language, base, canonical and hreflang links.
func FromDoc(rel string, d *htmldoc.Doc) *Page {
	p := &Page{Path: rel, HTML: true, IDs: map[string]int{}}
	for i := range d.Tags {
		p.tag(&d.Tags[i])
	}
	p.Refs = make([]Ref, 0, len(d.Refs))
	for _, r := range d.Refs {
		if r.Kind != htmldoc.Base { // where the others resolve, not a link
			p.Refs = append(p.Refs, r)
		}
	}
	return p
}

// FromSheet is what the checks need of a style sheet: its references.
func FromSheet(rel string, css *htmldoc.CSS) *Page { return &Page{Path: rel, Refs: css.Refs} }

// tag records what one start tag declares and refers to.
func (p *Page) tag(t *htmldoc.Tag) {
	name, line, col := t.Name, t.Line, t.Col
	at := func(url, attr string) Ref { return Ref{URL: url, Tag: name, Attr: attr, Line: line, Col: col} }
	var rel, hreflang, href string
	var hasHref bool
	for _, a := range t.Attrs {
		key, val := a.Key, a.Val
		switch {
		case key == "id" || (name == "a" && key == "name"):
			if _, seen := p.IDs[val]; seen && key == "id" {
				p.Dups = append(p.Dups, at(val, key))
			} else if !seen {
				p.IDs[val] = line
			}
		case key == "lang" && name == "html":
			p.Lang, p.HasLang = strings.TrimSpace(val), true
		case key == "rel":
			rel = val
		case key == "hreflang":
			hreflang = val
		}
		if key == "href" {
			href, hasHref = val, true
		}
	}
	switch name {
	case "html":
		p.LangAt = at("", "lang")
	case "base":
		if hasHref && p.Base == "" {
			p.Base = href
		}
	}
	if hasHref && hreflang != "" {
		a := Alternate{Hreflang: strings.TrimSpace(hreflang), Ref: at(href, "href")}
		p.Hreflang = append(p.Hreflang, a)
		if name == "link" && htmldoc.HasToken(rel, "alternate") {
			p.Alternates = append(p.Alternates, a)
		}
	}
	if name == "link" && hasHref && htmldoc.HasToken(rel, "canonical") {
		p.Canonical = append(p.Canonical, at(href, "href"))
	}
}
