package vendorfile

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"

	"dhcs.ca.gov/statement/internal/l10n/translation"
)

// gettext PO, as GNU gettext writes it: msgctxt holds the unit's id (ids
// are unique, English texts need not be), "fuzzy" marks a translation of
// English that has changed since, and "#| msgid" the English it was made
// from.

// WritePO writes f as a PO file. Output depends only on f.
func WritePO(w io.Writer, f File) error {
	var b bytes.Buffer
	b.WriteString("# Exported by `statement i18n export`; import with `statement i18n import FILE`.\n")
	b.WriteString("# Keep link addresses (in parentheses), heading ids ({#...}), placeholders\n# ({{ .Date }}) and Markdown marks (**, *) as they are.\n")
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, h := range []string{
		"Project-Id-Version: statement",
		"Language: " + f.TargetLanguage,
		"X-Source-Language: " + f.SourceLanguage,
		"X-Statement-Language: " + f.ExportedFor,
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=UTF-8",
		"Content-Transfer-Encoding: 8bit",
	} {
		if strings.HasSuffix(h, ": ") {
			continue
		}
		fmt.Fprintf(&b, "%s\n", poQuote(h+"\n"))
	}
	for _, u := range f.Units {
		b.WriteString("\n")
		for _, n := range u.Notes {
			for _, line := range strings.Split(n, "\n") {
				fmt.Fprintf(&b, "#. %s\n", line)
			}
		}
		if u.Location != "" {
			fmt.Fprintf(&b, "#: %s\n", u.Location)
		}
		if u.State == "needs-review-translation" {
			b.WriteString("#, fuzzy\n")
		}
		if u.Previous != "" {
			writePOString(&b, "#| msgid ", u.Previous)
		}
		writePOString(&b, "msgctxt ", u.ID)
		writePOString(&b, "msgid ", u.Source)
		writePOString(&b, "msgstr ", u.Target)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writePOString writes a keyword and its string, a text of several lines
// as gettext does: "" then one quoted line each.
func writePOString(b *bytes.Buffer, keyword, s string) {
	prefix := ""
	if strings.HasPrefix(keyword, "#|") {
		prefix = "#| "
	}
	if !strings.Contains(s, "\n") {
		fmt.Fprintf(b, "%s%s\n", keyword, poQuote(s))
		return
	}
	fmt.Fprintf(b, "%s\"\"\n", keyword)
	lines := strings.SplitAfter(s, "\n")
	for _, l := range lines {
		if l != "" {
			fmt.Fprintf(b, "%s%s\n", prefix, poQuote(l))
		}
	}
}

// poQuote writes s as a PO string: the escapes PO shares with TOML, and
// every other rune as it is.
func poQuote(s string) string {
	return translation.Quote(s, func(rune) string { return "" })
}

// ReadPO reads a PO file. The header's Language names the language. The
// file is read in the charset its header names (UTF-8 when it names
// none); a byte order mark, which Windows editors add, is skipped.
func ReadPO(data []byte) (File, []Problem) {
	data = bytes.TrimPrefix(data, bom)
	var label string
	if m := poCharset.FindSubmatch(data); m != nil && string(m[1]) != "CHARSET" {
		label = string(m[1])
	}
	data, problems := toUTF8(data, label)
	if len(problems) > 0 {
		return File{}, problems
	}
	var f File
	type entry struct {
		ctxt, id, str, prev *string
		fuzzy, hasID        bool
		line                int
		refs                []string
	}
	var cur entry
	var last *string // the string continuation lines add to
	flush := func() {
		if !cur.hasID {
			cur = entry{}
			return
		}
		get := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		if get(cur.id) == "" && cur.ctxt == nil {
			for _, line := range strings.Split(get(cur.str), "\n") {
				if k, v, ok := strings.Cut(line, ":"); ok {
					switch strings.TrimSpace(k) {
					case "Language":
						f.TargetLanguage = strings.TrimSpace(v)
					case "X-Source-Language":
						f.SourceLanguage = strings.TrimSpace(v)
					case "X-Statement-Language":
						f.ExportedFor = strings.TrimSpace(v)
					}
				}
			}
		} else {
			u := Unit{ID: get(cur.ctxt), Source: get(cur.id), Target: get(cur.str), Previous: get(cur.prev), Line: cur.line, State: "translated", References: cur.refs}
			if cur.fuzzy {
				u.State = "needs-review-translation"
			}
			f.Units = append(f.Units, u)
		}
		cur = entry{}
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "#,"):
			if cur.hasID {
				flush()
			}
			if strings.Contains(line, "fuzzy") {
				cur.fuzzy = true
			}
			last = nil
			continue
		case strings.HasPrefix(line, "#|"):
			rest := strings.TrimSpace(line[2:])
			if strings.HasPrefix(rest, "msgid ") {
				s, err := poUnquote(rest[len("msgid "):])
				if err != nil {
					problems = append(problems, Problem{n, 1, "a #| msgid line that is not one quoted string"})
					continue
				}
				cur.prev, last = &s, nil
				last = cur.prev
			} else if strings.HasPrefix(rest, `"`) && last != nil && last == cur.prev {
				s, err := poUnquote(rest)
				if err == nil {
					*cur.prev += s
				}
			}
			continue
		case strings.HasPrefix(line, "#:"):
			if cur.hasID {
				flush()
			}
			// xliff2po writes a unit's id as a reference, with # as %23.
			for _, ref := range strings.Fields(line[2:]) {
				if r, err := url.PathUnescape(ref); err == nil {
					ref = r
				}
				cur.refs = append(cur.refs, ref)
			}
			last = nil
			continue
		case strings.HasPrefix(line, "#~"):
			// An obsolete entry (msgmerge, Poedit and Weblate keep them
			// at the end of the file) is not imported. The entry being
			// read before it is complete: finish it, and start afresh so
			// that no flag of the obsolete entry reaches the next one.
			if cur.hasID {
				flush()
			}
			cur, last = entry{}, nil
			continue
		case strings.HasPrefix(line, "#"):
			if cur.hasID {
				flush()
			}
			last = nil
			continue
		}
		keyword, rest, _ := strings.Cut(line, " ")
		if strings.HasPrefix(line, `"`) {
			keyword, rest = "", line
		}
		s, err := poUnquote(rest)
		if err != nil {
			problems = append(problems, Problem{n, 1, fmt.Sprintf("%v; a PO string is one line in double quotes, with \\\" for a quote and \\n for a new line", err)})
			last = nil
			continue
		}
		switch keyword {
		case "":
			if last == nil {
				problems = append(problems, Problem{n, 1, "a quoted string that follows no msgid, msgstr or msgctxt"})
				continue
			}
			*last += s
		case "msgctxt":
			if cur.hasID {
				flush()
			}
			cur.ctxt, last, cur.line = &s, nil, n
			last = cur.ctxt
		case "msgid":
			if cur.hasID {
				flush()
			}
			if cur.line == 0 {
				cur.line = n
			}
			cur.id, cur.hasID = &s, true
			last = cur.id
		case "msgstr":
			if !cur.hasID {
				problems = append(problems, Problem{n, 1, "msgstr without a msgid before it"})
				continue
			}
			cur.str = &s
			last = cur.str
		case "msgid_plural", "msgstr[0]", "msgstr[1]":
			problems = append(problems, Problem{n, 1, "plural forms are not used by this site's units; write one msgstr"})
		default:
			problems = append(problems, Problem{n, 1, fmt.Sprintf("unknown keyword %q: a PO entry has msgctxt, msgid and msgstr", keyword)})
		}
	}
	flush()
	return f, problems
}

// poCharset finds the charset the PO header declares.
var poCharset = regexp.MustCompile(`(?m)^"Content-Type:[^"]*charset=([A-Za-z0-9_.:-]+)`)

// shorten keeps a quoted line in a message short.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func poUnquote(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("not a quoted string: %s", shorten(s))
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s)-1:
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '"', '\\':
				b.WriteByte(s[i])
			default:
				return "", fmt.Errorf("unknown escape \\%c", s[i])
			}
		case c == '\\':
			return "", fmt.Errorf("a string ends with a lone backslash")
		case c == '"':
			return "", fmt.Errorf("a quote inside a string must be written \\\"")
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
