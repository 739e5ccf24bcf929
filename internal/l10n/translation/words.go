package translation

import (
	"regexp"
	"strings"
	"unicode"
)

// What a word count leaves out: a link's address (the reader sees only
// its words), a heading's {#id}, placeholders, and Markdown's marks.
var (
	linkAddress  = regexp.MustCompile(`\]\([^)]*\)`)
	headingIDEnd = regexp.MustCompile(`\{#[^}]*\}\s*$`)
	markdownMark = regexp.MustCompile(`[*_#>|\[\]` + "`" + `]+`)
	templateTag  = regexp.MustCompile(`\{\{.*?\}\}`)
)

// Words counts the words of an English text as a translation vendor
// quotes them: what a reader reads, not the Markdown around it.
func Words(text string) int {
	t := linkAddress.ReplaceAllString(text, "]")
	t = headingIDEnd.ReplaceAllString(t, "")
	t = templateTag.ReplaceAllString(t, " ")
	t = markdownMark.ReplaceAllString(t, " ")
	n := 0
	for _, f := range strings.Fields(t) {
		if strings.ContainsFunc(f, isWordRune) {
			n++
		}
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
