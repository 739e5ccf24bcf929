package translation

import (
	"fmt"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Language is a translation as the reports need it.
type Language struct {
	Code string
	// Draft languages are in progress: previews show them, production
	// leaves them out, and their gaps are reported by `i18n status` only.
	Draft bool
	// StringsFile is the language's i18n file and ContentDir its pages'
	// folder, from the site root.
	StringsFile string
	ContentDir  string
}

// Report turns a language's results into diagnostics, by this policy:
//
//   - A published language must be complete in its interface strings and
//     its page: a gap there is an error, since the page would show a blank
//     or a page in another language.
//   - An English update is never blocked by translators: an event or note
//     that is new in English, and any unit whose English changed, is a
//     warning. The page shows the English text (marked as English) or the
//     older translation, under a notice that the English has changed;
//     `--strict --lang <lang>`, which CI runs on a pull request that
//     touches only that language's files, fails on it.
//   - A draft language is reported by `i18n status`; here only what would
//     break its preview (a placeholder English does not have) is a warning.
func Report(lang Language, results []Result, extra []Entry, l *diag.List) {
	// A page the language lacks altogether is one problem, not one per
	// block.
	hasPage := map[string]bool{}
	for _, r := range results {
		if page, _ := SplitUnitID(r.Unit.ID); r.Unit.Kind == Page && r.State != Missing {
			hasPage[page] = true
		}
	}
	reported := map[string]bool{}
	for _, r := range results {
		if page, _ := SplitUnitID(r.Unit.ID); r.Unit.Kind == Page && !hasPage[page] {
			if reported[page] {
				continue
			}
			reported[page] = true
			r.Unit = Unit{ID: page, Kind: Page, File: r.Unit.File}
		}
		report(lang, r, l)
	}
	for _, e := range extra {
		if lang.Draft || e.ID == MonthsWithDay {
			continue
		}
		switch KindOf(e.ID) {
		case Page:
			l.Warnf(e.File, e.Line, 1, "i18n-unknown", "this page has no English original, so nothing holds it to English; Hugo publishes it all the same")
			l.Suggest("remove it if the English page was removed, or ask an editor for the English page")
		case Event, Note:
			// English removed it; the translation need not hurry.
			l.Warnf(e.File, e.Line, 1, "i18n-unknown", "%q is not in English any more; nothing uses it", e.ID)
		default:
			l.Errorf(e.File, e.Line, 1, "i18n-unknown", "%q is not an English string; nothing uses it", e.ID)
			l.Suggest("check the spelling against the English key, or remove it")
		}
	}
}

func report(lang Language, r Result, l *diag.List) {
	if r.State == Fresh {
		return // nothing to say, and most units are fresh: say it quickly
	}
	if _, part := SplitUnitID(r.Unit.ID); r.State == Empty && (part == TitlePart || part == DescriptionPart) {
		return // the front matter check says it is empty
	}
	u, e := r.Unit, r.Entry
	from := fmt.Sprintf("%s:%d", u.File, u.Line)
	if u.Line == 0 {
		from = u.File
	}
	file := lang.StringsFile
	if u.Kind == Page {
		file = lang.ContentDir + "/" + PagePath(u.ID)
	}
	english := fmt.Sprintf("%s: %q", from, short(u.Text))
	if u.Text == "" {
		english = from
	}
	lenient := Lenient(r)
	done := fmt.Sprintf("statement i18n done %s %s", lang.Code, u.ID)
	switch r.State {
	case Fresh:
	case PlaceholderMismatch:
		// An error in a draft too, since previews render it and a
		// template runs when the page is built; but not placeholders that
		// differ from English's, which an English edit can cause.
		for _, p := range r.Problems {
			add := l.Errorf
			if lang.Draft && p == fieldMismatch(u.Text, e.Text) {
				add = l.Warnf
			}
			add(e.File, e.Line, 1, "i18n-placeholder", "%q %s", u.ID, p)
		}
		l.Suggest("a translation is plain text with the English text's placeholders (%s:%d: %q); the theme adds any markup", u.File, u.Line, short(u.Text))
	case Missing, Untranslated, Empty:
		if lang.Draft {
			return
		}
		what := map[State]string{Missing: "is not translated", Untranslated: "is not marked as translated (it has no hash)", Empty: "is empty"}[r.State]
		_, part := SplitUnitID(u.ID)
		newBlock := u.Kind == Page && part != "" && r.State == Missing
		switch {
		case newBlock:
			l.Warnf(file, e.Line, 1, "i18n-incomplete", "%q is new in English and not in this translation yet; the page reads on without it, under the notice that the English has changed (%s)", u.ID, english)
		case lenient:
			shows := "the page shows the English text until it is"
			if u.Kind == Page {
				shows = "the page is in English only until it is"
			}
			l.Warnf(file, e.Line, 1, "i18n-incomplete", "%q %s; %s (%s)", u.ID, what, shows, english)
		default:
			l.Errorf(file, e.Line, 1, "i18n-incomplete", "%q %s (English, %s)", u.ID, what, english)
		}
		switch {
		case newBlock:
			l.Suggest("add its translation where the English page has it, then run `%s` (or export the language for a vendor: `statement i18n export %s`)", done, lang.Code)
		case r.State == Missing:
			l.Suggest("run `statement i18n scaffold %s` to add every missing entry and page with its English text, then translate them", lang.Code)
		case r.State == Untranslated:
			l.Suggest("translate it, then run `%s`", done)
		}
	case Stale:
		if lang.Draft {
			return
		}
		l.Warnf(e.File, e.Line, 1, "i18n-stale", "%q is stale: the English (%s) changed after it was translated; the page says so to readers", u.ID, from)
		l.Suggest("`statement i18n status` shows what changed; update the translation, then run `%s`", done)
	}
}

// short keeps long English texts (a whole page) out of one-line messages.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:117]) + "..."
	}
	return s
}

// Lenient reports whether a gap is one an English update may open without
// waiting for translators: an event or note new in English, or a new
// English page a language does not have yet. The page shows the English
// (or links only the English page) under the notice that the English has
// changed. A page copied from English and left untranslated is not
// lenient: it would publish English text as the language's own.
func Lenient(r Result) bool {
	switch r.Unit.Kind {
	case Event, Note:
		return true
	case Page:
		// A block English added, or a page the language lacks: the page
		// reads on without it under the notice.
		return r.State == Missing
	}
	return false
}
