package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// sourceParts are where a Hugo site's links can be written, in the order
// they are searched: what editors and translators write comes first, the
// templates last.
var sourceParts = []string{"content", "data", "i18n", "hugo.toml", "layouts", "assets", "static", "themes"}

// sourceExts are the text files links are written in.
var sourceExts = map[string]bool{
	".md": true, ".markdown": true, ".yaml": true, ".yml": true, ".toml": true,
	".json": true, ".html": true, ".htm": true, ".css": true,
}

// sources finds where in the site's source a link was written, so that a
// problem in the minified output (one long line) also names the
// Markdown, data or template line to fix. Hugo keeps no such map, so it
// is a search: for the link as written, percent-decoded (Markdown
// percent-encodes non-ASCII), and for mailto: and tel: the address
// alone (templates put the scheme in front of a data value).
type sources struct {
	root  string
	once  sync.Once
	files []sourceFile

	mu   sync.Mutex
	memo map[string]string
}

type sourceFile struct {
	path string // slash path relative to the root, as diagnostics name it
	data []byte
}

func newSources(root string) *sources { return &sources{root: root, memo: map[string]string{}} }

func (s *sources) load() {
	for _, part := range sourceParts {
		filepath.WalkDir(filepath.Join(s.root, part), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !sourceExts[strings.ToLower(filepath.Ext(p))] {
				return nil // a part the site does not have is no problem
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(s.root, p)
			s.files = append(s.files, sourceFile{path: filepath.ToSlash(rel), data: data})
			return nil
		})
	}
}

// writtenIn returns "file:line:col" of the source that wrote link, or "".
func (s *Site) writtenIn(p *Page, link string) string {
	if s.sources == nil {
		return ""
	}
	return s.sources.find(link, pageLanguages(p))
}

// pageLanguages are the names a page's language may have in source
// paths: the first directory of its output path (en/index.html) and the
// primary subtag of its <html lang>.
func pageLanguages(p *Page) []string {
	var out []string
	if dir, _, ok := strings.Cut(p.Path, "/"); ok {
		out = append(out, strings.ToLower(dir))
	}
	if primary, _, _ := strings.Cut(p.Lang, "-"); primary != "" {
		out = append(out, strings.ToLower(primary))
	}
	return out
}

func (s *sources) find(link string, langs []string) string {
	key := strings.Join(langs, ",") + " " + link
	s.mu.Lock()
	defer s.mu.Unlock()
	if from, ok := s.memo[key]; ok {
		return from
	}
	s.once.Do(s.load)
	from := ""
	best := -1
	for _, needle := range needles(link) {
		for i, f := range s.files {
			line, col, ok := locate(f.data, needle)
			if !ok {
				continue
			}
			// Prefer the page's own language, then the order of the parts.
			score := len(s.files) - i
			if inLanguage(f.path, langs) {
				score += len(s.files)
			}
			if score > best {
				best, from = score, fmt.Sprintf("%s:%d:%d", f.path, line, col)
			}
		}
		if best >= 0 {
			break
		}
	}
	s.memo[key] = from
	return from
}

// needles are the forms a link may have had in the source, most exact
// first. Very short ones ("/", "#") would match everywhere and prove
// nothing, so they are left out.
func needles(link string) []string {
	link = strings.TrimSpace(link)
	var out []string
	add := func(n string) {
		if len(n) >= 3 && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	add(link)
	if decoded, err := url.PathUnescape(link); err == nil {
		add(decoded)
	}
	lower := strings.ToLower(link)
	for _, scheme := range []string{"mailto:", "tel:"} {
		if strings.HasPrefix(lower, scheme) {
			addr, _, _ := strings.Cut(link[len(scheme):], "?")
			add(addr)
			if decoded, err := url.PathUnescape(addr); err == nil {
				add(decoded)
			}
		}
	}
	// Hugo writes a Markdown link to "#id" as a link to the page itself
	// ("/en/#id"); the fragment alone is the last resort.
	if _, frag, ok := strings.Cut(link, "#"); ok && frag != "" {
		add("#" + frag)
	}
	return out
}

// locate finds needle standing alone: not in the middle of a longer URL
// or word, and not as a heading id ({#resources}).
func locate(data []byte, needle string) (line, col int, ok bool) {
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte(needle))
		if i < 0 {
			return 0, 0, false
		}
		i += from
		end := i + len(needle)
		if (i == 0 || strings.IndexByte(" \t\n\r([<\"'=", data[i-1]) >= 0) && endsLink(data, end) {
			before := data[:i]
			line = bytes.Count(before, []byte("\n")) + 1
			return line, i - bytes.LastIndexByte(before, '\n'), true
		}
		from = i + 1
	}
}

// endsLink is true when what follows a match cannot continue the URL: a
// closing bracket or quote, white space, the end, or a sentence's full
// stop or comma.
func endsLink(data []byte, end int) bool {
	if end == len(data) {
		return true
	}
	switch data[end] {
	case ')', ']', '>', '"', '\'', ' ', '\t', '\n', '\r', '}', '|', '`':
		return true
	case '.', ',', ';':
		return end+1 == len(data) || strings.ContainsRune(" \t\n\r\f", rune(data[end+1]))
	}
	return false
}

// inLanguage is true for a file of one of the page's languages:
// content/es/..., i18n/es.toml.
func inLanguage(p string, langs []string) bool {
	for seg := range strings.SplitSeq(strings.ToLower(p), "/") {
		seg = strings.TrimSuffix(seg, path.Ext(seg))
		if slices.Contains(langs, seg) {
			return true
		}
	}
	return false
}
