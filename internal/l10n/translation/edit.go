package translation

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// The tool edits translators' files line by line, so that their comments,
// order and layout stay as they wrote them.

// todoPrefix starts the comment scaffold writes above each entry it adds,
// and SetHashes removes once the entry is marked done.
const todoPrefix = "# TODO translate"

var hashLine = regexp.MustCompile(`^\s*hash\s*=`)

// SetHashes records in an i18n file that each listed message was
// translated from the English with the given hash. A table gets its hash
// line written or replaced; a plain `key = "text"` line becomes a table
// at the end of the file (a key below a table header would belong to
// that table).
func SetHashes(data []byte, hashes map[string]string) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	tables, flat := scanTOML(lines)
	replace := map[int]string{} // line index → new text ("" deletes)
	insertAfter := map[int]string{}
	var appendix strings.Builder
	for id, h := range hashes {
		hashText := fmt.Sprintf("hash = %q\n", h)
		if t, ok := tables[id]; ok {
			done := false
			otherEnd := t.header
			for i := t.header + 1; i < t.end; i++ {
				if hashLine.MatchString(lines[i]) {
					replace[i] = hashText
					done = true
				}
				if strings.HasPrefix(strings.TrimSpace(lines[i]), "other") {
					otherEnd = valueEnd(lines, i)
				}
			}
			if !done {
				insertAfter[otherEnd] += hashText
			}
			if t.header > 0 && strings.HasPrefix(strings.TrimSpace(lines[t.header-1]), todoPrefix) {
				replace[t.header-1] = ""
			}
			continue
		}
		i, ok := flat[id]
		if !ok {
			return nil, fmt.Errorf("%q is not in the file as a [table] or a `key = \"text\"` line", id)
		}
		if valueEnd(lines, i) != i {
			return nil, fmt.Errorf("%q spans several lines; write it as a table ([%s] then other = \"...\") and run again", id, id)
		}
		_, value, _ := strings.Cut(lines[i], "=")
		replace[i] = ""
		fmt.Fprintf(&appendix, "\n[%s]\nother = %s\n%s", quoteKey(id), strings.TrimSpace(value), hashText)
	}
	var out bytes.Buffer
	for i, line := range lines {
		if r, ok := replace[i]; ok {
			line = r
		}
		out.WriteString(line)
		if i == len(lines)-1 && !strings.HasSuffix(line, "\n") && (insertAfter[i] != "" || appendix.Len() > 0) {
			out.WriteString("\n")
		}
		out.WriteString(insertAfter[i])
	}
	out.WriteString(appendix.String())
	return out.Bytes(), nil
}

// valueEnd is the last line of the value that starts on line i: the same
// line unless it opens a multi-line string.
func valueEnd(lines []string, i int) int {
	for _, delim := range []string{`"""`, `'''`} {
		if strings.Count(lines[i], delim) == 1 {
			for j := i + 1; j < len(lines); j++ {
				if strings.Contains(lines[j], delim) {
					return j
				}
			}
		}
	}
	return i
}

// quoteKey writes a message id as a TOML table name: note.2026-01-02.2
// becomes note."2026-01-02.2", since its last part holds dots.
func quoteKey(id string) string {
	for _, prefix := range []string{"event.", "note."} {
		if rest, ok := strings.CutPrefix(id, prefix); ok {
			if strings.Contains(rest, ".") {
				return prefix + `"` + rest + `"`
			}
			return id
		}
	}
	return id
}

// TOMLString writes s as a TOML basic string: Quote's escapes, and
// \uXXXX for the control characters TOML does not allow as they are
// (and for U+FFFD, which marks bytes that were not UTF-8).
func TOMLString(s string) string {
	return Quote(s, func(r rune) string {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return fmt.Sprintf(`\u%04X`, r)
		}
		return ""
	})
}

