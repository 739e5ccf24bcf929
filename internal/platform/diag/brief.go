package diag

import (
	"fmt"
	"io"
	"slices"
)

// Brief is what an editor's terminal shows of a list: the errors first,
// then the warnings about what every language shares, and the warnings
// about translations only as one count per language (translators have
// `statement i18n status` for those). Held is that count per language,
// in the order the languages come in the list.
type Brief struct {
	Shown List
	Held  []LanguageWarnings
}

// LanguageWarnings counts the warnings about one language's translation.
type LanguageWarnings struct {
	Language string
	Warnings int
}

// Briefly splits the list for a terminal.
func (l List) Briefly() Brief {
	var b Brief
	for _, d := range l {
		if d.Severity == Error {
			b.Shown = append(b.Shown, d)
		}
	}
	for _, d := range l {
		switch {
		case d.Severity == Error:
		case d.Language == "":
			b.Shown = append(b.Shown, d)
		default:
			i := slices.IndexFunc(b.Held, func(h LanguageWarnings) bool { return h.Language == d.Language })
			if i < 0 {
				i = len(b.Held)
				b.Held = append(b.Held, LanguageWarnings{Language: d.Language})
			}
			b.Held[i].Warnings++
		}
	}
	return b
}

// WriteBrief writes the brief form of the list as text: the diagnostics
// it shows, then one line per language whose translation warnings it
// holds back, naming the command that lists them. more is how to see
// every warning instead (e.g. "validate --verbose").
func WriteBrief(w io.Writer, l List, colour bool, more string) error {
	b := l.Briefly()
	if err := Write(w, b.Shown, Text, colour); err != nil {
		return err
	}
	for _, h := range b.Held {
		noun := "warnings"
		if h.Warnings == 1 {
			noun = "warning"
		}
		if _, err := fmt.Fprintf(w, "%s: %d translation %s; see them with `statement i18n status %s` (or `statement %s`)\n", h.Language, h.Warnings, noun, h.Language, more); err != nil {
			return err
		}
	}
	return nil
}
