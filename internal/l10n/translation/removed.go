package translation

import (
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// RemovedBlocks lists the blocks of a translated page (their positions,
// from 1, as Entry.Block counts them) made from English the English page
// no longer has: an editor removed the block, so the build leaves its
// translation out too. Only a page that records the English of each of
// its blocks can tell; a page that does not (scaffolded, or with blocks
// added or removed by hand) lists none, and keeps every block.
func RemovedBlocks(root string, english, tr PageText) []int {
	var ignored diag.List // CheckPage's reports, which validate gives
	_, removed := CheckPage(root, english, tr, "", "", true, &ignored)
	return removed
}

// recordsEveryBlock says whether a translated page records the English of
// each of its blocks, so that the blocks English removed can be told.
func recordsEveryBlock(h PageHashes, tr PageText) bool {
	if len(h.Blocks) == 0 || len(h.Blocks) != len(tr.Blocks) {
		return false
	}
	return !slices.Contains(h.Blocks, "")
}

// DropBlocks deletes from a translated page's file the blocks at the
// given positions (from 1, as RemovedBlocks lists them): their lines, a
// blank line that would be left doubled, and their recorded hashes.
func DropBlocks(root string, english *PageText, id, file string, data []byte, positions []int) ([]byte, error) {
	tr, err := ParsePage(id, file, data)
	if err != nil {
		return nil, err
	}
	h := tr.RecordedHashes(root, english)
	drop := map[int]bool{} // file lines, from 1
	var blocks []string
	for i, b := range tr.Blocks {
		if !slices.Contains(positions, i+1) {
			blocks = append(blocks, h.Blocks[i])
			continue
		}
		for n := range strings.Count(b.Text, "\n") + 1 {
			drop[b.Line+n] = true
		}
	}
	h.Blocks = blocks
	lines := strings.SplitAfter(string(data), "\n")
	var kept []string
	for i, line := range lines {
		blank := strings.TrimSpace(line) == ""
		if drop[i+1] || (blank && drop[i] && len(kept) > 0 && strings.TrimSpace(kept[len(kept)-1]) == "") {
			continue
		}
		kept = append(kept, line)
	}
	return SetPageHashes([]byte(strings.Join(kept, "")), h)
}
