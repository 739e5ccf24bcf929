// Package yamlsrc reads the YAML files editors write (data/*.yaml, front
// matter) into nodes that keep their line and column, and turns every
// decoding problem into a diagnostic that points at the file and line.
// It parses with goccy/go-yaml, the parser Hugo reads the same files
// with, and then has Hugo's own decoder (decode.YAML) read them
// too: what validates is what Hugo loads. The models built on it
// (timeline, release) decode field by field so that an unknown,
// duplicated or mistyped field is reported where it stands.
package yamlsrc

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	goccy "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	goccyparser "github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/decode"
)

// Kind is what a node is.
type Kind int

const (
	ScalarNode Kind = iota + 1
	MappingNode
	SequenceNode
	AliasNode
)

// Node is one value of a YAML document, where it stands in the file, and
// what Hugo will make of it (Tag).
type Node struct {
	Kind Kind
	// Tag is a scalar's type as Hugo decodes it: !!str, !!int, !!float,
	// !!bool or !!null (an explicit tag, e.g. !!str 2025, as written).
	Tag string
	// Value is a scalar's text: a string decoded (quotes and escapes
	// resolved), other scalars as written.
	Value string
	// Quoted is set on a scalar written in quotes.
	Quoted bool
	// Anchor is the name of an &anchor on the node, if any.
	Anchor       string
	Line, Column int
	// Content holds a sequence's items, or a mapping's keys and values
	// alternately.
	Content []*Node
}

// Parse decodes one YAML document. It returns nil and the problems when
// the text is not YAML at all.
func Parse(data []byte, file string) (*Node, diag.List) {
	return ParseAt(data, file, 1)
}

