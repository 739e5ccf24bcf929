package translation

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Diff shows what changed from old to new English: a line diff ("- " and
// "+ " lines, with a line of context) for texts of several lines, and an
// inline word diff ("[-old-]{+new+}", as `git diff --word-diff` writes it)
// for a single line.
func Diff(old, new string) string {
	old, new = normalize(old), normalize(new)
	dmp := diffmatchpatch.New()
	if !strings.Contains(old, "\n") && !strings.Contains(new, "\n") {
		diffs := dmp.DiffMain(old, new, false)
		diffs = dmp.DiffCleanupSemantic(diffs)
		var b strings.Builder
		for _, d := range diffs {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				b.WriteString(d.Text)
			case diffmatchpatch.DiffDelete:
				b.WriteString("[-" + d.Text + "-]")
			case diffmatchpatch.DiffInsert:
				b.WriteString("{+" + d.Text + "+}")
			}
		}
		return b.String()
	}
	a, b, lines := dmp.DiffLinesToChars(old+"\n", new+"\n")
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out strings.Builder
	for i, d := range diffs {
		text := strings.Split(strings.TrimSuffix(d.Text, "\n"), "\n")
		switch d.Type {
		case diffmatchpatch.DiffDelete, diffmatchpatch.DiffInsert:
			mark := "- "
			if d.Type == diffmatchpatch.DiffInsert {
				mark = "+ "
			}
			for _, t := range text {
				out.WriteString(mark + t + "\n")
			}
		case diffmatchpatch.DiffEqual:
			// One line of context on each side of a change, not the page.
			if i > 0 && len(text) > 0 {
				out.WriteString("  " + text[0] + "\n")
			}
			if i < len(diffs)-1 && len(text) > 1 {
				if len(text) > 2 || i == 0 {
					out.WriteString("  ...\n")
				}
				out.WriteString("  " + text[len(text)-1] + "\n")
			}
		}
	}
	return strings.TrimSuffix(out.String(), "\n")
}
