package budget

import (
	"mime"
	"net/url"
	"path"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// The policy: no script, nothing from another origin, no web font. It
// reads the tags, references and @font-face rules of the one model
// (package htmldoc).

// fontExts are the files a web font comes in.
var fontExts = []string{".woff", ".woff2", ".ttf", ".otf", ".eot"}

// tags checks what a page's start tags run or load by themselves:
// scripts, event handlers, font preloads.
func (c *Checker) tags(l *diag.List, file string, doc *htmldoc.Doc) {
	for i := range doc.Tags {
		t := &doc.Tags[i]
		if t.Name == "script" && !isDataBlock(t) {
			l.Errorf(file, t.Line, t.Col, RuleScript, "<script> runs code; the page must work without JavaScript (only <script type=\"application/ld+json\"> data blocks are allowed)")
			l.Suggest("remove the script; do what it did with HTML and CSS")
		}
		if t.Name == "link" {
			if rel, _ := t.Get("rel"); htmldoc.HasToken(rel, "preload") {
				if as, _ := t.Get("as"); strings.EqualFold(as, "font") {
					l.Errorf(file, t.Line, t.Col, RuleFont, "<link rel=\"preload\" as=\"font\"> loads a web font; the site uses the reader's own fonts")
					l.Suggest("remove the link and name system fonts in the CSS font-family")
				}
			}
		}
		for _, a := range t.Attrs {
			if strings.HasPrefix(a.Key, "on") && len(a.Key) > 2 {
				l.Errorf(file, t.Line, t.Col, RuleScript, "the %s attribute of <%s> runs code; the page must work without JavaScript", a.Key, t.Name)
				l.Suggest("remove the attribute")
			}
		}
	}
}

// isDataBlock reports whether a script element only carries data.
func isDataBlock(t *htmldoc.Tag) bool {
	typ, _ := t.Get("type")
	mt, _, err := mime.ParseMediaType(typ)
	return err == nil && mt == "application/ld+json"
}

// ref checks one reference of a page or style sheet whose address is
// base, and returns the address it loads from the site's own origin, if
// it loads one.
func (c *Checker) ref(l *diag.List, file string, r htmldoc.Ref, base *url.URL) (*url.URL, bool) {
	if !r.FromCSS() && htmldoc.IsJavaScriptURL(r.URL) {
		l.Errorf(file, r.Line, r.Col, RuleScript, "<%s %s=%q> runs code; the page must work without JavaScript", r.Tag, r.Attr, r.URL)
		l.Suggest("link to a page instead")
		return nil, false
	}
	// A link the reader follows may go anywhere: only what it runs
	// matters, and most of a page's addresses are links.
	if r.Kind == htmldoc.Follow {
		return nil, false
	}
	target, ok := resolve(r, base)
	if !ok {
		return nil, false
	}
	if c.foreign(target) {
		switch {
		case r.FromCSS():
			l.Errorf(file, r.Line, r.Col, RuleOrigin, "the CSS loads %q from %s, another origin; every request must go to the site's own origin, %s", r.URL, origin(target), origin(c.base))
		case r.Kind == htmldoc.Submit:
			l.Errorf(file, r.Line, r.Col, RuleOrigin, "<%s %s=%q> sends a form to %s, another origin; every request must go to the site's own origin, %s", r.Tag, r.Attr, r.URL, origin(target), origin(c.base))
		default:
			l.Errorf(file, r.Line, r.Col, RuleOrigin, "<%s %s=%q> loads from %s, another origin; every request must go to the site's own origin, %s", r.Tag, r.Attr, r.URL, origin(target), origin(c.base))
		}
		l.Suggest("put the file in the theme's assets and refer to it by its path, or remove it")
		return nil, false
	}
	return target, true
}

// resolve is the address r names, read from a file at base; false when
// it does not parse (linkcheck reports malformed addresses).
func resolve(r htmldoc.Ref, base *url.URL) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(r.URL))
	if err != nil {
		return nil, false
	}
	return base.ResolveReference(u), true
}

// sheet checks a style sheet of the tree.
func (c *Checker) sheet(l *diag.List, rel string, sheet *htmldoc.CSS) {
	file, base := c.name(rel), c.urlOf(rel)
	for _, at := range sheet.FontFaces {
		fontFace(l, file, at)
	}
	for _, r := range sheet.Refs {
		c.ref(l, file, r, base)
	}
}

func fontFace(l *diag.List, file string, at htmldoc.Pos) {
	l.Errorf(file, at.Line, at.Col, RuleFont, "@font-face loads a web font; the site uses the reader's own fonts")
	l.Suggest("remove the @font-face rule and name system fonts in font-family")
}

// fontFile refuses a web font file.
func (c *Checker) fontFile(l *diag.List, rel string) {
	if slices.Contains(fontExts, strings.ToLower(path.Ext(rel))) {
		l.Errorf(c.name(rel), 0, 0, RuleFont, "%s is a web font; the site uses the reader's own fonts", rel)
		l.Suggest("delete the font file and name system fonts in the CSS font-family")
	}
}
