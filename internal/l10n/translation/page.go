package translation

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	goccy "github.com/goccy/go-yaml"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// The title and the description in a page's front matter are units too,
// beside the body's blocks.
const (
	TitlePart       = "title"
	DescriptionPart = "description"
)

// BlockUnitID is the id of one part of a page: "page#title",
// "page#description", or "page#3" for the third block of the English
// page (headings, paragraphs, list items and table cells, counted from 1).
func BlockUnitID(pageID, part string) string { return pageID + "#" + part }

// SplitUnitID cuts a page unit's id into the page and the part; part is
// empty for a whole page ("page", "page:faq.md").
func SplitUnitID(id string) (page, part string) {
	page, part, _ = strings.Cut(id, "#")
	return page, part
}

// PageText is a page cut into what is translated: its title, description and
// body blocks, with the hashes a translation records of the English each
// was made from.
type PageText struct {
	ID, File                   string
	Title, Description         string
	TitleLine, DescriptionLine int
	Blocks                     []Block // Line is the file's line
	HTML                       []int   // lines of raw HTML blocks
	Hashes                     *PageHashes
	Body                       []byte // the text after the front matter
	BodyLine                   int    // the file line Body starts on
	Front                      string // the front matter's text, between the --- lines
	Source                     string // the whole file, line endings normalized
	// Broken is set on a page that could not be read into units (its own
	// check says why); it has none, and nothing is compared with it.
	Broken bool
	// facts are the English blocks' Facts, read once for every language
	// (WithFacts), with refs, the page's link reference definitions.
	facts []Facts
	refs  map[string]string
	// kinds, shortcodes and current are the English page's pageKinds,
	// shortcodes and block hashes, read once too (WithFacts).
	kinds      map[string]int
	shortcodes []string
	current    []string
}

// WithFacts reads, once, what each block of an English page holds that a
// translation must keep, so that each language's check does not parse
// the English again.
func (p PageText) WithFacts() PageText {
	p.refs, p.kinds = bodyFacts(p.Body)
	p.facts = make([]Facts, len(p.Blocks))
	for i, b := range p.Blocks {
		p.facts[i] = factsOf(b.Kind, b.Text, p.refs)
	}
	p.shortcodes = shortcodes(string(p.Body))
	p.current = p.blockHashes()
	return p
}

// blockHashes are the hashes of the page's blocks as they are.
func (p PageText) blockHashes() []string {
	if p.current != nil {
		return p.current
	}
	current := make([]string, len(p.Blocks))
	for i, b := range p.Blocks {
		current[i] = Hash(b.Text)
	}
	return current
}

// PageHashes are the hashes of the English a translated page was made
// from (front matter englishHashes): the title's, the description's and
// one per body block, in the translated page's block order.
type PageHashes struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Blocks      []string `yaml:"blocks"`
	Line        int      `yaml:"-"`
	// Legacy is englishHash, the hash of the whole English page, as
	// translations recorded it before pages were translated block by
	// block; the archive turns it into block hashes.
	Legacy string `yaml:"-"`
}

// Split is a page cut into its front matter and its body.
type Split struct {
	// Text is the page as Hugo reads it: without a byte order mark,
	// with LF line ends. The other fields are parts of it.
	Text []byte
	// Front is the YAML between the two --- lines.
	Front []byte
	// Close is where the closing --- line starts in Text, for the edits
	// that rewrite front matter lines.
	Close int
	// Body is what follows the closing --- line, from line BodyLine.
	Body     []byte
	BodyLine int
}

// SplitFrontMatter cuts a page into its YAML front matter and its body.
// Text is set even when the page has no front matter (the error says so).
func SplitFrontMatter(data []byte) (Split, error) {
	// Hugo's page parser skips a byte order mark, so a page saved with
	// one is fine (unlike a data or i18n file).
	data = bytes.TrimPrefix(data, yamlsrc.BOM)
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	s := Split{Text: data}
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return s, fmt.Errorf("the page must start with front matter between two lines of ---")
	}
	end := bytes.Index(data[3:], []byte("\n---"))
	if end < 0 {
		return s, fmt.Errorf("the front matter has no closing --- line")
	}
	s.Close = 3 + end + 1
	s.Front = data[4:s.Close]
	rest := data[s.Close+3:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = nil
	}
	s.Body = rest
	s.BodyLine = bytes.Count(data[:len(data)-len(rest)], []byte("\n")) + 1
	return s, nil
}

