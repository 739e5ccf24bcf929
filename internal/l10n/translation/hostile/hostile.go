// Package hostile is the corpus of hostile translations the tests hold
// the tool to: each case is one way a vendor's file or a volunteer's edit
// could make a translated page do what its English page does not (issue
// 20, items 1 to 3), as the text of one unit. The same cases go through
// `i18n import` (internal/l10n/workflow), a hand edit that validate must
// refuse, and the build's last gate with the model's checks skipped
// (internal/build), so that the three cannot drift apart.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
)

// Case is one attack, written into one unit of the Spanish translation.
type Case struct {
	Name string
	// String is the interface string it is written to; empty for a page
	// block.
	String string
	// Block is the kind of the page block it is written to (the first of
	// that kind on the English page; for a heading, the first with an
	// id): the text is Text of that block's English.
	Block translation.BlockKind
	// Text makes the hostile translation from the English text.
	Text func(english string) string
	// Output says whether what the attack does shows in the built page's
	// elements, attributes or addresses, which the last gate compares.
	// Some attacks do their harm elsewhere, and the model alone refuses
	// them: a loop costs time, a template empties a notice, and raw HTML
	// that Hugo omits or prints as text does nothing.
	Output bool
	// Escaped says the theme prints the attack as text: markup in an
	// interface string, which the theme escapes like all translated text.
	Escaped bool
}

func suffix(s string) func(string) string { return func(e string) string { return e + s } }

// Cases are the attacks of issue 20, items 1 to 3, and their near kin.
var Cases = []Case{
	// 1. Interface strings printed as raw HTML.
	{Name: "string-meta-refresh-by-printf", Escaped: true, String: "courtesy_notice",
		Text: suffix(`{{ printf "%c" 60 }}meta http-equiv="refresh" content="0;url=https://evil.example/"{{ printf "%c" 62 }}`)},
	{Name: "string-meta-refresh-typed", Escaped: true, String: "courtesy_notice",
		Text: suffix(`<meta http-equiv="refresh" content="0;url=https://evil.example/">`)},
	{Name: "string-link", Escaped: true, String: "read_english",
		Text: suffix(`<a href="https://evil.example/">!</a>`)},
	// 2. Interface strings run as Go templates.
	{Name: "string-range", String: "skip_link",
		Text: func(string) string { return "Ir{{ range 50 }}0123456789{{ end -}}" }},
	{Name: "string-template", String: "courtesy_notice",
		Text: suffix(`{{ template "x" }}`)},
	{Name: "string-define", String: "read_english",
		Text: suffix(`{{ define "x" }}y{{ end }}`)},
	{Name: "string-comment", String: "read_english",
		Text: suffix(`{{/* note */}}`)},
	{Name: "string-pipe", String: "courtesy_notice",
		Text: func(e string) string { return strings.Replace(e, "{{ .Date }}", "{{ .Date | len }}", 1) }},
	{Name: "string-field-english-lacks", String: "read_english",
		Text: suffix(` {{ .Site }}`)},
	{Name: "string-placeholder-twice", String: "courtesy_notice",
		Text: suffix(` {{ .Date }}`)},
	// 3. Page blocks with links and HTML the English does not have.
	{Name: "block-meta-refresh-slash", Block: translation.Paragraph,
		Text: suffix(` <meta/http-equiv="refresh"/content="0;url=https://evil.example/">`)},
	{Name: "block-inline-html", Block: translation.Paragraph,
		Text: suffix(` <b onmouseover="alert(1)">!</b>`)},
	{Name: "block-html-comment", Block: translation.Paragraph,
		Text: suffix(` <!-- x -->`)},
	{Name: "block-reference-definition", Block: translation.Paragraph, Output: true,
		Text: func(e string) string { return "[r]: https://evil.example/phish\n" + e + " [Más información][r]" }},
	{Name: "block-new-link", Block: translation.Paragraph, Output: true,
		Text: suffix(` [Más información](https://evil.example/phish)`)},
	{Name: "block-new-image", Block: translation.Paragraph, Output: true,
		Text: suffix(` ![](https://evil.example/pixel.png)`)},
	{Name: "block-autolink", Block: translation.Paragraph, Output: true,
		Text: suffix(` <https://evil.example/>`)},
	{Name: "block-javascript-link", Block: translation.Paragraph, Output: true,
		Text: suffix(` [aquí](javascript:alert(1))`)},
	{Name: "block-shortcode", Block: translation.Paragraph, Output: true,
		Text: suffix(` {{< figure src="/x.png" link="https://evil.example/" >}}`)},
	{Name: "block-heading-hidden", Block: translation.Heading, Output: true,
		Text: func(e string) string { return strings.Replace(e, "}", ` hidden=""}`, 1) }},
	{Name: "block-heading-class", Block: translation.Heading, Output: true,
		Text: func(e string) string { return strings.Replace(e, "}", ` .visually-hidden}`, 1) }},
	{Name: "block-setext-heading", Block: translation.Paragraph,
		Text: suffix("\n===")},
	{Name: "block-blockquote", Block: translation.Paragraph, Output: true,
		Text: func(e string) string { return "> " + e }},
	{Name: "block-dropped-strong", Block: translation.Paragraph,
		Text: func(e string) string { return strings.ReplaceAll(e, "**", "") }},
	{Name: "block-added-strong", Block: translation.Paragraph,
		Text: suffix(` **¡Atención!**`)},
}

// Target finds the English unit the case is written to among units, and
// returns it with the hostile text.
func (c Case) Target(units []translation.Unit) (translation.Unit, string, bool) {
	// A paragraph with **strong** words if there is one, so that the
	// cases about marks have marks to drop; a heading with an {#id}.
	fits := []func(u translation.Unit) bool{
		func(u translation.Unit) bool { return strings.Contains(u.Text, "**") || strings.Contains(u.Text, "{#") },
		func(translation.Unit) bool { return true },
	}
	for _, fit := range fits {
		for _, u := range units {
			match := u.ID == c.String
			if c.String == "" {
				match = u.Kind == translation.Page && u.Block == c.Block && fit(u)
			}
			if match {
				return u, c.Text(u.Text), true
			}
		}
	}
	return translation.Unit{}, "", false
}

// HandEdit writes text over the Spanish translation of u in the site at
// root, as a translator editing the file would (the recorded hash kept),
// and returns the file it changed, from root. The Spanish page must have
// the English page's blocks one for one.
func HandEdit(root string, u translation.Unit, text string) (string, error) {
	if u.Kind != translation.Page {
		rel := "i18n/es.toml"
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return "", err
		}
		return rel, os.WriteFile(filepath.Join(root, rel), translation.SetMessages(data, map[string]string{u.ID: text}), 0o644)
	}
	page, part := translation.SplitUnitID(u.ID)
	rel := "content/es/" + translation.PagePath(page)
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return "", err
	}
	tr, err := translation.ParsePage(page, rel, data)
	if err != nil {
		return "", err
	}
	n, err := strconv.Atoi(part)
	if err != nil || n < 1 || n > len(tr.Blocks) {
		return "", fmt.Errorf("%s: no block %s", rel, part)
	}
	body := translation.ReplaceBlocks(tr.Body, tr.Blocks, map[int]string{n - 1: text})
	return rel, os.WriteFile(filepath.Join(root, rel), []byte("---\n"+tr.Front+"---\n"+string(body)), 0o644)
}
