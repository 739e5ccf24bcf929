package translation

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/net/html"
)

// rendered is what a block does once rendered: its elements with their
// attribute names, and the addresses it links and loads. Goldmark renders
// as Hugo configures it here (no raw HTML: unsafe is off).
type rendered struct {
	elements map[string]bool
	links    []string
}

var renderer = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList, extension.DefinitionList, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

func render(t *testing.T, kind BlockKind, s, lang string) rendered {
	var out bytes.Buffer
	if err := renderer.Convert([]byte(inContext(kind, s)), &out); err != nil {
		t.Fatal(err)
	}
	r := rendered{elements: map[string]bool{}}
	z := html.NewTokenizer(&out)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return r
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		r.elements["<"+tok.Data+">"] = true
		for _, a := range tok.Attr {
			r.elements["<"+tok.Data+" "+a.Key+">"] = true
			if a.Key == "href" || a.Key == "src" {
				v := a.Val
				if rest, ok := strings.CutPrefix(v, "/"+lang+"/"); ok {
					v = "/en/" + rest
				}
				r.links = append(r.links, v)
			}
		}
	}
}

// FuzzTranslatedBlock holds the model to what a page does: a translated
// block the model accepts renders with exactly its English block's
// elements (with their attributes) and links. The seeds are blocks of
// the statement's kinds and translations of them, good and hostile.
func FuzzTranslatedBlock(f *testing.F) {
	seeds := []struct {
		kind                BlockKind
		english, translated string
	}{
		{Paragraph, "**SACRAMENTO** — DHCS remains committed.", "**SACRAMENTO** — El DHCS sigue comprometido."},
		{Paragraph, "While the [multistate lawsuit](https://oag.ca.gov/news) is ongoing.", "Mientras la [demanda](https://oag.ca.gov/news) sigue."},
		{Paragraph, "See [the statement](/en/#resources).", "Vea [la declaración](/es/#resources)."},
		{Paragraph, "*No one should live in fear.*", "*Nadie debería vivir con miedo.*"},
		{Heading, "Legal help and resources {#resources}", "Ayuda legal y recursos {#resources}"},
		{Heading, "Legal help {#resources}", `Ayuda {#resources hidden=""}`},
		{Item, "[California Legal Resources Directory](https://www.immigrationadvocates.org/x).", "[Directorio](https://www.immigrationadvocates.org/x)."},
		{Item, "If you are comfortable, contact your consulate.", "[x] Si se siente cómodo, contacte a su consulado."},
		{Cell, "a", "x | y"},
		{Paragraph, "Reports include basic details.", "[r]: https://evil.example/\nLos informes [incluyen][r] datos."},
		{Paragraph, "Reports include basic details.", "Los informes <meta/http-equiv=\"refresh\"/content=\"0;url=https://evil.example/\">."},
		{Paragraph, "Reports include basic details.", "Los informes\n==="},
		{Paragraph, "Reports include basic details.", "> Los informes ![x](https://evil.example/p.png)"},
		{Paragraph, "Reports include basic details.", "Los informes <https://evil.example/> www.evil.example"},
	}
	for _, s := range seeds {
		f.Add(string(s.kind), s.english, s.translated)
	}
	kinds := []BlockKind{Heading, Paragraph, Item, Cell}
	f.Fuzz(func(t *testing.T, kind, english, translated string) {
		k := BlockKind(kind)
		if !slices.Contains(kinds, k) {
			return
		}
		ef := FactsOf(k, english)
		if ef.Blocks != 1 || ef.RawHTML || len(ef.Shape.Shortcodes) > 0 || len(ef.Shape.Definitions) > 0 || len(ef.Shape.Attributes) > 0 {
			return // not an English block of the site: one block, no HTML
		}
		if len(StructureProblems(k, english, translated, "en", "es")) > 0 {
			return // refused
		}
		e, tr := render(t, k, english, "en"), render(t, k, translated, "es")
		if !maps.Equal(e.elements, tr.elements) {
			t.Errorf("accepted, but renders the elements %v where English has %v", slices.Sorted(maps.Keys(tr.elements)), slices.Sorted(maps.Keys(e.elements)))
		}
		if !slices.Equal(e.links, tr.links) {
			t.Errorf("accepted, but links %q where English links %q", tr.links, e.links)
		}
	})
}