// Quote writes s in double quotes with the backslash escapes TOML's basic
// strings and gettext's PO strings share (\" \\ \n \t \r). Any other
// rune is written as escape returns it, or as it is when that is "".
func Quote(s string, escape func(rune) string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if e := escape(r); e != "" {
				b.WriteString(e)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ScaffoldEntry is the table scaffold appends for a missing message: the
// English text, which counts as untranslated until the entry has a hash.
func ScaffoldEntry(lang string, u Unit) string {
	return fmt.Sprintf("\n%s, then run: statement i18n done %s %s\n[%s]\nother = %s\n", todoPrefix, lang, u.ID, quoteKey(u.ID), TOMLString(u.Text))
}

// SetFrontMatter sets key to a quoted value in a page's YAML front
// matter, replacing its line or adding one before the closing ---.
func SetFrontMatter(data []byte, key, value string) ([]byte, error) {
	split, err := SplitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	text, end := string(split.Text), split.Close
	fm := strings.SplitAfter(string(split.Front), "\n")
	line := fmt.Sprintf("%s: %q\n", key, value)
	set := false
	for i, l := range fm {
		if strings.HasPrefix(l, key+":") {
			fm[i] = line
			set = true
		}
		if strings.HasPrefix(strings.TrimSpace(l), todoPrefix) {
			fm[i] = ""
		}
	}
	if !set {
		fm = append(fm, line)
	}
	return []byte("---\n" + strings.Join(fm, "") + text[end:]), nil
}

// SetMessages writes each message's text into an i18n file: a table's
// `other` value is replaced, a plain `key = "text"` line rewritten in
// place, and a message the file lacks appended as a table. Comments and
// everything else stay as they are; hashes are SetHashes's business.
func SetMessages(data []byte, msgs map[string]string) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		lines[n-1] += "\n"
	}
	tables, flat := scanTOML(lines)
	ids := make([]string, 0, len(msgs))
	for id := range msgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	replace := map[int]string{} // line → new text; "" deletes
	var appendix strings.Builder
	for _, id := range ids {
		value := TOMLString(msgs[id])
		if t, ok := tables[id]; ok {
			done := false
			for i := t.header + 1; i < t.end; i++ {
				if !done && regexp.MustCompile(`^\s*other\s*=`).MatchString(lines[i]) {
					end := valueEnd(lines, i)
					replace[i] = "other = " + value + "\n"
					for j := i + 1; j <= end; j++ {
						replace[j] = ""
					}
					done = true
				}
			}
			if !done {
				replace[t.header] = lines[t.header] + "other = " + value + "\n"
			}
			continue
		}
		if i, ok := flat[id]; ok {
			key, _, _ := strings.Cut(lines[i], "=")
			end := valueEnd(lines, i)
			replace[i] = strings.TrimSpace(key) + " = " + value + "\n"
			for j := i + 1; j <= end; j++ {
				replace[j] = ""
			}
			continue
		}
		fmt.Fprintf(&appendix, "\n[%s]\nother = %s\n", quoteKey(id), value)
	}
	var out bytes.Buffer
	for i, line := range lines {
		if r, ok := replace[i]; ok {
			line = r
		}
		out.WriteString(line)
	}
	out.WriteString(appendix.String())
	return out.Bytes()
}

// tomlTable is where a [table] of an i18n file stands: lines [header, end).
type tomlTable struct{ header, end int }

// scanTOML finds, line by line, each table of an i18n file and each plain
// key above the first table, by id: what the edits need to find an entry
// without losing the file's comments and layout.
func scanTOML(lines []string) (tables map[string]tomlTable, flat map[string]int) {
	tables, flat = map[string]tomlTable{}, map[string]int{}
	current := ""
	for i, line := range lines {
		if m := tableLine.FindStringSubmatch(line); m != nil {
			if t, ok := tables[current]; ok {
				t.end = i
				tables[current] = t
			}
			current = tableID(m[1])
			tables[current] = tomlTable{header: i, end: len(lines)}
			continue
		}
		if m := keyLine.FindStringSubmatch(line); m != nil && current == "" {
			flat[strings.Trim(m[1], `"`)] = i
		}
	}
	return tables, flat
}
