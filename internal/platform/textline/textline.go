// Package textline is the one rule for a short text an editor types on
// the command line and the tool writes into a source file (a language's
// label in hugo.toml, a revision's note in data/revisions.yaml): one line
// of printable text. A line break or a control character written raw
// would break the file, or change what Hugo reads from it; a bidi
// override would make the text read differently from what it is.
package textline

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s as one line of printable text: each tab becomes a
// space and the spaces around it are trimmed. A line break, any other
// control or format character (except the zero-width joiner and
// non-joiner some scripts spell words with), and invalid UTF-8 are
// refused; the error names the character and where it is.
func Clean(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("is not valid UTF-8 text")
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
	for i, r := range []rune(s) {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return "", fmt.Errorf("has a line break (character %d); write it on one line", i+1)
		case r == '\u200c' || r == '\u200d':
			// joiners are part of how some languages spell words
		case !unicode.IsPrint(r) && r != ' ':
			return "", fmt.Errorf("has the invisible character U+%04X (character %d); remove it", r, i+1)
		}
	}
	return s, nil
}
