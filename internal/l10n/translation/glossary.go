package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// GlossaryFile holds the terms every translation treats the same way:
// names that are never translated (Medi-Cal, CMS, ICE, T-MSIS, DHCS),
// and terms each language has agreed words for ("courtesy translation").
// Exports carry them as notes on the units that use them; validate warns
// where a translation drops one.
const GlossaryFile = "translations/glossary.toml"

// Term is one glossary entry.
type Term struct {
	// English is the term as the English text writes it.
	English string `toml:"english"`
	// Keep: the term is written as it is in every language (a name).
	Keep bool `toml:"keep"`
	// Note says what the term is, for translators and vendors.
	Note string `toml:"note"`
	// Translations are, by language code, the agreed words for the term.
	Translations map[string]string `toml:"translations"`
}

// Glossary is the glossary's terms, in the file's order.
type Glossary []Term

// ParseGlossary reads the glossary; problems go to l at file.
func ParseGlossary(data []byte, file string, l *diag.List) Glossary {
	var f struct {
		Term []Term `toml:"term"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		ReportTOMLIn(file, data, err, l)
		return nil
	}
	for _, k := range md.Undecoded() {
		l.Errorf(file, 0, 0, "glossary-key", "unknown key %q", k.String())
		l.Suggest("a term has english, keep, note and translations")
	}
	for _, t := range f.Term {
		switch {
		case strings.TrimSpace(t.English) == "":
			l.Errorf(file, 0, 0, "glossary-term", "a term has no english")
		case t.Keep && len(t.Translations) > 0:
			l.Errorf(file, 0, 0, "glossary-term", "%q is kept as it is (keep = true), so it has no translations", t.English)
		case !t.Keep && len(t.Translations) == 0:
			l.Errorf(file, 0, 0, "glossary-term", "%q: give keep = true, or its translations by language", t.English)
		}
	}
	return f.Term
}

// ReadGlossary reads root's glossary; a site without one has none.
func ReadGlossary(root string, l *diag.List) Glossary {
	data, err := os.ReadFile(filepath.Join(root, GlossaryFile))
	if err != nil {
		if !os.IsNotExist(err) {
			l.Errorf(GlossaryFile, 0, 0, "glossary-read", "%v", err)
		}
		return nil
	}
	return ParseGlossary(data, GlossaryFile, l)
}

// in reports whether text uses the term: as a whole word ("ICE" is not
// in "NOTICE"; "Medi-Cal's" has Medi-Cal), and, for a translated term,
// in any case.
func (t Term) in(text string) bool {
	needle, hay := t.English, text
	if !t.Keep {
		needle, hay = strings.ToLower(needle), strings.ToLower(hay)
	}
	for i := 0; ; {
		j := strings.Index(hay[i:], needle)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(needle)
		before, _ := utf8.DecodeLastRuneInString(hay[:start])
		after, _ := utf8.DecodeRuneInString(hay[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = end
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Notes are the glossary's notes for a unit of English text, for the
// language code: one per term the text uses.
func (g Glossary) Notes(english, code string) []string {
	var notes []string
	for _, t := range g {
		if !t.in(english) {
			continue
		}
		switch tr := t.Translations[code]; {
		case t.Keep:
			notes = append(notes, fmt.Sprintf("Glossary: keep %q as it is, untranslated (%s).", t.English, t.Note))
		case tr != "":
			notes = append(notes, fmt.Sprintf("Glossary: %q is %q in this language (%s).", t.English, tr, t.Note))
		}
	}
	return notes
}

// Dropped lists the glossary terms the English of r uses that its
// translation into code does not: a name not kept as it is, or another
// word than the agreed one.
func (g Glossary) Dropped(r Result, code string) []string {
	var out []string
	for _, t := range g {
		if !t.in(r.Unit.Text) {
			continue
		}
		switch tr := t.Translations[code]; {
		case t.Keep && !strings.Contains(r.Entry.Text, t.English):
			out = append(out, fmt.Sprintf("%q is not in it (a name: keep it as it is)", t.English))
		case !t.Keep && tr != "" && !strings.Contains(strings.ToLower(r.Entry.Text), strings.ToLower(tr)):
			out = append(out, fmt.Sprintf("the English says %q, and the agreed words for it, %q, are not in it", t.English, tr))
		}
	}
	sort.Strings(out)
	return out
}

// CheckGlossary warns, for each translated unit of lang, about the terms
// its translation drops (Dropped).
func CheckGlossary(g Glossary, code string, results []Result, l *diag.List) {
	if len(g) == 0 {
		return
	}
	for _, r := range results {
		if !r.State.Done() {
			continue
		}
		for _, p := range g.Dropped(r, code) {
			l.Warnf(r.Entry.File, r.Entry.Line, 1, "glossary", "%q: %s", r.Unit.ID, p)
			l.Suggest("see %s; if the term is right here as it is, ask for the glossary to be changed", GlossaryFile)
		}
	}
}

// CheckUnchanged warns about each translated unit of a language whose
// text is the English one, word for word: left untranslated by a CAT
// tool's copy-source, or by a translator who meant to come back to it.
// Only a text of three words or more is held to it: a short one ("Email"),
// one of names the glossary keeps, numbers and addresses, or a date
// layout may well be the same in another language.
func CheckUnchanged(g Glossary, results []Result, l *diag.List) {
	for _, r := range results {
		if !r.State.Done() || !StillEnglish(r) || g.words(r.Unit.Text) < 3 {
			continue
		}
		l.Warnf(r.Entry.File, r.Entry.Line, 1, "i18n-unchanged", "%q is marked translated but is the English text, word for word", r.Unit.ID)
		l.Suggest("translate it (a CAT tool's \"copy source to target\" leaves the English in place), then run `statement i18n done`")
	}
}

// words counts the words of text a translator would translate: words of
// letters that are not names the glossary keeps, nor the tokens of a Go
// date layout (January 2, 2006).
func (g Glossary) words(text string) int {
	for _, t := range g {
		if t.Keep {
			text = strings.ReplaceAll(text, t.English, " ")
		}
	}
	if strings.Contains(text, "2006") {
		text = strings.ReplaceAll(text, "January", " ")
	}
	n := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) > 1 {
			n++
		}
	}
	return n
}
