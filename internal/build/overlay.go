package build

import (
	"bytes"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/output/cdn"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Overlay is the configuration a build puts over hugo.toml: what the
// theme cannot work out itself. Production leaves draft languages out.
// Each translation gets params.stale (the page shows the notice that the
// English has changed since) and params.english, the event and note ids
// it has no translation of, which the page shows in English, marked so
// (a page it lacks is simply not in that language), and
// params.staleblocks, by page path, the positions of the page's blocks
// translated from English that has changed since (the theme's
// statement-content.html marks them), and params.staletexts, the event and
// note ids likewise behind (timeline.html and history.html mark them),
// and params.reviewed, by page path, the date a qualified translator
// finished reviewing each page whose translation is reviewed as it is
// (translation.ReviewedPages; courtesy-notice.html says so, or that it
// is not reviewed).
// minify gives Hugo's minifier the settings the checks rely on
// (cdn.HugoConfig); it takes effect when the build asks Hugo to
// minify, as it always does.
func Overlay(site *source.Site, ctx Context) []byte {
	languages := map[string]any{}
	for _, lang := range site.Languages {
		if lang.Code == site.SourceLanguage {
			continue
		}
		if lang.Draft && ctx == Production {
			languages[lang.Code] = map[string]any{"disabled": true}
			continue
		}
		stale := false
		english := []string{}
		staleBlocks := map[string][]int{}
		staleTexts := []string{}
		for _, r := range lang.Results {
			switch {
			case r.State == translation.Stale:
				stale = true
				switch {
				case r.Unit.Kind == translation.Page && r.Entry.Block > 0:
					page := strings.ToLower(translation.PagePath(r.Unit.ID))
					staleBlocks[page] = append(staleBlocks[page], r.Entry.Block)
				case r.Unit.Kind == translation.Event || r.Unit.Kind == translation.Note:
					staleTexts = append(staleTexts, r.Unit.ID)
				}
			case translation.Lenient(r) && !r.State.Done():
				// A published translation lags a new English event or
				// note; a draft is simply not finished.
				stale = stale || !lang.Draft
				english = append(english, r.Unit.ID)
			}
		}
		params := map[string]any{"stale": stale, "english": english, "staletexts": staleTexts}
		if len(staleBlocks) > 0 {
			params["staleblocks"] = staleBlocks
		}
		if reviewed := translation.ReviewedPages(lang.Results, lang.Records); len(reviewed) > 0 {
			params["reviewed"] = reviewed
		}
		if len(lang.RemovedBlocks) > 0 {
			// Blocks the English removed: the theme leaves them out.
			removed := map[string][]int{}
			for id, blocks := range lang.RemovedBlocks {
				removed[strings.ToLower(translation.PagePath(id))] = blocks
			}
			params["removedblocks"] = removed
		}
		languages[lang.Code] = map[string]any{"params": params}
	}
	var b bytes.Buffer
	b.WriteString("# Written by the statement build for one render; see internal/build/overlay.go.\n")
	if err := toml.NewEncoder(&b).Encode(map[string]any{"languages": languages, "minify": cdn.HugoConfig()}); err != nil {
		panic(err) // maps of strings, bools and string slices always encode
	}
	return b.Bytes()
}

// translationCodes are the languages this build renders other than the
// source language: the pages the translation gate holds to English.
func translationCodes(site *source.Site, ctx Context) []string {
	var codes []string
	for _, code := range publishedCodes(site, ctx) {
		if code != site.SourceLanguage {
			codes = append(codes, code)
		}
	}
	return codes
}
