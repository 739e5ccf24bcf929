package release

import (
	"fmt"
	"strings"
	"unicode"
)

// AppendRevision adds a revision at the end of data/revisions.yaml's
// text, leaving everything above it (comments included) as it was.
// The revision is chained to the history data holds: its previous and
// hash are set here (see Digest).
func AppendRevision(data []byte, h History, rev Revision) []byte {
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	rev.Previous = h.Head()
	rev.Hash = rev.Digest(rev.Previous)
	text += fmt.Sprintf("- date: %q\n  type: %s\n", rev.Date.String(), rev.Kind())
	if rev.Amends != "" {
		text += fmt.Sprintf("  amends: %q\n", rev.Amends)
	}
	text += fmt.Sprintf("  note: %s\n  source: %s\n", yamlQuoted(rev.Note), rev.Source)
	if rev.Previous != "" {
		text += fmt.Sprintf("  previous: %s\n", rev.Previous)
	}
	text += fmt.Sprintf("  hash: %s\n", rev.Hash)
	return []byte(text)
}

// yamlQuoted writes s as a YAML double-quoted scalar, always: unquoted,
// YAML reads some texts as something else (".inf" as infinity, "no" as
// false, "2026-01-02" as a date), and validate and Hugo must both read
// the note as the text it is. Anything not printable is escaped, so the
// scalar stays on one line.
func yamlQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsPrint(r) || r == ' ':
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