// ParsePage reads a page file: front matter (YAML between --- lines) and
// body. Validation reports a page's front matter problems; here a page
// that cannot be read is an error.
func ParsePage(id, file string, data []byte) (PageText, error) {
	split, err := SplitFrontMatter(data)
	p := PageText{ID: id, File: file, Source: string(split.Text)}
	if err != nil {
		return p, fmt.Errorf("%s: %v", file, err)
	}
	front := split.Front
	p.Front = string(front)
	p.Body, p.BodyLine = split.Body, split.BodyLine
	// Read with goccy/go-yaml, as Hugo reads it (yamlsrc); validation
	// reports what is wrong with it, in full.
	m, fl := yamlsrc.Parse(front, file)
	if m == nil {
		if len(fl) > 0 {
			return p, fmt.Errorf("%s: front matter: %s", file, fl[0].Message)
		}
		return p, fmt.Errorf("%s: front matter cannot be read", file)
	}
	if m.Kind == yamlsrc.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			line := v.Line + 1 // the front matter starts on line 2
			switch k.Value {
			case "title":
				p.Title, p.TitleLine = v.Value, line
			case "description":
				p.Description, p.DescriptionLine = v.Value, line
			case "englishHash":
				if p.Hashes == nil {
					p.Hashes = &PageHashes{Line: k.Line + 1}
				}
				p.Hashes.Legacy = v.Value
			case "englishHashes":
				var fields struct {
					Hashes PageHashes `yaml:"englishHashes"`
				}
				if err := goccy.Unmarshal(front, &fields); err != nil {
					return p, fmt.Errorf("%s:%d: englishHashes: %v", file, line, err)
				}
				h := fields.Hashes
				h.Line = k.Line + 1
				if p.Hashes != nil {
					h.Legacy = p.Hashes.Legacy
				}
				p.Hashes = &h
			}
		}
	}
	blocks, html := ParseBlocks(p.Body)
	for i := range blocks {
		blocks[i].Line += p.BodyLine - 1
	}
	for i := range html {
		html[i] += p.BodyLine - 1
	}
	p.Blocks, p.HTML = blocks, html
	return p, nil
}

// Units are an English page's units: title, description, then each block.
func (p PageText) Units() []Unit {
	if p.Broken {
		return nil
	}
	units := []Unit{
		{ID: BlockUnitID(p.ID, TitlePart), Kind: Page, Text: p.Title, File: p.File, Line: p.TitleLine},
		{ID: BlockUnitID(p.ID, DescriptionPart), Kind: Page, Text: p.Description, File: p.File, Line: p.DescriptionLine},
	}
	for i, b := range p.Blocks {
		units = append(units, Unit{ID: BlockUnitID(p.ID, strconv.Itoa(i+1)), Kind: Page, Text: b.Text, File: p.File, Line: b.Line, Block: b.Kind})
	}
	return units
}

// hashes returns the recorded hashes, with a legacy whole-page hash
// turned into block hashes by the English it names (the English page as
// it is, or the archive's copy):
// the translation was made from that English, block for block. A legacy
// hash whose English is not archived gives hashes that match nothing, so
// every block is stale.
func (p PageText) hashes(root string, english *PageText) PageHashes {
	h := p.recorded(root, english)
	// A translator who adds (or removes) a block where English added (or
	// removed) one has the English page's blocks one for one, and a hash
	// list that no longer matches the page's blocks by position: put each
	// hash on the block of the English it was made from, and leave the new
	// block without one (untranslated until marked done).
	if english != nil && len(h.Blocks) > 0 && len(h.Blocks) != len(p.Blocks) && len(p.Blocks) == len(english.Blocks) {
		pair, _ := AlignPage(root, *english, h.Blocks)
		blocks := make([]string, len(p.Blocks))
		for i, j := range pair {
			if j >= 0 && p.Blocks[i].Kind == english.Blocks[i].Kind {
				blocks[i] = h.Blocks[j]
			}
		}
		h.Blocks = blocks
	}
	return h
}

