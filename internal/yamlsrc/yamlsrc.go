// Package yamlsrc reads the YAML files editors write (data/*.yaml, front
// matter) into nodes that keep their line and column, and turns every
// decoding problem into a diagnostic that points at the file and line.
// The models built on it (timeline, release) decode field by field so that
// an unknown, duplicated or mistyped field is reported where it stands.
package yamlsrc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"

	"dhcs.ca.gov/statement/internal/diag"
)

// Parse decodes one YAML document. It returns nil and the problems when
// the text is not YAML at all.
func Parse(data []byte, file string) (*yaml.Node, diag.List) {
	return ParseAt(data, file, 1)
}

// ParseAt decodes YAML that starts on line firstLine of file, such as the
// front matter of a Markdown page; lines in nodes and diagnostics are the
// file's.
func ParseAt(data []byte, file string, firstLine int) (*yaml.Node, diag.List) {
	root, l := parse(data, file)
	shift := firstLine - 1
	if shift != 0 {
		for i := range l {
			if l[i].Line > 0 {
				l[i].Line += shift
			}
		}
		if root != nil {
			shiftLines(root, shift)
		}
	}
	return root, l
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// MaxSize bounds every YAML text the tool reads. The real files are a few
// kilobytes and a 10,000-event timeline is under 2 MiB; anything near the
// limit is a mistake (a pasted export, a binary).
const MaxSize = 8 << 20

func parse(data []byte, file string) (*yaml.Node, diag.List) {
	var l diag.List
	if len(data) > MaxSize {
		l.Errorf(file, 1, 1, "yaml-too-large", "the file is %d bytes; the limit is %d", len(data), MaxSize)
		l.Suggest("data files hold a few facts each; check that the right file was saved here")
		return nil, l
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		l.Errorf(file, line, col, "yaml-encoding", "the file is not valid UTF-8 text")
		l.Suggest("save the file with UTF-8 encoding (most editors: File > Save with Encoding > UTF-8)")
		return nil, l
	}
	if strings.TrimSpace(string(data)) == "" {
		l.Errorf(file, 1, 1, "yaml-empty", "the file is empty")
		return nil, l
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		l.Errorf(file, 1, 1, "yaml-empty", "the file holds no data, only comments")
		return nil, l
	}
	if err != nil {
		line, col, msg := syntaxError(data, err)
		l.Errorf(file, line, col, "yaml-syntax", "%s", msg)
		if strings.HasPrefix(lineText(data, line), "\t") || strings.Contains(msg, "tab character") {
			l.Suggest("indent with spaces: YAML does not allow tabs for indentation")
		} else {
			l.Suggest("check the indentation and quoting on and around this line; values with a colon or a quote in them need quotes around them")
		}
		return nil, l
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		l.Errorf(file, separatorLine(data), 1, "yaml-multiple-documents", "this \"---\" line starts a second document; everything after it would be ignored")
		l.Suggest("remove the \"---\" line: one file holds one list")
		return nil, l
	}
	root := doc.Content[0]
	refuseAliases(root, file, &l)
	if l.HasErrors() {
		return nil, l
	}
	return root, l
}

// refuseAliases rejects anchors (&name) and aliases (*name), reporting
// the first. The data is small enough to write out, and an alias that
// expands into aliases (a "billion laughs") could make whatever reads the
// file next, Hugo included, take minutes and gigabytes.
func refuseAliases(root *yaml.Node, file string, l *diag.List) {
	var first *yaml.Node
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if first != nil {
			return
		}
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			first = n
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	if first != nil {
		l.Errorf(file, first.Line, first.Column, "yaml-alias", "anchors and aliases (&name, *name) are not allowed")
		l.Suggest("write the value out in full")
	}
}

// invalidUTF8 finds the first byte that is not UTF-8.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

// Scalars calls fn for every scalar value under n (not for keys).
func Scalars(n *yaml.Node, fn func(*yaml.Node)) {
	switch n.Kind {
	case yaml.ScalarNode:
		fn(n)
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			Scalars(n.Content[i], fn)
		}
	default:
		for _, c := range n.Content {
			Scalars(c, fn)
		}
	}
}

