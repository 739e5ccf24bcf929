package checks

import (
	"path"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/output/samepage"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// languageOf is the language of a page whose features the translation
// gate reads: "" for an English page, the code for a translated one.
func (o Options) languageOf(rel string) (string, bool) {
	if o.SourceLanguage == "" {
		return "", false
	}
	first, _, _ := strings.Cut(rel, "/")
	switch {
	case first == o.SourceLanguage:
		return "", true
	case slices.Contains(o.Translations, first):
		return first, true
	}
	return "", false
}

// sameAsEnglish holds a translated page (rel, with its features) to the
// English page at the same path (its features in english, by path). A
// translated page with no English page has nothing to be held to, and is
// refused: nothing says what it may do.
func (o Options) sameAsEnglish(rel, lang string, features samepage.Features, english map[string]samepage.Features) diag.List {
	var l diag.List
	file := path.Join(o.Display, rel)
	englishRel := o.SourceLanguage + strings.TrimPrefix(rel, lang)
	ef, ok := english[englishRel]
	if !ok {
		l.Errorf(file, 0, 0, "translation-adds", "a translated page with no English page at %s: nothing holds what it does to the English", englishRel)
		l.Suggest("remove the translated page, or ask an editor for its English original")
		return l
	}
	address := "/" + path.Dir(englishRel) + "/"
	if base := path.Base(englishRel); base != "index.html" {
		address = "/" + englishRel
	}
	allowance := samepage.Allowance(samepage.Address(o.BaseURL, address))
	samepage.Check(file, features, ef, allowance, &l)
	return l
}
