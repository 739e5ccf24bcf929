package translation

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/decode"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Interface strings are go-i18n messages: a plain string, or a table with
// the translation under "other" and the English hash under "hash".
var messageKeys = []string{"other", "one", "zero", "two", "few", "many", "hash", "description"}

// ParseStrings decodes an i18n file into its entries by message id; nil
// when the file is not TOML (reported in l).
func ParseStrings(data []byte, file string, l *diag.List) map[string]Entry {
	var raw map[string]any
	if !DecodeTOML(data, file, &raw, l) {
		return nil
	}
	lines := keyLines(data)
	out := map[string]Entry{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			e := Entry{ID: id, File: file, Line: lines[id]}
			switch v := v.(type) {
			case string:
				e.Text = v
				out[id] = e
			case map[string]any:
				other, ok := v["other"]
				if !ok {
					walk(id, v)
					continue
				}
				text, isString := other.(string)
				if !isString {
					l.Errorf(file, lines[id], 1, "i18n-type", "%q: the translation under \"other\" must be text", id)
				}
				for mk := range v {
					if !slices.Contains(messageKeys, mk) {
						l.Errorf(file, lines[id], 1, "i18n-type", "%q has an unknown key %q", id, mk)
						l.Suggest("a key below a [table] line belongs to that table: move plain keys above the first [table]")
					}
				}
				if h, ok := v["hash"]; ok {
					if hs, isString := h.(string); isString {
						e.Hash = hs
					} else {
						l.Errorf(file, lines[id], 1, "i18n-type", "%q: hash must be text in quotes", id)
					}
				}
				e.Text = text
				out[id] = e
			default:
				l.Errorf(file, lines[id], 1, "i18n-type", "%q must be text in quotes, found %v", id, v)
				e.Text = fmt.Sprint(v) // present, if mistyped: not also "missing"
				out[id] = e
			}
		}
	}
	walk("", raw)
	return out
}

// DecodeTOML decodes data into v with the decoder that gives the model
// its types, and has Hugo's own decoder (decode.TOML) read it too:
// what the tool accepts, Hugo loads. It reports what either refuses, and
// a byte order mark (Hugo cannot read a file that starts with one).
func DecodeTOML(data []byte, file string, v any, l *diag.List) bool {
	if bytes.HasPrefix(data, yamlsrc.BOM) {
		yamlsrc.ReportBOM(file, l)
		return false
	}
	if _, err := toml.Decode(string(data), v); err != nil {
		ReportTOMLIn(file, data, err, l)
		return false
	}
	if err := decode.TOML(data); err != nil {
		var de *decode.Error
		line, col := 0, 0
		if errors.As(err, &de) {
			line, col = de.Line, de.Column
		}
		l.Errorf(file, line, col, "toml-hugo", "Hugo cannot read this: %v", err)
		l.Suggest("write it as TOML 1.0 allows; Hugo's decoder is stricter than some editors")
		return false
	}
	return true
}

// ReportTOMLIn turns a TOML decoding error into a diagnostic at its
// line. It takes the file's text, so that the most common mistake in a
// translation, a straight " inside a "..." text, gets its fix named rather
// than the parser's puzzlement.
func ReportTOMLIn(file string, data []byte, err error, l *diag.List) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		l.Errorf(file, pe.Position.Line, pe.Position.Col, "toml-syntax", "%s", pe.Message)
		switch {
		case quoteInsideString(data, pe.Position.Line):
			l.Suggest(`a straight " ends the text early: write it as \" (He said \"no\"), use typographic quotes “ ” (or « » as your language writes them), or put the whole text in single quotes ('He said "no"')`)
		case pe.Usage != "":
			l.Suggest("%s", strings.TrimSpace(pe.Usage))
		}
		return
	}
	l.Errorf(file, 0, 0, "toml-syntax", "%v", err)
}

// quoteInsideString reports whether line n of data is a key = "..." line
// whose text holds more than its two unescaped straight quotes.
func quoteInsideString(data []byte, n int) bool {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return false
	}
	_, value, ok := strings.Cut(string(lines[n-1]), "=")
	value = strings.TrimSpace(value)
	if !ok || !strings.HasPrefix(value, `"`) || strings.HasPrefix(value, `"""`) {
		return false
	}
	quotes := 0
	for i := 0; i < len(value); i++ {
		switch value[i] {
		case '\\':
			i++
		case '"':
			quotes++
		case '#':
			if quotes%2 == 0 {
				i = len(value) // a comment after the text
			}
		}
	}
	return quotes > 2
}

var (
	tableLine = regexp.MustCompile(`^\s*\[\s*([^\]]+?)\s*\]`)
	keyLine   = regexp.MustCompile(`^\s*("[^"]+"|[A-Za-z0-9_.-]+)\s*=`)
)

// keyLines maps each message id of an i18n TOML file to its line (and each
// table's keys to theirs, as "id.key"). The TOML decoder does not keep
// positions, and these files are flat enough for a line scan: table headers
// and `key =` lines.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	table := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 8*1024*1024)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if m := tableLine.FindStringSubmatch(text); m != nil {
			table = tableID(m[1])
			if _, seen := lines[table]; !seen {
				lines[table] = n
			}
			continue
		}
		if m := keyLine.FindStringSubmatch(text); m != nil {
			id := strings.Trim(m[1], `"`)
			if table != "" {
				id = table + "." + id
			}
			if _, seen := lines[id]; !seen {
				lines[id] = n
			}
		}
	}
	return lines
}

// tableID is the message id a table header names: [event.x] and
// [note."2026-01-02.2"] give event.x and note.2026-01-02.2.
func tableID(header string) string {
	return strings.ReplaceAll(strings.ReplaceAll(header, `"`, ""), " ", "")
}