// recorded is what the front matter records, legacy hashes converted.
func (p PageText) recorded(root string, english *PageText) PageHashes {
	if p.Hashes == nil {
		return PageHashes{Blocks: make([]string, len(p.Blocks))}
	}
	h := *p.Hashes
	if h.Legacy == "" || h.Blocks != nil {
		return h
	}
	if english != nil && Hash(english.Source) == h.Legacy {
		// Made from the English as it is, which is parsed already.
		h.Title, h.Description = Hash(english.Title), Hash(english.Description)
		h.Blocks = slices.Clone(english.blockHashes())
		return h
	}
	text, ok := Archived(root, h.Legacy)
	if ok {
		if old, err := ParsePage(p.ID, "", []byte(text+"\n")); err == nil {
			h.Title, h.Description = Hash(old.Title), Hash(old.Description)
			for _, b := range old.Blocks {
				h.Blocks = append(h.Blocks, Hash(b.Text))
			}
			return h
		}
	}
	h.Title, h.Description = "unknown", "unknown"
	for range p.Blocks {
		h.Blocks = append(h.Blocks, "unknown")
	}
	return h
}

// RecordedHashes are the hashes the page records, one per block of the
// page (empty where none is recorded), legacy ones turned into block
// hashes.
func (p PageText) RecordedHashes(root string, english *PageText) PageHashes {
	h := p.hashes(root, english)
	blocks := make([]string, len(p.Blocks))
	copy(blocks, h.Blocks)
	h.Blocks = blocks
	return h
}

// align pairs the blocks of a translation with the English blocks: by
// equal hashes where they match (longest common subsequence), and in
// order between them. pair[i] is the translated block of English block i,
// or -1 when the translation has none (English added it); orphans are
// translated blocks no English block pairs with (English removed them).
func align(english, recorded []string) (pair []int, orphans []int) {
	return AlignSimilar(english, recorded, nil)
}

