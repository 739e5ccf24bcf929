package translation

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gext "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// A translated block keeps its English block's shape: what the reader's
// browser is given besides the words. The shape is read from the block's
// goldmark tree, parsed with every extension Hugo turns on by default
// (tables, strikethrough, bare URLs, task lists, definition lists,
// footnotes) and heading attributes, as Hugo parses it; and from the
// text itself, for what a browser would take as markup where goldmark
// does not, and for Hugo's shortcodes, which Hugo runs before goldmark
// sees the page.

// Shape is what of a block a translation must keep.
type Shape struct {
	// Blocks are the block nodes, in document order, each opened with
	// "kind(" and closed with ")": the kind and nesting.
	Blocks []string
	// Links are the link and image addresses, in order ("link URL",
	// "image URL"), inline, by reference or bare.
	Links []string
	// Marks count the inline marks: emphasis, strong, code, strikethrough.
	Marks map[string]int
	// HeadingID is the heading's {#id}; Attributes are any other
	// attributes it is given ({.class}, {hidden=""}).
	HeadingID  string
	Attributes []string
	// HTML is raw HTML goldmark found, and text a browser would read as
	// a tag (<meta/...>) where goldmark does not.
	HTML []string
	// Definitions are the link reference definitions the text makes
	// ([label]: address), by label.
	Definitions map[string]string
	// Shortcodes are Hugo shortcodes ({{< ... >}}, {{% ... %}}), as
	// written, and any {{< or {{% that opens one.
	Shortcodes []string
}

// checker parses as Hugo's goldmark does (see the default configuration
// in Hugo's markup/goldmark/goldmark_config.go).
var checker = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList, extension.DefinitionList, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// ShapeOf reads the shape of a block's text. refs are the link reference
// definitions of the page around it (label to address), so that a
// reference link is seen with its address.
func ShapeOf(kind BlockKind, s string, refs map[string]string) Shape {
	sh := shapeOfDoc([]byte(inContext(kind, s)), refs)
	sh.Shortcodes = shortcodes(s)
	sh.HTML = append(sh.HTML, tagLike(withoutAutolinks(s))...)
	return sh
}

// inContext is a block's text as Markdown that makes it the kind of block
// it is on its page: a heading's text after a #, an item's after a list
// marker (where "[ ] " makes a checkbox, as it does on the page).
func inContext(kind BlockKind, s string) string {
	switch kind {
	case Heading:
		return "# " + s
	case Item:
		return "- " + strings.ReplaceAll(s, "\n", "\n  ")
	}
	return s
}

// shapeOfDoc reads the shape of a whole Markdown text.
func shapeOfDoc(src []byte, refs map[string]string) Shape {
	ctx := parser.NewContext()
	for label, dest := range refs {
		ctx.AddReference(parser.NewReference([]byte(label), []byte(dest), nil))
	}
	doc := checker.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	sh := Shape{Marks: map[string]int{}, Definitions: map[string]string{}}
	for _, r := range ctx.References() {
		label := strings.ToLower(string(r.Label()))
		if _, given := refs[label]; !given {
			sh.Definitions[label] = string(r.Destination())
		}
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument {
			if entering {
				kind := n.Kind().String()
				switch n := n.(type) {
				case *ast.List:
					if n.IsOrdered() {
						kind = fmt.Sprintf("OrderedList from %d", n.Start)
					}
				case *ast.Heading:
					kind = fmt.Sprintf("Heading level %d", n.Level)
				}
				sh.Blocks = append(sh.Blocks, kind+"(")
			} else {
				sh.Blocks = append(sh.Blocks, ")")
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			for _, a := range n.Attributes() {
				name := string(a.Name)
				if v, ok := a.Value.([]byte); ok && name == "id" && len(v) > 0 {
					sh.HeadingID = string(v)
					continue
				}
				sh.Attributes = append(sh.Attributes, name)
			}
		case *ast.Emphasis:
			if n.Level == 2 {
				sh.Marks["strong"]++
			} else {
				sh.Marks["emphasis"]++
			}
		case *ast.CodeSpan:
			sh.Marks["code"]++
		case *gext.Strikethrough:
			sh.Marks["strikethrough"]++
		case *gext.TaskCheckBox:
			sh.Marks["checkbox"]++
		case *ast.Link:
			sh.Links = append(sh.Links, "link "+string(n.Destination))
		case *ast.Image:
			sh.Links = append(sh.Links, "image "+string(n.Destination))
		case *ast.AutoLink:
			sh.Links = append(sh.Links, "link "+string(n.URL(src)))
		case *ast.RawHTML:
			segs := n.Segments
			var b strings.Builder
			for i := range segs.Len() {
				seg := segs.At(i)
				b.Write(seg.Value(src))
			}
			sh.HTML = append(sh.HTML, b.String())
		case *ast.HTMLBlock:
			sh.HTML = append(sh.HTML, "an HTML block")
		}
		return ast.WalkContinue, nil
	})
	return sh
}

