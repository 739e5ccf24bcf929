package translation

import (
	"slices"
	"strings"
	"testing"
)

func TestParseBlocks(t *testing.T) {
	body := []byte("Intro with a [link](https://example.org/a).\n\n## Help {#resources}\n\n- One item\n  that wraps.\n- [Two](https://example.org/b).\n\n| a | b |\n|---|---|\n| c | d |\n\n<div>raw</div>\n")
	blocks, html := ParseBlocks(body)
	var kinds []BlockKind
	var texts []string
	for _, b := range blocks {
		kinds = append(kinds, b.Kind)
		texts = append(texts, b.Text)
	}
	wantKinds := []BlockKind{Paragraph, Heading, Item, Item, Cell, Cell, Cell, Cell}
	if !slices.Equal(kinds, wantKinds) {
		t.Fatalf("kinds %v, want %v", kinds, wantKinds)
	}
	if texts[1] != "Help {#resources}" || texts[2] != "One item\nthat wraps." || texts[4] != "a" {
		t.Errorf("texts %q", texts)
	}
	if blocks[2].Line != 5 || !slices.Equal(html, []int{13}) {
		t.Errorf("item line %d, html lines %v", blocks[2].Line, html)
	}
	f := FactsOf(Heading, texts[1])
	if f.HeadingID != "resources" || f.Blocks != 1 {
		t.Errorf("heading facts %+v", f)
	}
	if f := FactsOf(Paragraph, texts[0]); !slices.Equal(f.Links, []string{"https://example.org/a"}) || f.RawHTML {
		t.Errorf("paragraph facts %+v", f)
	}
	if f := FactsOf(Paragraph, "a <b>bold</b> word"); !f.RawHTML {
		t.Error("inline HTML not seen")
	}
	if f := FactsOf(Item, "one\n\ntwo"); f.Blocks != 2 {
		t.Errorf("two paragraphs counted as %d blocks", f.Blocks)
	}
	if p := StructureProblems(Cell, "a", "x | y", "en", "es"); len(p) != 1 || !strings.Contains(p[0], "split the table cell") {
		t.Errorf("a pipe in a cell: %v", p)
	}
	if p := StructureProblems(Cell, "a", `x \| y`, "en", "es"); len(p) != 0 {
		t.Errorf("an escaped pipe in a cell: %v", p)
	}
	if p := StructureProblems(Paragraph, "See [the statement](/en/#resources).", "Vea [la declaración](/es/#resources).", "en", "es"); len(p) != 0 {
		t.Errorf("a link to the same page in the translation's language: %v", p)
	}
	if p := StructureProblems(Paragraph, "See [the statement](/en/#resources).", "Vea [la declaración](/fa/#resources).", "en", "es"); len(p) != 1 {
		t.Errorf("a link to another translation: %v", p)
	}
	// Replacing keeps the structure: a two-line text stays one list item.
	out := ReplaceBlocks(body, blocks, map[int]string{2: "Un elemento\nlargo.", 1: "Ayuda {#resources}"})
	again, _ := ParseBlocks(out)
	if len(again) != len(blocks) || again[2].Text != "Un elemento\nlargo." || again[1].Text != "Ayuda {#resources}" || again[3].Text != blocks[3].Text {
		t.Errorf("after replacing:\n%s", out)
	}
}

func TestAlign(t *testing.T) {
	cases := []struct {
		name            string
		english, record []string
		pair, orphans   []int
	}{
		{"same blocks", []string{"a", "b", "c"}, []string{"a", "b", "c"}, []int{0, 1, 2}, nil},
		{"one changed", []string{"a", "B", "c"}, []string{"a", "b", "c"}, []int{0, 1, 2}, nil},
		{"none recorded", []string{"a", "b"}, []string{"", ""}, []int{0, 1}, nil},
		{"English added one", []string{"a", "new", "b"}, []string{"a", "b"}, []int{0, -1, 1}, nil},
		{"English removed one", []string{"a", "c"}, []string{"a", "b", "c"}, []int{0, 2}, []int{1}},
	}
	for _, c := range cases {
		pair, orphans := align(c.english, c.record)
		if !slices.Equal(pair, c.pair) || !slices.Equal(orphans, c.orphans) {
			t.Errorf("%s: pair %v orphans %v, want %v %v", c.name, pair, orphans, c.pair, c.orphans)
		}
	}
}

func TestSetPageHashes(t *testing.T) {
	in := "---\n# TODO translate this page, then run: statement i18n done es page\ntitle: \"T\"\nenglishHash: \"old\"\nenglishHashes:\n  title: \"x\"\n  blocks:\n    - \"y\"\nenglishRevision: \"2026-01-02\"\n---\n\nBody.\n"
	out, err := SetPageHashes([]byte(in), PageHashes{Title: "t", Description: "d", Blocks: []string{"b1"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: \"T\"\nenglishRevision: \"2026-01-02\"\nenglishHashes:\n  title: \"t\"\n  description: \"d\"\n  blocks:\n    - \"b1\"\n---\n\nBody.\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	p, err := ParsePage("page", "x.md", out)
	if err != nil || p.Hashes == nil || p.Hashes.Title != "t" || !slices.Equal(p.Hashes.Blocks, []string{"b1"}) || p.Hashes.Legacy != "" {
		t.Errorf("reads back as %+v, %v", p.Hashes, err)
	}
}

func TestAlignSimilar(t *testing.T) {
	// English added a block before a block it also changed: by hash alone
	// the changed block cannot be told from the new one; by the words of
	// the English each translation was made from, it can.
	english := []string{"a", "new", "b2"}
	recorded := []string{"a", "b1"}
	texts := map[string]string{"new": "A brand new paragraph about something else.", "b2": "The court ruled on the data today.", "b1": "The court ruled on the data."}
	similar := func(i, j int) float64 {
		same := 0
		for _, w := range strings.Fields(texts[english[i]]) {
			if strings.Contains(texts[recorded[j]], w) {
				same++
			}
		}
		return float64(same) / 10
	}
	pair, orphans := AlignSimilar(english, recorded, similar)
	if !slices.Equal(pair, []int{0, -1, 1}) || len(orphans) != 0 {
		t.Errorf("pair %v orphans %v, want [0 -1 1] []", pair, orphans)
	}
	// Without similarity, in order.
	if pair, _ := align(english, recorded); !slices.Equal(pair, []int{0, 1, -1}) {
		t.Errorf("positional pair %v", pair)
	}
}
