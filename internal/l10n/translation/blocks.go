package translation

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gext "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// A page is translated block by block: each heading, paragraph, list item
// and table cell is a unit with its own English hash, so a change to one
// English paragraph makes exactly that block stale. Blocks are what Hugo's
// Markdown renderer (goldmark, which Hugo embeds) sees as blocks: the page
// is parsed with the same library and the extensions Hugo turns on that
// change block structure (tables, strikethrough, bare URLs as links).

// BlockKind is what a block is; a translation keeps each block's kind.
type BlockKind string

const (
	Heading   BlockKind = "heading"
	Paragraph BlockKind = "paragraph"
	Item      BlockKind = "item" // a list item's own text
	Cell      BlockKind = "cell" // a table cell
)

// Block is one translatable block of a page body.
type Block struct {
	Kind BlockKind
	// Text is the block's inline Markdown as written: its lines, each
	// trimmed, joined by "\n"; without the heading's #s or the list
	// marker, with the heading id ({#resources}) kept.
	Text string
	// Line is the block's first line, counted in the text parsed.
	Line int
	// start and end are the byte span of the text in the parsed source;
	// prefix is what continuation lines start with (the list indent).
	start, end int
	prefix     string
}

// Facts are what a translation must keep of a block's English.
type Facts struct {
	Links     []string // link and image addresses, in order
	HeadingID string   // {#id} at the end of a heading
	RawHTML   bool     // an HTML tag, which the site does not render
	Blocks    int      // how many blocks the text makes on its own (1 for a sound unit)
	Shape     Shape    // all of it, for ShapeProblems
}

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))

// ParseBlocks cuts a page body into its translatable blocks, in document
// order. HTML blocks are not units (the site renders no raw HTML); their
// lines come back in html.
func ParseBlocks(body []byte) (blocks []Block, html []int) {
	doc := markdown.Parser().Parse(text.NewReader(body))
	lineOf := func(pos int) int { return bytes.Count(body[:pos], []byte("\n")) + 1 }
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var kind BlockKind
		switch n := n.(type) {
		case *ast.Heading:
			kind = Heading
		case *ast.Paragraph:
			kind = Paragraph
			if _, inItem := n.Parent().(*ast.ListItem); inItem {
				kind = Item
			}
		case *ast.TextBlock:
			kind = Item
		case *gext.TableCell:
			kind = Cell
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				html = append(html, lineOf(n.Lines().At(0).Start))
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		if lines.Len() == 0 {
			return ast.WalkSkipChildren, nil
		}
		var parts []string
		for i := range lines.Len() {
			seg := lines.At(i)
			parts = append(parts, strings.TrimSpace(string(seg.Value(body))))
		}
		start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
		for end > start && (body[end-1] == '\n' || body[end-1] == '\r' || body[end-1] == ' ' || body[end-1] == '\t') {
			end--
		}
		for start < end && (body[start] == ' ' || body[start] == '\t') {
			start++
		}
		lineStart := bytes.LastIndexByte(body[:start], '\n') + 1
		prefix := continuationPrefix(string(body[lineStart:start]))
		blocks = append(blocks, Block{Kind: kind, Text: strings.Join(parts, "\n"), Line: lineOf(start), start: start, end: end, prefix: prefix})
		return ast.WalkSkipChildren, nil
	})
	return blocks, html
}

var listMarker = regexp.MustCompile(`[-+*]|[0-9]{1,9}[.)]`)

// continuationPrefix is what a block's later lines start with, from what
// its first line has before the text: a list marker becomes spaces, a
// block quote's > stays.
func continuationPrefix(before string) string {
	return listMarker.ReplaceAllStringFunc(before, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// FactsOf reads what a block's text holds that a translation must keep.
// The text is parsed on its own, as an import reads a unit; refs are the
// link reference definitions of the page around it (nil: none).
func FactsOf(kind BlockKind, s string) Facts { return factsOf(kind, s, nil) }

func factsOf(kind BlockKind, s string, refs map[string]string) Facts {
	sh := ShapeOf(kind, s, refs)
	f := Facts{Links: addresses(sh.Links), HeadingID: sh.HeadingID, RawHTML: len(sh.HTML) > 0, Shape: sh}
	// The blocks at the unit's own level: an item's inside its list item.
	level, depth := 0, 0
	if kind == Item {
		level = 2
	}
	for _, b := range sh.Blocks {
		if b == ")" {
			depth--
			continue
		}
		if depth == level {
			f.Blocks++
		}
		depth++
	}
	return f
}

// ReplaceBlocks writes texts over the blocks of body they are keyed by
// (an index into blocks, which ParseBlocks made of body): a later line
// of a text gets the block's continuation prefix, so a list item stays
// one item.
func ReplaceBlocks(body []byte, blocks []Block, texts map[int]string) []byte {
	out := append([]byte(nil), body...)
	for i := len(blocks) - 1; i >= 0; i-- {
		t, ok := texts[i]
		if !ok {
			continue
		}
		b := blocks[i]
		t = strings.ReplaceAll(strings.TrimSpace(t), "\n", "\n"+b.prefix)
		out = append(out[:b.start], append([]byte(t), out[b.end:]...)...)
	}
	return out
}