// PageDefinitions are the link reference definitions of a page body, by
// label (lower case, as goldmark matches them).
func PageDefinitions(body []byte) map[string]string {
	defs, _ := bodyFacts(body)
	return defs
}

// outsideUnits are the kinds of block that are no unit, nor hold one as
// their own text, and that a translation may therefore add between its
// units unseen by the block checks: code (where Hugo still runs
// shortcodes), a quote around units, a rule, a definition list, the
// footnotes. Paragraphs, headings, lists and tables are units, held to
// their English one by one.
var outsideUnits = map[string]bool{
	"CodeBlock": true, "FencedCodeBlock": true, "Blockquote": true, "ThematicBreak": true,
	"DefinitionList": true, "DefinitionTerm": true, "DefinitionDescription": true, "Footnote": true, "FootnoteList": true,
}

// pageKinds are the kinds of block node (of outsideUnits) a page body
// has, each with the line (in body, from 1) it first occurs on.
func pageKinds(body []byte) map[string]int {
	_, kinds := bodyFacts(body)
	return kinds
}

// bodyFacts are a page body's link reference definitions (PageDefinitions)
// and the kinds of block it has outside units (pageKinds), from one parse.
func bodyFacts(body []byte) (defs map[string]string, kinds map[string]int) {
	ctx := parser.NewContext()
	doc := checker.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	defs = map[string]string{}
	for _, r := range ctx.References() {
		defs[strings.ToLower(string(r.Label()))] = string(r.Destination())
	}
	kinds = map[string]int{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Kind() == ast.KindDocument {
			return ast.WalkContinue, nil
		}
		k := n.Kind().String()
		if _, seen := kinds[k]; !seen && outsideUnits[k] {
			kinds[k] = 1 + bytes.Count(body[:firstByte(n)], []byte("\n"))
		}
		return ast.WalkContinue, nil
	})
	return defs, kinds
}

