package release

import (
	"fmt"
	"strings"

	goccy "github.com/goccy/go-yaml"
)

// AppendRevision adds a revision at the end of data/revisions.yaml's
// text, leaving everything above it (comments included) as it was.
func AppendRevision(data []byte, rev Revision) []byte {
	kind := "minor"
	if rev.Major {
		kind = "major"
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += fmt.Sprintf("- date: %q\n  type: %s\n  note: %s\n  source: %s\n", rev.Date.String(), kind, yamlString(rev.Note), rev.Source)
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