// AlignSimilar is align where, between two matched blocks, a gap with
// more blocks on one side than the other is paired by similarity: each
// pair scores 1 plus similar(i, j) (0 to 1), and the order-preserving
// pairing with the highest score wins, so that as many blocks as can be
// are paired, and among those the likeliest. similar may be nil.
func AlignSimilar(english, recorded []string, similar func(i, j int) float64) (pair []int, orphans []int) {
	n, m := len(english), len(recorded)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if english[i] != "" && english[i] == recorded[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	pair = make([]int, n)
	for i := range pair {
		pair[i] = -1
	}
	// gap pairs blocks in order between two matched ones.
	gap := func(e0, e1, t0, t1 int) {
		ne, nt := e1-e0, t1-t0
		if ne == nt || similar == nil {
			k := 0
			for ; k < ne && k < nt; k++ {
				pair[e0+k] = t0 + k
			}
			for j := t0 + k; j < t1; j++ {
				orphans = append(orphans, j)
			}
			return
		}
		best := make([][]float64, ne+1)
		for i := range best {
			best[i] = make([]float64, nt+1)
		}
		score := func(i, j int) float64 { return 1 + min(max(similar(e0+i, t0+j), 0), 1) }
		for i := ne - 1; i >= 0; i-- {
			for j := nt - 1; j >= 0; j-- {
				best[i][j] = max(best[i+1][j], best[i][j+1], score(i, j)+best[i+1][j+1])
			}
		}
		paired := make([]bool, nt)
		for i, j := 0, 0; i < ne && j < nt; {
			switch {
			case best[i][j] == score(i, j)+best[i+1][j+1]:
				pair[e0+i], paired[j] = t0+j, true
				i, j = i+1, j+1
			case best[i][j] == best[i+1][j]:
				i++
			default:
				j++
			}
		}
		for j, ok := range paired {
			if !ok {
				orphans = append(orphans, t0+j)
			}
		}
	}
	i, j, ei, tj := 0, 0, 0, 0
	for i < n && j < m {
		switch {
		case english[i] != "" && english[i] == recorded[j] && lcs[i][j] == lcs[i+1][j+1]+1:
			gap(ei, i, tj, j)
			pair[i] = j
			i, j = i+1, j+1
			ei, tj = i, j
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	gap(ei, n, tj, m)
	return pair, orphans
}

// AlignKeys are what a translated page's blocks are aligned with English
// by: each block's recorded hash, or, for a block with none (a page
// scaffolded from English and not yet translated), the hash of its own
// text, which is the English block's while it still holds the English.
func (p PageText) AlignKeys(recorded []string) []string {
	keys := make([]string, len(p.Blocks))
	for i, b := range p.Blocks {
		if i < len(recorded) && recorded[i] != "" {
			keys[i] = recorded[i]
		} else {
			keys[i] = Hash(b.Text)
		}
	}
	return keys
}

// AlignPage aligns a translation's block keys (AlignKeys) with the
// English page's blocks (AlignSimilar, by the archived English of each).
func AlignPage(root string, english PageText, recorded []string) (pair, orphans []int) {
	return AlignSimilar(english.blockHashes(), recorded, similarTo(root, english, recorded))
}

// similarTo scores how alike each current English block is to the
// English a recorded hash names (from the archive): the share of words
// they have in common. Unknown English scores 0.
func similarTo(root string, english PageText, recorded []string) func(i, j int) float64 {
	words := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(s)) {
			m[w] = true
		}
		return m
	}
	old := map[int]map[string]bool{}
	return func(i, j int) float64 {
		w, ok := old[j]
		if !ok {
			if text, found := Archived(root, recorded[j]); found {
				w = words(text)
			}
			old[j] = w
		}
		if len(w) == 0 {
			return 0
		}
		cur := words(english.Blocks[i].Text)
		common := 0
		for x := range cur {
			if w[x] {
				common++
			}
		}
		return float64(common) / float64(max(len(cur), len(w)))
	}
}

// ComparePage holds a translated page to its English: it returns the
// translation's entries by English unit id (title, description, and each
// block it has a partner for), and reports in l what breaks the English
// structure: a block of another kind, a link address or heading id not
// the English one, raw HTML, a block added or removed by hand, a block
// English no longer has. Links and heading ids are compared with the
// English each block was translated from: the current English when it is
// current, the archived English when it is stale. Errors for a published
// language, warnings for a draft.
func ComparePage(root string, english, tr PageText, source, target string, draft bool, l *diag.List) map[string]Entry {
	entries, _ := CheckPage(root, english, tr, source, target, draft, l)
	return entries
}

// CheckPage is ComparePage, and also what RemovedBlocks finds on the
// page, from the one comparison.
func CheckPage(root string, english, tr PageText, source, target string, draft bool, l *diag.List) (entries map[string]Entry, removed []int) {
	add := l.Errorf
	if draft {
		add = l.Warnf
	}
	h := tr.hashes(root, &english)
	entries = map[string]Entry{}
	entries[BlockUnitID(english.ID, TitlePart)] = Entry{ID: BlockUnitID(english.ID, TitlePart), Text: tr.Title, Hash: h.Title, File: tr.File, Line: tr.TitleLine}
	entries[BlockUnitID(english.ID, DescriptionPart)] = Entry{ID: BlockUnitID(english.ID, DescriptionPart), Text: tr.Description, Hash: h.Description, File: tr.File, Line: tr.DescriptionLine}
	for _, line := range tr.HTML {
		l.Errorf(tr.File, line, 1, "page-html", "raw HTML: the site does not render it, so readers of this language would miss what it says")
		l.Suggest("write it in Markdown, as the English page does")
	}
	if len(h.Blocks) > 0 && len(h.Blocks) != len(tr.Blocks) {
		add(tr.File, h.Line, 1, "page-structure", "the page has %d blocks (headings, paragraphs, list items, table cells) but records the English of %d: a block was added or removed by hand", len(tr.Blocks), len(h.Blocks))
		l.Suggest("keep the English page's blocks, one for one, in its order; `statement i18n status` lists them")
	}
	// severity is how a block's problem p is reported: as add says (a
	// warning in a draft), unless it is markup no English block has.
	severity := func(english, translated Shape, p string) func(string, int, int, string, string, ...any) {
		if slices.Contains(addedMarkup(english, translated), p) {
			return l.Errorf
		}
		return add
	}
	refs := english.refs
	if refs == nil {
		refs = PageDefinitions(english.Body)
	}
	// What a translation may not add anywhere on the page, in a unit or
	// between them (an HTML block is reported above): what no English
	// edit can cause, so an error in a draft too, since previews publish
	// drafts.
	for _, p := range pageProblems(english, tr, refs, source, target) {
		l.Errorf(tr.File, p.line, 1, "page-structure", "%s", p.text)
		l.Suggest("a translation has the English page's Markdown, links and shortcodes, and only those; see %s", english.File)
	}
	current := english.blockHashes()
	recorded := make([]string, len(tr.Blocks))
	copy(recorded, h.Blocks)
	pair, orphans := AlignPage(root, english, tr.AlignKeys(recorded))
	for i, ti := range pair {
		if ti < 0 {
			continue
		}
		eb, tb := english.Blocks[i], tr.Blocks[ti]
		id := BlockUnitID(english.ID, strconv.Itoa(i+1))
		entries[id] = Entry{ID: id, Text: tb.Text, Hash: recorded[ti], File: tr.File, Line: tb.Line, Block: ti + 1}
		if eb.Kind != tb.Kind {
			add(tr.File, tb.Line, 1, "page-structure", "block %s is a %s in English (%s:%d) but a %s here", id, eb.Kind, english.File, eb.Line, tb.Kind)
			l.Suggest("keep the English page's blocks, one for one, in its order")
			continue
		}
		var ef Facts
		if r := recorded[ti]; r != "" && r != current[i] {
			old, ok := Archived(root, r)
			if !ok {
				// Stale, and what it was made from is unknown: its shape
				// cannot be compared, but it still may not add what no
				// English of it has (a link the current English lacks,
				// HTML, a shortcode, an attribute).
				cur := factsOf(eb.Kind, eb.Text, refs).Shape
				tsh := ShapeOf(tb.Kind, tb.Text, refs)
				for _, p := range AddedProblems(cur, tsh, source, target) {
					severity(cur, tsh, p)(tr.File, tb.Line, 1, "page-structure", "block %s: %s", id, p)
					l.Suggest("translate the current English of this block (%s:%d) and mark it done", english.File, eb.Line)
				}
				continue
			}
			ef = factsOf(eb.Kind, old, refs)
		} else if i < len(english.facts) {
			ef = english.facts[i]
		} else {
			ef = factsOf(eb.Kind, eb.Text, refs)
		}
		// In a draft, a block that departs from its English is a warning
		// (a draft's blocks may not be aligned with English yet, and an
		// English edit must not fail the build), except markup no English
		// block has: HTML, a shortcode, a definition, an attribute.
		// Previews publish drafts; the build's last gate holds the page.
		tsh := ShapeOf(tb.Kind, tb.Text, refs)
		for _, p := range structureProblems(eb.Kind, ef, tsh, tb.Text, source, target) {
			severity(ef.Shape, tsh, p)(tr.File, tb.Line, 1, "page-structure", "block %s: %s", id, p)
			l.Suggest("translate only the words: keep each link's (address) and a heading's {#id} exactly as in %s:%d", english.File, eb.Line)
		}
	}
	leftOut := recordsEveryBlock(h, tr) // as RemovedBlocks finds them
	for _, ti := range orphans {
		tb := tr.Blocks[ti]
		if leftOut {
			removed = append(removed, ti+1)
			l.Warnf(tr.File, tb.Line, 1, "page-removed", "the English page no longer has this block (or it moved); the build leaves it out of the page")
			l.Suggest("compare with %s and remove it (`statement i18n done %s --all` does), or move it where the English has it", english.File, target)
			continue
		}
		l.Warnf(tr.File, tb.Line, 1, "page-removed", "the English page no longer has this block (or it moved); readers see it all the same")
		l.Suggest("compare with %s and remove it, or move it where the English has it", english.File)
	}
	return entries, removed
}

// StructureProblems says how a translated block's text departs from what
// its English must keep (ShapeProblems), as an import reads one unit: on
// its own, without the page around it. A link into the site's English
// pages (/en/...) may point to the same page in the translation's
// language (/es/...) instead.
func StructureProblems(kind BlockKind, english, translated, source, target string) []string {
	return structureProblems(kind, FactsOf(kind, english), ShapeOf(kind, translated, nil), translated, source, target)
}

// structureProblems is StructureProblems with the English block's facts
// and the translated block's shape (tsh, of translated) read already.
func structureProblems(kind BlockKind, ef Facts, tsh Shape, translated, source, target string) []string {
	out := ShapeProblems(ef.Shape, tsh, source, target)
	if kind == Cell && unescapedPipe(translated) {
		out = append(out, "a | would split the table cell in two; write it as \\|")
	}
	return out
}

type pageProblem struct {
	line int
	text string
}

// pageProblems is what a translated page adds to its English page
// outside what ComparePage holds block by block: a link reference
// definition, a kind of block (a code block, a quote, a rule), a Hugo
// shortcode. Hugo runs shortcodes anywhere in the body, even in a code
// block, and a definition can give a link in any block its address.
func pageProblems(english, tr PageText, refs map[string]string, source, target string) []pageProblem {
	var out []pageProblem
	lineOf := func(needle string) int {
		body := strings.ToLower(string(tr.Body))
		if i := strings.Index(body, strings.ToLower(needle)); i >= 0 {
			return tr.BodyLine + strings.Count(body[:i], "\n")
		}
		return tr.BodyLine
	}
	defs, kinds := bodyFacts(tr.Body)
	for _, label := range slices.Sorted(maps.Keys(defs)) {
		dest := defs[label]
		if rest, ok := strings.CutPrefix(dest, "/"+target+"/"); ok && target != "" {
			dest = "/" + source + "/" + rest
		}
		if want, ok := refs[label]; !ok || want != dest {
			out = append(out, pageProblem{lineOf("[" + label + "]:"), fmt.Sprintf("the link reference definition [%s]: %s is not in the English page; a translation keeps the English links and adds none", label, defs[label])})
		}
	}
	have := english.kinds
	if have == nil {
		have = pageKinds(english.Body)
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		if _, ok := have[k]; !ok {
			out = append(out, pageProblem{tr.BodyLine - 1 + kinds[k], fmt.Sprintf("the page has a %s, and the English page has none; keep the English page's Markdown", strings.ToLower(k))})
		}
	}
	// Shortcodes in the blocks are the blocks' to report; these are the
	// others (in a code block, say), which the English page must have.
	var inBlocks []string
	for _, b := range tr.Blocks {
		inBlocks = append(inBlocks, shortcodes(b.Text)...)
	}
	outside := notIn(shortcodes(string(tr.Body)), inBlocks)
	englishShortcodes := english.shortcodes
	if english.kinds == nil { // not read by WithFacts
		englishShortcodes = shortcodes(string(english.Body))
	}
	for _, sc := range notIn(outside, englishShortcodes) {
		out = append(out, pageProblem{lineOf(sc), fmt.Sprintf("a Hugo shortcode (%s) is not in the English page; remove it", short(sc))})
	}
	return out
}

// unescapedPipe reports whether s has a | not written as \|.
func unescapedPipe(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			return true
		}
	}
	return false
}

func quoteList(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// SetPageHashes writes englishHashes into a page's front matter,
// replacing any englishHashes or englishHash there, and drops scaffold's
// TODO line.
func SetPageHashes(data []byte, h PageHashes) ([]byte, error) {
	split, err := SplitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	text, end := string(split.Text), split.Close
	lines := strings.SplitAfter(string(split.Front), "\n")
	var kept []string
	skipping := false
	for _, l := range lines {
		if skipping && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "-")) {
			continue
		}
		skipping = false
		if strings.HasPrefix(l, "englishHashes:") || strings.HasPrefix(l, "englishHash:") {
			skipping = strings.HasPrefix(l, "englishHashes:")
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), todoPrefix) {
			continue
		}
		kept = append(kept, l)
	}
	var b strings.Builder
	b.WriteString("englishHashes:\n")
	fmt.Fprintf(&b, "  title: %q\n  description: %q\n  blocks:\n", h.Title, h.Description)
	for _, x := range h.Blocks {
		fmt.Fprintf(&b, "    - %q\n", x)
	}
	return []byte("---\n" + strings.Join(kept, "") + b.String() + text[end:]), nil
}