var lineInError = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// syntaxError says where the YAML text is broken. yaml.v3 often names the
// line where the enclosing block starts, or no line at all; the parser of
// goccy/go-yaml (also in Hugo's module graph) names the token it stopped
// at, which for a value running over two lines is the value's start. The
// later of the two is where the editor's mistake is.
func syntaxError(data []byte, err error) (line, col int, msg string) {
	msg = err.Error()
	if m := lineInError.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	_, perr := goccyparser.ParseBytes(data, 0)
	var se *goccy.SyntaxError
	if errors.As(perr, &se) && se.Token != nil && se.Token.Position != nil && se.Token.Position.Line >= line {
		line, col = se.Token.Position.Line, se.Token.Position.Column
	}
	return line, col, msg
}

// separatorLine finds the "---" that ends the first document.
func separatorLine(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if i > 0 && (string(bytes.TrimSpace(line)) == "---" || bytes.HasPrefix(line, []byte("--- "))) {
			return i + 1
		}
	}
	return 0
}

func lineText(data []byte, line int) string {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return ""
	}
	return string(lines[line-1])
}

// Field is one key and its value in a mapping.
type Field struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// Fields returns a mapping's fields and reports keys not in known and keys
// given twice. known lists the allowed keys; a misspelt key is matched
// against it for a "did you mean".
func Fields(n *yaml.Node, file, what string, known []string, l *diag.List) map[string]Field {
	out := map[string]Field{}
	if n.Kind != yaml.MappingNode {
		l.Errorf(file, n.Line, n.Column, "yaml-type", "%s must be a mapping of fields (key: value), found %s", what, Describe(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if prev, dup := out[k.Value]; dup {
			l.Errorf(file, k.Line, k.Column, "yaml-duplicate-key", "%s has %q twice (first on line %d)", what, k.Value, prev.Key.Line)
			l.Suggest("keep one of the two")
			continue
		}
		if !slices.Contains(known, k.Value) {
			l.Errorf(file, k.Line, k.Column, "yaml-unknown-field", "%s has an unknown field %q", what, k.Value)
			if s := Closest(k.Value, known); s != "" {
				l.Suggest("did you mean %q?", s)
			} else {
				l.Suggest("the fields are: %s", strings.Join(known, ", "))
			}
			continue
		}
		out[k.Value] = Field{k, v}
	}
	return out
}

// String returns a required string field; it reports it missing, or not a
// plain string.
func String(fields map[string]Field, name string, parent *yaml.Node, file, what string, l *diag.List) (string, *yaml.Node, bool) {
	f, ok := fields[name]
	if !ok {
		if !misspelt(parent, fields, name) {
			l.Errorf(file, parent.Line, parent.Column, "yaml-missing-field", "%s has no %q", what, name)
		}
		return "", nil, false
	}
	if f.Value.Kind != yaml.ScalarNode || f.Value.Tag == "!!null" {
		l.Errorf(file, f.Value.Line, f.Value.Column, "yaml-type", "%q of %s must be text, found %s", name, what, Describe(f.Value))
		return "", f.Value, false
	}
	return f.Value.Value, f.Value, true
}

// misspelt reports whether the mapping has a key that Fields already
// reported as a misspelling of name; one typo is one problem, not also a
// missing field.
func misspelt(mapping *yaml.Node, known map[string]Field, name string) bool {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		k := mapping.Content[i].Value
		if _, isKnown := known[k]; !isKnown && Closest(k, []string{name}) == name {
			return true
		}
	}
	return false
}

// Describe names what a node is, in an editor's words.
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!int", "!!float":
		return fmt.Sprintf("the number %s", n.Value)
	case "!!bool":
		return fmt.Sprintf("the boolean %s", n.Value)
	}
	return fmt.Sprintf("%q", n.Value)
}

// Closest returns the known name nearest to s by edit distance, if it is
// near enough to be a typo.
func Closest(s string, known []string) string {
	best, bestDist := "", len(s)/2+2
	for _, k := range known {
		if d := distance(s, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein distance between two short names.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