// ParseAt decodes YAML that starts on line firstLine of file, such as the
// front matter of a Markdown page; lines in nodes and diagnostics are the
// file's.
func ParseAt(data []byte, file string, firstLine int) (*Node, diag.List) {
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

func shiftLines(n *Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// MaxSize bounds every YAML text the tool reads. The real files are a few
// kilobytes and a 10,000-event timeline is under 2 MiB; anything near the
// limit is a mistake (a pasted export, a binary).
const MaxSize = 8 << 20

// BOM is the UTF-8 byte order mark some Windows editors put at the start
// of a file. Hugo's YAML and TOML decoders refuse it; its page parser
// skips it.
var BOM = []byte{0xEF, 0xBB, 0xBF}

func parse(data []byte, file string) (*Node, diag.List) {
	var l diag.List
	if len(data) > MaxSize {
		l.Errorf(file, 1, 1, "yaml-too-large", "the file is %d bytes; the limit is %d", len(data), MaxSize)
		l.Suggest("data files hold a few facts each; check that the right file was saved here")
		return nil, l
	}
	if bytes.HasPrefix(data, BOM) {
		ReportBOM(file, &l)
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
	parsed, err := goccyparser.ParseBytes(data, 0)
	if err != nil {
		line, col, msg := syntaxError(err)
		if m := duplicateKey.FindStringSubmatch(msg); m != nil {
			l.Errorf(file, line, col, "yaml-duplicate-key", "the key %q is given twice (first on line %s)", m[1], m[2])
			l.Suggest("keep one of the two")
			return nil, l
		}
		l.Errorf(file, line, col, "yaml-syntax", "%s", msg)
		if strings.HasPrefix(lineText(data, line), "\t") || strings.Contains(msg, "tab character") {
			l.Suggest("indent with spaces: YAML does not allow tabs for indentation")
		} else {
			l.Suggest("check the indentation and quoting on and around this line; values with a colon or a quote in them need quotes around them")
		}
		return nil, l
	}
	var docs []*ast.DocumentNode
	for _, d := range parsed.Docs {
		if d.Body != nil && !isComment(d.Body) {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		l.Errorf(file, 1, 1, "yaml-empty", "the file holds no data, only comments")
		return nil, l
	}
	if len(docs) > 1 {
		l.Errorf(file, separatorLine(data), 1, "yaml-multiple-documents", "this \"---\" line starts a second document; everything after it would be ignored")
		l.Suggest("remove the \"---\" line: one file holds one list")
		return nil, l
	}
	root := convert(docs[0].Body)
	refuseAliases(root, file, &l)
	if l.HasErrors() {
		return nil, l
	}
	// The parser accepted it; Hugo's decoder must too (it also limits
	// how many collections a file may hold, and decodes each value).
	if err := decode.YAML(data); err != nil {
		line, col, msg := syntaxError(err)
		if line == 0 {
			line, col = 1, 1
		}
		l.Errorf(file, line, col, "yaml-hugo", "Hugo cannot load this file: %s", msg)
		if strings.Contains(msg, "too many YAML aliases") {
			l.Suggest("Hugo refuses a data file with more than 10,000 lists or mappings at one level, aliases or not; keep the file under that (move older entries to a file of their own)")
		}
		return nil, l
	}
	return root, l
}

// ReportBOM reports a byte order mark at the start of file.
func ReportBOM(file string, l *diag.List) {
	l.Errorf(file, 1, 1, "bom", "the file starts with a byte order mark (BOM), an invisible character some Windows editors add; Hugo cannot read the file with it")
	l.Suggest("save the file as UTF-8 without BOM (Notepad: Save As, Encoding \"UTF-8\"; VS Code: click \"UTF-8 with BOM\" in the status bar, Save with Encoding, \"UTF-8\")")
}

func isComment(n ast.Node) bool {
	_, ok := n.(*ast.CommentGroupNode)
	return ok
}

// convert turns goccy's syntax tree into nodes.
func convert(n ast.Node) *Node {
	at := func(out *Node, tok ast.Node) *Node {
		if t := tok.GetToken(); t != nil && t.Position != nil {
			out.Line, out.Column = t.Position.Line, t.Position.Column
		}
		return out
	}
	switch n := n.(type) {
	case nil:
		return &Node{Kind: ScalarNode, Tag: "!!null"}
	case *ast.DocumentNode:
		return convert(n.Body)
	case *ast.MappingNode:
		out := &Node{Kind: MappingNode}
		for _, v := range n.Values {
			out.Content = append(out.Content, convert(v.Key), convert(v.Value))
		}
		// A block mapping stands where its first key does; a flow
		// mapping where its "{" does.
		if len(out.Content) > 0 && !n.IsFlowStyle {
			out.Line, out.Column = out.Content[0].Line, out.Content[0].Column
		} else {
			at(out, n)
		}
		return out
	case *ast.MappingValueNode: // a mapping of one key
		key := convert(n.Key)
		return &Node{Kind: MappingNode, Line: key.Line, Column: key.Column, Content: []*Node{key, convert(n.Value)}}
	case *ast.SequenceNode:
		out := at(&Node{Kind: SequenceNode}, n)
		for _, v := range n.Values {
			out.Content = append(out.Content, convert(v))
		}
		return out
	case *ast.AnchorNode:
		out := at(convert(n.Value), n) // where the & is
		if name, ok := n.Name.(*ast.StringNode); ok {
			out.Anchor = name.Value
		} else {
			out.Anchor = "anchor"
		}
		return out
	case *ast.AliasNode:
		return at(&Node{Kind: AliasNode}, n)
	case *ast.TagNode:
		out := convert(n.Value)
		out.Tag = n.Start.Value
		return out
	case *ast.StringNode:
		quoted := n.Token != nil && (n.Token.Type == token.DoubleQuoteType || n.Token.Type == token.SingleQuoteType)
		return at(&Node{Kind: ScalarNode, Tag: "!!str", Value: n.Value, Quoted: quoted}, n)
	case *ast.LiteralNode:
		return at(&Node{Kind: ScalarNode, Tag: "!!str", Value: n.Value.Value}, n)
	case *ast.IntegerNode:
		return at(&Node{Kind: ScalarNode, Tag: "!!int", Value: n.GetToken().Value}, n)
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return at(&Node{Kind: ScalarNode, Tag: "!!float", Value: n.GetToken().Value}, n)
	case *ast.BoolNode:
		return at(&Node{Kind: ScalarNode, Tag: "!!bool", Value: n.GetToken().Value}, n)
	case *ast.NullNode:
		return at(&Node{Kind: ScalarNode, Tag: "!!null", Value: n.GetToken().Value}, n)
	case *ast.CommentGroupNode:
		return &Node{Kind: ScalarNode, Tag: "!!null"}
	}
	// Anything else (a merge key <<) is text to the checks.
	out := &Node{Kind: ScalarNode, Tag: "!!str", Value: n.String()}
	return at(out, n)
}

// refuseAliases rejects anchors (&name) and aliases (*name), reporting
// the first. The data is small enough to write out, and an alias that
// expands into aliases (a "billion laughs") could make whatever reads the
// file next, Hugo included, take minutes and gigabytes.
func refuseAliases(root *Node, file string, l *diag.List) {
	var first *Node
	var walk func(*Node)
	walk = func(n *Node) {
		if first != nil {
			return
		}
		if n.Kind == AliasNode || n.Anchor != "" {
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
func Scalars(n *Node, fn func(*Node)) {
	switch n.Kind {
	case ScalarNode:
		fn(n)
	case MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			Scalars(n.Content[i], fn)
		}
	default:
		for _, c := range n.Content {
			Scalars(c, fn)
		}
	}
}

// duplicateKey is how goccy's parser (and so Hugo) refuses a key given
// twice in one mapping.
var duplicateKey = regexp.MustCompile(`^mapping key "(.*)" already defined at \[(\d+):\d+\]$`)

// goccy's messages start with where it stopped: "[3:5] mapping value is
// not allowed in this context", followed by the lines around it.
var positionInError = regexp.MustCompile(`^\[(\d+):(\d+)\] `)

// syntaxError says where the YAML text is broken and what is wrong, in
// one line (goccy's own message quotes the source around it too).
func syntaxError(err error) (line, col int, msg string) {
	var se *goccy.SyntaxError
	if errors.As(err, &se) && se.Token != nil && se.Token.Position != nil {
		return se.Token.Position.Line, se.Token.Position.Column, se.Message
	}
	msg = err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if m := positionInError.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = msg[len(m[0]):]
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
	Key   *Node
	Value *Node
}

// Fields returns a mapping's fields and reports keys not in known (a key
// given twice never gets here: the parser refuses it, as Hugo's does).
// known lists the allowed keys; a misspelt key is matched against it for a
// "did you mean".
func Fields(n *Node, file, what string, known []string, l *diag.List) map[string]Field {
	out := map[string]Field{}
	if n.Kind != MappingNode {
		l.Errorf(file, n.Line, n.Column, "yaml-type", "%s must be a mapping of fields (key: value), found %s", what, Describe(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
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
func String(fields map[string]Field, name string, parent *Node, file, what string, l *diag.List) (string, *Node, bool) {
	f, ok := fields[name]
	if !ok {
		if !misspelt(parent, fields, name) {
			l.Errorf(file, parent.Line, parent.Column, "yaml-missing-field", "%s has no %q", what, name)
		}
		return "", nil, false
	}
	if f.Value.Kind != ScalarNode || f.Value.Tag == "!!null" {
		l.Errorf(file, f.Value.Line, f.Value.Column, "yaml-type", "%q of %s must be text, found %s", name, what, Describe(f.Value))
		return "", f.Value, false
	}
	return f.Value.Value, f.Value, true
}

// misspelt reports whether the mapping has a key that Fields already
// reported as a misspelling of name; one typo is one problem, not also a
// missing field.
func misspelt(mapping *Node, known map[string]Field, name string) bool {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		k := mapping.Content[i].Value
		if _, isKnown := known[k]; !isKnown && Closest(k, []string{name}) == name {
			return true
		}
	}
	return false
}

// Describe names what a node is, in an editor's words.
func Describe(n *Node) string {
	switch n.Kind {
	case MappingNode:
		return "a mapping"
	case SequenceNode:
		return "a list"
	case AliasNode:
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
