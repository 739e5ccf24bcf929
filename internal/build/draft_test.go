package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
)

// A draft language (Hmong, params.draft in hugo.toml) is left out of
// production and built in previews, with dates in its own words: Hugo has
// no locale data for Hmong.
func TestDraftLanguageOnlyInPreviews(t *testing.T) {
	for _, l := range published(t) {
		if l.Code == "hmn" {
			t.Error("production publishes the draft language hmn")
		}
	}
	if _, err := os.Stat(filepath.Join(built, "hmn")); !os.IsNotExist(err) {
		t.Error("production wrote hmn/")
	}
	if data, _ := os.ReadFile(filepath.Join(built, "en", "index.html")); strings.Contains(string(data), "/hmn/") {
		t.Error("the English page links the draft language")
	}

	preview := filepath.Join(t.TempDir(), "public")
	l, err := Run(Options{Root: fixture, Out: preview, Context: Preview})
	if err != nil || l.HasErrors() {
		t.Fatal(fmtDiag(l, err))
	}
	// A preview's _redirects reaches every draft too.
	redirects, _ := os.ReadFile(filepath.Join(preview, "_redirects"))
	for _, l := range sourceLanguages(t) {
		if l.Draft && (!strings.Contains(string(redirects), "/  /"+l.Code+"/  302!") || !strings.Contains(string(redirects), "/"+l.Code+"/*  /"+l.Code+"/404.html  404")) {
			t.Errorf("the preview's _redirects lacks the draft %s:\n%s", l.Code, redirects)
		}
	}
	data, err := os.ReadFile(filepath.Join(preview, "hmn", "index.html"))
	if err != nil {
		t.Fatal("the preview has no Hmong page:", err)
	}
	doc, _ := html.Parse(strings.NewReader(string(data)))
	dates := timeElements(doc)
	if dates["2026-01-02"] != "Lub Ib Hlis hnub tim 2, xyoo 2026" {
		t.Errorf("Hmong date %q: not from Hmong's own strings", dates["2026-01-02"])
	}
	// Untranslated events are shown in English and marked as English.
	var english []string
	visit(doc, func(n *html.Node) {
		if n.Data == "p" && attr(n, "lang") == "en" {
			english = append(english, collapse(htmldoc.TextOf(n)))
		}
	})
	if !slices.Contains(english, "First issued.") || len(english) < 2 {
		t.Errorf("untranslated texts not marked as English: %q", english)
	}
	// A draft is incomplete, not stale: no stale notice.
	if strings.Contains(string(data), "notice stale") {
		t.Error("the draft says the English has changed")
	}
}
