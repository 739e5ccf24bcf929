package workflow

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/site/source"
)

// RemovedBlock is a block of a translated page made from English the
// English page no longer has: the build leaves it out, and `i18n done`
// or `i18n scaffold` removes it from the file.
type RemovedBlock struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// removedBlocks lists lang's removed blocks, page by page.
func removedBlocks(site *source.Site, lang source.Language) []RemovedBlock {
	var out []RemovedBlock
	for _, page := range sortedKeys(lang.RemovedBlocks) {
		rel := lang.ContentDir + "/" + translation.PagePath(page)
		data, err := os.ReadFile(filepath.Join(site.Root, rel))
		if err != nil {
			continue
		}
		tr, err := translation.ParsePage(page, rel, data)
		if err != nil {
			continue
		}
		for _, pos := range lang.RemovedBlocks[page] {
			if pos <= len(tr.Blocks) {
				out = append(out, RemovedBlock{File: rel, Line: tr.Blocks[pos-1].Line, Text: tr.Blocks[pos-1].Text})
			}
		}
	}
	return out
}

// dropRemovedBlocks deletes lang's removed blocks from its pages, and
// returns the files it changed.
func dropRemovedBlocks(site *source.Site, lang *source.Language) ([]string, error) {
	var written []string
	for _, page := range sortedKeys(lang.RemovedBlocks) {
		rel := lang.ContentDir + "/" + translation.PagePath(page)
		path := filepath.Join(site.Root, rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return written, err
		}
		var english *translation.PageText
		for i := range site.EnglishPages {
			if site.EnglishPages[i].ID == page {
				english = &site.EnglishPages[i]
			}
		}
		if data, err = translation.DropBlocks(site.Root, english, page, rel, data, lang.RemovedBlocks[page]); err != nil {
			return written, fmt.Errorf("%s: %v", rel, err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return written, err
		}
		written = append(written, rel)
	}
	return written, nil
}

func sortedKeys(m map[string][]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
