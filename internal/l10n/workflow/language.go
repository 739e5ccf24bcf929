package workflow

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/site/source"
)

// parseLanguage reads a language code as CAT tools and gettext write it:
// BCP 47 (es-US, zh-Hant) or gettext (es_US, sr@latin, es_US.UTF-8), in
// any case.
func parseLanguage(name string) (language.Tag, error) {
	name = strings.TrimSpace(name)
	name, modifier, _ := strings.Cut(name, "@")
	name, _, _ = strings.Cut(name, ".") // a gettext charset: es_US.UTF-8
	name = strings.ReplaceAll(name, "_", "-")
	switch strings.ToLower(modifier) {
	case "latin":
		name += "-Latn"
	case "cyrillic":
		name += "-Cyrl"
	}
	return language.Parse(name)
}

// sameLanguage reports whether two tags name one written language: the
// same language (tl and fil are one, as are iw and he) in the same script
// (zh-TW is Traditional Chinese, zh-CN is not). The region does not
// matter: ko-KR is the site's ko-US.
func sameLanguage(a, b language.Tag) bool {
	ba, _ := a.Base()
	bb, _ := b.Base()
	sa, _ := a.Script()
	sb, _ := b.Script()
	return ba == bb && sa == sb
}

// matchLanguage finds the site's language that name spells, by the
// language's code or its locale; an error says why there is none.
func matchLanguage(site *source.Site, name string) (*source.Language, error) {
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("names no language")
	}
	tag, err := parseLanguage(name)
	if err != nil {
		return nil, fmt.Errorf("is not a language code")
	}
	var found []*source.Language
	for i := range site.Languages {
		x := &site.Languages[i]
		for _, code := range []string{x.Code, x.Locale} {
			if t, err := parseLanguage(code); err == nil && code != "" && sameLanguage(tag, t) {
				found = append(found, x)
				break
			}
		}
	}
	if len(found) > 1 {
		// Two languages of the site differ only by region (pt-BR and
		// pt-PT): the file's region decides.
		region, conf := tag.Region()
		var exact []*source.Language
		for _, x := range found {
			if t, err := parseLanguage(locale(*x)); err == nil && conf == language.Exact {
				if r, _ := t.Region(); r == region {
					exact = append(exact, x)
				}
			}
		}
		if len(exact) != 1 {
			var names []string
			for _, x := range found {
				names = append(names, x.Code)
			}
			return nil, fmt.Errorf("could be any of %s; name the language with its region, as the export does", strings.Join(names, ", "))
		}
		found = exact
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("is not a language of this site")
	}
	return found[0], nil
}

func languageList(site *source.Site) string {
	var names []string
	for _, x := range site.Languages {
		if x.Code != site.SourceLanguage {
			names = append(names, fmt.Sprintf("%s (%s)", x.Code, locale(x)))
		}
	}
	return strings.Join(names, ", ")
}

// fileStem is the language a file's name starts with (es.po,
// es-from-xliff.po, zh-hant.xlf), for a file whose tools dropped its
// language: the Translate Toolkit's xliff2po and po2xliff write none.
var fileStem = regexp.MustCompile(`^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*`)

// targetLanguage is the language of the site a vendor's file is for: the
// language it names (or, if its tools dropped it, the one its name
// starts with), which must be the language it was exported for and the
// language its translations are written in. A file relabelled for
// another language would otherwise overwrite that language.
func targetLanguage(site *source.Site, file string, f vendorfile.File) (*source.Language, string, bool) {
	declared, from := f.TargetLanguage, "the file's target language"
	if strings.TrimSpace(declared) == "" && f.ExportedFor != "" {
		declared, from = f.ExportedFor, "the language the file was exported for"
	}
	if strings.TrimSpace(declared) == "" {
		stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		lang := matchStem(site, stem)
		if lang == nil {
			return nil, "the file names no target language (XLIFF: target-language on <file>; PO: a Language line in the header): add it, e.g. target-language=\"es\" or \"Language: es\\n\", or name the file after the language (es.po)", false
		}
		declared, from = lang.Code, "the language the file's name starts with"
	}
	lang, err := matchLanguage(site, declared)
	if err != nil {
		return nil, fmt.Sprintf("%s %q %v (this site's translations: %s)", from, declared, err, languageList(site)), false
	}
	if lang.Code == site.SourceLanguage {
		return lang, "", true // the caller refuses a file into English
	}
	if f.ExportedFor != "" {
		if exported, err := matchLanguage(site, f.ExportedFor); err != nil || exported != lang {
			return nil, fmt.Sprintf("the file was exported for %s, but %s is %q (%s): a file is imported into the language it was exported for. If the translations are %s, set the target language back to %s; if they are %s, export %s and translate that file", f.ExportedFor, from, declared, lang.Code, f.ExportedFor, f.ExportedFor, lang.Code, lang.Code), false
		}
	}
	if msg, bad := scriptMismatch(lang, f); bad {
		return nil, msg, false
	}
	return lang, "", true
}

