package release

import (
	"fmt"
	"strings"

	goccy "github.com/goccy/go-yaml"
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
	text += fmt.Sprintf("  note: %s\n  source: %s\n", yamlString(rev.Note), rev.Source)
	if rev.Previous != "" {
		text += fmt.Sprintf("  previous: %s\n", rev.Previous)
	}
	text += fmt.Sprintf("  hash: %s\n", rev.Hash)
	return []byte(text)
}

// yamlString writes s as one YAML scalar, quoted when YAML needs it.
func yamlString(s string) string {
	out, err := goccy.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	v := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(v, "\n") {
		return fmt.Sprintf("%q", s) // a folded block would break the list item
	}
	return v
}