// firstByte is where a block node's text starts: its first line, or its
// first child's.
func firstByte(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

var (
	shortcodePattern = regexp.MustCompile(`(?s)\{\{[<%].*?[>%]\}\}`)
	shortcodeOpen    = regexp.MustCompile(`\{\{\s*[<%]`)
	autolinkPattern  = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|<[A-Za-z0-9.!#$%&'*+/=?^_` + "`" + `{|}~-]+@[A-Za-z0-9.-]+>`)
)

// shortcodes lists the shortcodes of s as written, and one entry for
// each opening ({{<, {{%, also with spaces) that is not part of one.
func shortcodes(s string) []string {
	found := shortcodePattern.FindAllString(s, -1)
	rest := shortcodePattern.ReplaceAllString(s, "")
	for range shortcodeOpen.FindAllString(rest, -1) {
		found = append(found, "an unclosed {{< or {{%")
	}
	return found
}

// withoutAutolinks is s without its autolinks (<https://...>, <a@b.c>),
// whose < a browser never sees.
func withoutAutolinks(s string) string {
	return autolinkPattern.ReplaceAllString(s, "")
}

// ShapeProblems says how a translated block's shape departs from its
// English block's. source and target are the language codes: a link to
// /<source>/... may point to /<target>/... instead.
func ShapeProblems(english, translated Shape, source, target string) []string {
	var out []string
	if !slices.Equal(english.Blocks, translated.Blocks) {
		out = append(out, fmt.Sprintf("its Markdown makes %s where English makes %s (a blank line, a line of === or ---, or a line starting with #, >, - or a number?)", describeBlocks(translated.Blocks), describeBlocks(english.Blocks)))
	}
	links := make([]string, len(translated.Links))
	for i, link := range translated.Links {
		links[i] = link
		kind, dest, _ := strings.Cut(link, " ")
		if rest, ok := strings.CutPrefix(dest, "/"+target+"/"); ok && target != "" {
			links[i] = kind + " /" + source + "/" + rest
		}
	}
	if !slices.Equal(english.Links, links) {
		out = append(out, fmt.Sprintf("the link addresses must be the English ones, in order: %s; found %s", quoteList(addresses(english.Links)), quoteList(addresses(translated.Links))))
	}
	if !maps.Equal(english.Marks, translated.Marks) {
		out = append(out, fmt.Sprintf("it must keep the English marks (%s); found %s", describeMarks(english.Marks), describeMarks(translated.Marks)))
	}
	if english.HeadingID != translated.HeadingID {
		if english.HeadingID == "" {
			out = append(out, fmt.Sprintf("the English heading has no id; remove {#%s}", translated.HeadingID))
		} else {
			found := "none"
			if translated.HeadingID != "" {
				found = "{#" + translated.HeadingID + "}"
			}
			out = append(out, fmt.Sprintf("the heading must end with {#%s}, as in English (links point to it); found %s", english.HeadingID, found))
		}
	}
	return append(out, addedMarkup(english, translated)...)
}

// AddedProblems is the part of ShapeProblems that does not depend on
// which English a block was made from: what it adds that English does
// not have at all (a link or image address not among the English ones,
// HTML, a reference definition, a shortcode, a heading attribute).
func AddedProblems(english, translated Shape, source, target string) []string {
	var out []string
	have := map[string]bool{}
	for _, link := range english.Links {
		have[link] = true
	}
	for _, link := range translated.Links {
		kind, dest, _ := strings.Cut(link, " ")
		if rest, ok := strings.CutPrefix(dest, "/"+target+"/"); ok && target != "" {
			dest = "/" + source + "/" + rest
		}
		if !have[kind+" "+dest] {
			out = append(out, fmt.Sprintf("the address %q is not among the English block's", dest))
		}
	}
	return append(out, addedMarkup(english, translated)...)
}

// addedMarkup is what a translated block has that no English block of
// its kind may give it: heading attributes, HTML, a reference
// definition, a shortcode.
func addedMarkup(english, translated Shape) []string {
	var out []string
	if len(translated.Attributes) > 0 {
		out = append(out, fmt.Sprintf("a heading may have only its id; remove %s from the {...}", strings.Join(translated.Attributes, ", ")))
	}
	if extra := notIn(translated.HTML, english.HTML); len(extra) > 0 {
		out = append(out, fmt.Sprintf("raw HTML is not allowed (%q): a browser would read it as a tag; write the words only", short(extra[0])))
	}
	for _, label := range slices.Sorted(maps.Keys(translated.Definitions)) {
		if dest := translated.Definitions[label]; english.Definitions[label] != dest {
			out = append(out, fmt.Sprintf("a link reference definition [%s]: %s is not in the English; keep links as the English writes them", label, dest))
		}
	}
	if extra := notIn(translated.Shortcodes, english.Shortcodes); len(extra) > 0 {
		out = append(out, fmt.Sprintf("a Hugo shortcode (%s) is not in the English block; remove it", short(extra[0])))
	}
	return out
}

// notIn lists the items of a that b does not have as often.
func notIn(a, b []string) []string {
	have := map[string]int{}
	for _, x := range b {
		have[x]++
	}
	var out []string
	for _, x := range a {
		if have[x] > 0 {
			have[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

func addresses(links []string) []string {
	out := make([]string, len(links))
	for i, l := range links {
		_, out[i], _ = strings.Cut(l, " ")
	}
	return out
}

func describeBlocks(blocks []string) string {
	var b strings.Builder
	for _, x := range blocks {
		if x == ")" {
			b.WriteString(")")
			continue
		}
		if w := b.String(); w != "" && !strings.HasSuffix(w, "(") {
			b.WriteString(", ")
		}
		b.WriteString(strings.ToLower(x))
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return strings.ReplaceAll(b.String(), "()", "")
}

func describeMarks(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