func matchStem(site *source.Site, stem string) *source.Language {
	m := fileStem.FindString(stem)
	if len(m) < len(stem) && unicode.IsLetter(rune(stem[len(m)])) {
		return nil // a word, not a code: delivery.po is not Delaware
	}
	// The longest part of the name that names a language: es-US-final is
	// es-US; fil-translated is fil.
	for m != "" {
		if lang, err := matchLanguage(site, m); err == nil {
			return lang
		}
		i := strings.LastIndexAny(m, "-_")
		if i < 0 {
			break
		}
		m = m[:i]
	}
	return nil
}

// scripts names the letters each script code is written in.
var scripts = map[string][]*unicode.RangeTable{
	"Latn": {unicode.Latin},
	"Kore": {unicode.Hangul, unicode.Han},
	"Hang": {unicode.Hangul},
	"Hans": {unicode.Han},
	"Hant": {unicode.Han},
	"Hani": {unicode.Han},
	"Jpan": {unicode.Hiragana, unicode.Katakana, unicode.Han},
	"Arab": {unicode.Arabic},
	"Cyrl": {unicode.Cyrillic},
	"Grek": {unicode.Greek},
	"Armn": {unicode.Armenian},
	"Hebr": {unicode.Hebrew},
	"Thai": {unicode.Thai},
	"Khmr": {unicode.Khmer},
	"Laoo": {unicode.Lao},
	"Ethi": {unicode.Ethiopic},
	"Deva": {unicode.Devanagari},
	"Beng": {unicode.Bengali},
	"Guru": {unicode.Gurmukhi},
	"Gujr": {unicode.Gujarati},
	"Taml": {unicode.Tamil},
	"Telu": {unicode.Telugu},
	"Mymr": {unicode.Myanmar},
	"Geor": {unicode.Georgian},
}

// markdownAddress is what a unit keeps from English whatever the
// language: link addresses and heading ids.
var markdownAddress = regexp.MustCompile(`\]\([^)]*\)|\{#[^}]*\}|\{\{[^}]*\}\}`)

// scriptMismatch tells a file whose translations are not written in its
// target language's script: a Spanish delivery labelled Korean has no
// Hangul. It looks only at a file with enough letters to tell, and only
// at languages whose script is known; a file in another language of the
// same script is told by ExportedFor instead.
func scriptMismatch(lang *source.Language, f vendorfile.File) (string, bool) {
	tag, err := parseLanguage(locale(*lang))
	if err != nil {
		return "", false
	}
	script, conf := tag.Script()
	want, known := scripts[script.String()]
	if conf == language.No || !known {
		return "", false
	}
	total, in := 0, 0
	other := map[string]int{}
	for _, u := range f.Units {
		if !u.Ready() {
			continue
		}
		for _, r := range markdownAddress.ReplaceAllString(u.Target, "") {
			if !unicode.IsLetter(r) {
				continue
			}
			total++
			if unicode.In(r, want...) {
				in++
				continue
			}
			for name, tables := range scripts {
				if unicode.In(r, tables...) && len(tables) == 1 {
					other[name]++
				}
			}
		}
	}
	if total < 40 || in*3 >= total {
		return "", false
	}
	most, n := "", 0
	for name, c := range other {
		if c > n || (c == n && name < most) {
			most, n = name, c
		}
	}
	return fmt.Sprintf("the file's target language is %s (%s), written in %s letters, but %d of the %d letters of its translations are %s: is the file for another language? Set its target language to the language the translations are in, or export %s and translate that file", lang.Code, locale(*lang), scriptName(script.String()), total-in, total, scriptName(most), lang.Code), true
}

func scriptName(code string) string {
	names := map[string]string{"Latn": "Latin", "Kore": "Hangul", "Hang": "Hangul", "Hans": "Chinese", "Hant": "Chinese", "Hani": "Chinese", "Jpan": "Japanese", "Arab": "Arabic", "Cyrl": "Cyrillic", "Grek": "Greek", "Armn": "Armenian", "Hebr": "Hebrew"}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}
