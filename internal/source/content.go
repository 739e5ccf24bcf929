package source

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/release"
	"dhcs.ca.gov/statement/internal/timeline"
	"dhcs.ca.gov/statement/internal/yamlsrc"
)

var frontMatterFields = []string{"title", "description", "englishRevision"}

// checkFrontMatter wants a title and a description on every page, and on
// a translation the date of the English revision it was made from.
func (s *Site) checkFrontMatter(lang *Language, file string, fm *yaml.Node, l *diag.List) {
	const what = "the front matter"
	f := yamlsrc.Fields(fm, file, what, frontMatterFields, l)
	if fm.Kind != yaml.MappingNode {
		return
	}
	for _, name := range []string{"title", "description"} {
		if v, n, ok := yamlsrc.String(f, name, fm, file, what, l); ok && strings.TrimSpace(v) == "" {
			l.Errorf(file, n.Line, n.Column, "front-matter", "%s is empty", name)
		}
	}
	if s.SourceLanguage == "" {
		return // which page is a translation is unknown; the config error says why
	}
	if lang.Code == s.SourceLanguage {
		if rev, ok := f["englishRevision"]; ok {
			l.Errorf(file, rev.Key.Line, rev.Key.Column, "front-matter", "englishRevision belongs on translations only; the English page is the source")
		}
		return
	}
	v, n, ok := yamlsrc.String(f, "englishRevision", fm, file, what, l)
	if !ok {
		l.Suggest("add englishRevision: \"%s\", the date of the English revision you translated", s.History.Updated())
		return
	}
	d, err := timeline.ParseDate(v)
	if err != nil || d.Precision != timeline.Day {
		l.Errorf(file, n.Line, n.Column, "front-matter", "englishRevision must be the date of an English revision (YYYY-MM-DD), found %q", v)
		return
	}
	if s.historyOK && !slices.ContainsFunc(s.History, func(r release.Revision) bool { return r.Date == d }) {
		l.Errorf(file, n.Line, n.Column, "translation-revision", "englishRevision %s is not a revision in %s", d, RevisionsFile)
		return
	}
	lang.EnglishRevision = v
}

// Interface strings are go-i18n messages: a plain string, or a table with
// the translation under "other" (and optional metadata such as "hash").
var messageKeys = []string{"other", "one", "zero", "two", "few", "many", "hash", "description"}

// readStrings reads i18n/<code>.toml into message id → text, with the line
// each id is defined on.
func readStrings(path, file string, l *diag.List) (map[string]string, map[string]int, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, false
	}
	out, lines := parseStrings(data, file, l)
	return out, lines, true
}

// parseStrings decodes the text of an i18n file; nil when it is not TOML.
func parseStrings(data []byte, file string, l *diag.List) (map[string]string, map[string]int) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		reportTOML(file, err, l)
		return nil, nil
	}
	lines := keyLines(data)
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			id := k
			if prefix != "" {
				id = prefix + "." + k
			}
			switch v := v.(type) {
			case string:
				out[id] = v
			case map[string]any:
				if other, ok := v["other"]; ok {
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
					out[id] = text
					continue
				}
				walk(id, v)
			default:
				l.Errorf(file, lines[id], 1, "i18n-type", "%q must be text in quotes, found %v", id, v)
				out[id] = fmt.Sprint(v) // present, if mistyped: not also "missing"
			}
		}
	}
	walk("", raw)
	return out, lines
}

var (
	tableLine = regexp.MustCompile(`^\s*\[\s*([^\]]+?)\s*\]`)
	keyLine   = regexp.MustCompile(`^\s*("[^"]+"|[A-Za-z0-9_.-]+)\s*=`)
)

// keyLines maps each message id of an i18n TOML file to its line. The TOML
// decoder does not keep positions, and these files are flat enough for a
// line scan: table headers and `key =` lines.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	table := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if m := tableLine.FindStringSubmatch(text); m != nil {
			table = strings.ReplaceAll(m[1], `"`, "")
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

// checkStrings compares a language's interface strings with English: a
// published translation has every string English has, each non-empty with
// the same placeholders, and a text for every timeline event.
func (s *Site) checkStrings(lang *Language, src sourceStrings, l *diag.List) {
	file := I18nDir + "/" + lang.Code + ".toml"
	got, lines, ok := readStrings(filepath.Join(s.Root, file), file, l)
	if !ok {
		l.Errorf(file, 0, 0, "i18n-missing", "language %q has no interface strings", lang.Code)
		l.Suggest("copy %s/%s.toml to %s and translate it", I18nDir, s.SourceLanguage, file)
		return
	}
	if lang.Code == s.SourceLanguage || got == nil || s.SourceLanguage == "" {
		return
	}
	english, srcFile := src.texts, src.file
	if english == nil {
		return
	}
	for _, id := range src.ids {
		text, ok := got[id]
		from := fmt.Sprintf("%s:%d", srcFile, src.lines[id])
		if strings.HasPrefix(id, "event.") {
			from = TimelineFile
		}
		switch {
		case !ok && strings.HasPrefix(id, "event."):
			// A new event must not wait for every translator: the page
			// shows the English text, marked as English, until then.
			l.Warnf(file, 0, 0, "i18n-incomplete", "%q is not translated; the page shows the English text until it is (%s: %q)", id, from, english[id])
		case !ok:
			l.Errorf(file, 0, 0, "i18n-incomplete", "%q is not translated (English, %s: %q)", id, from, english[id])
		case strings.TrimSpace(text) == "":
			l.Errorf(file, lines[id], 1, "i18n-incomplete", "%q is empty (English: %q)", id, english[id])
		case !slices.Equal(placeholders(text), placeholders(english[id])):
			l.Errorf(file, lines[id], 1, "i18n-placeholder", "%q must use the placeholders %v as English does, found %v", id, placeholders(english[id]), placeholders(text))
		}
	}
	for id := range got {
		// With a timeline that did not load, every event would look unknown.
		if strings.HasPrefix(id, "event.") && !s.timelineOK {
			continue
		}
		if _, ok := english[id]; !ok {
			l.Warnf(file, lines[id], 1, "i18n-unknown", "%q is not an English string; nothing uses it", id)
		}
	}
}

// sourceStrings is what every translation is compared with: the source
// language's interface strings and the timeline's event texts, by id.
type sourceStrings struct {
	file  string
	texts map[string]string // nil when the file cannot be read
	lines map[string]int
	ids   []string // sorted
}

// sourceStrings reads them once for all languages. The source file's own
// problems are reported when the source language itself is checked.
func (s *Site) sourceStrings() sourceStrings {
	src := sourceStrings{file: I18nDir + "/" + s.SourceLanguage + ".toml"}
	if s.SourceLanguage == "" {
		return src
	}
	src.texts, src.lines, _ = readStrings(filepath.Join(s.Root, src.file), src.file, &diag.List{})
	if src.texts == nil {
		return src
	}
	if s.timelineOK {
		for _, ev := range s.Timeline {
			src.texts["event."+ev.ID] = ev.Text
		}
	}
	for id := range src.texts {
		src.ids = append(src.ids, id)
	}
	slices.Sort(src.ids)
	return src
}

var placeholderPattern = regexp.MustCompile(`\{\{\s*\.?[A-Za-z_]+\s*\}\}`)

func placeholders(s string) []string {
	found := placeholderPattern.FindAllString(s, -1)
	for i, p := range found {
		found[i] = strings.Join(strings.Fields(p), "")
	}
	slices.Sort(found)
	return found
}
