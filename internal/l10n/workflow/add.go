package workflow

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/language"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/textline"
	"dhcs.ca.gov/statement/internal/site/source"
)

var languageHeader = regexp.MustCompile(`^\s*\[languages\.([^\]\s.]+)(\.[^\]]*)?\]\s*(#.*)?$`)
var anyHeader = regexp.MustCompile(`^\s*\[`)

// AddLanguage starts a new language: it adds code to hugo.toml as a draft
// (previews build it, production leaves it out; publishing it is removing
// draft) and scaffolds its files. hugo.toml is edited as text, after the
// last language, so that its comments and layout stay. Any failure puts
// hugo.toml back as it was and removes every file and folder the command
// created, so a failed add leaves the site as it found it. The language's
// files are given to its reviewers in .github/CODEOWNERS, if the
// repository has one. Nothing else is touched: the CDN's per-language
// rules are made by the build from hugo.toml.
func AddLanguage(root, code, label, dir string) ([]string, error) {
	if dir == "" {
		dir = "ltr"
	}
	if dir != "ltr" && dir != "rtl" {
		return nil, fmt.Errorf("--dir must be ltr or rtl, not %q", dir)
	}
	if strings.TrimSpace(label) == "" {
		return nil, fmt.Errorf("--label is the language's name in itself (e.g. --label Հայերեն for hy)")
	}
	label, err := textline.Clean(label)
	if err != nil {
		return nil, fmt.Errorf("--label %v: the label is one line of text, the language's name in itself", err)
	}
	tag, err := language.Parse(code)
	if err != nil {
		return nil, fmt.Errorf("%q is not a language code (BCP 47, e.g. hy, km, pa-arab): %v", code, err)
	}
	if canonical := strings.ToLower(tag.String()); canonical != code {
		return nil, fmt.Errorf("use the code %q: Hugo reads i18n/%s.toml as the language %q", canonical, code, canonical)
	}
	locale, err := usLocale(tag)
	if err != nil {
		return nil, fmt.Errorf("%q: %v", code, err)
	}
	path := filepath.Join(root, source.ConfigFile)
	original, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.SplitAfter(string(original), "\n")
	last, weight := -1, 0
	weightLine := regexp.MustCompile(`^\s*weight\s*=\s*(\d+)`)
	inLanguage := false
	for i, line := range lines {
		if m := languageHeader.FindStringSubmatch(line); m != nil {
			if m[1] == code {
				return nil, fmt.Errorf("%s already has [languages.%s]; run `statement i18n scaffold %s` to add what it lacks", source.ConfigFile, code, code)
			}
			inLanguage, last = true, i
			continue
		}
		if anyHeader.MatchString(line) && !strings.HasPrefix(strings.TrimSpace(line), "[languages]") {
			inLanguage = false
			continue
		}
		if inLanguage {
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				last = i
			}
			if m := weightLine.FindStringSubmatch(line); m != nil {
				var w int
				fmt.Sscan(m[1], &w)
				weight = max(weight, w)
			}
		}
	}
	if last < 0 {
		return nil, fmt.Errorf("%s has no [languages.…] tables to add to", source.ConfigFile)
	}
	block := fmt.Sprintf("  # Added by `statement i18n add %s`: a draft, which previews build and\n"+
		"  # production leaves out. Publish it by removing draft once\n"+
		"  # `statement i18n status` says it is complete.\n"+
		"  [languages.%s]\n    label = %s\n    locale = %s\n    direction = %q\n    weight = %d\n    contentDir = \"content/%s\"\n"+
		"    [languages.%s.params]\n      draft = true\n",
		code, code, translation.TOMLString(label), translation.TOMLString(locale), dir, weight+1, code, code)
	if !strings.HasSuffix(lines[last], "\n") {
		lines[last] += "\n"
	}
	edited := strings.Join(lines[:last+1], "") + block + strings.Join(lines[last+1:], "")
	undo := undoer{root: root, config: original}
	undo.note(filepath.Join(root, "content", code))
	undo.note(filepath.Join(root, source.I18nDir, code+".toml"))
	if err := writeAtomic(path, []byte(edited)); err != nil {
		return nil, undo.run(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "content", code), 0o755); err != nil {
		return nil, undo.run(err)
	}
	site, l := source.Load(root, source.Options{})
	var config bytes.Buffer
	for _, d := range l {
		if d.File == source.ConfigFile && d.Severity == diag.Error {
			fmt.Fprintf(&config, "\n  %s:%d: %s", d.File, d.Line, d.Message)
		}
	}
	if config.Len() > 0 {
		return nil, undo.run(fmt.Errorf("%s would not load with the new language, so it was left as it was:%s", source.ConfigFile, config.String()))
	}
	written, err := scaffold(site, code)
	if err != nil {
		for _, w := range written {
			// Scaffold writes only pages that were not there.
			if p := filepath.Join(root, w); undo.saved[p] == nil {
				undo.created = append(undo.created, p)
			}
		}
		return nil, undo.run(err)
	}
	written = append([]string{source.ConfigFile}, written...)
	undo.note(filepath.Join(root, CodeOwnersFile))
	owners, err := addCodeOwners(root, code)
	if err != nil {
		return nil, undo.run(err)
	}
	if owners {
		written = append(written, CodeOwnersFile)
	}
	return written, nil
}

// scaffold is Scaffold; tests make it fail halfway.
var scaffold = Scaffold

// usLocale is the locale of a language of California's public: the
// language's own region where its code names one (pt-BR), the United
// States otherwise (hy-US, pa-Arab-US), as a valid BCP 47 tag.
func usLocale(tag language.Tag) (string, error) {
	base, script, region := tag.Raw()
	if region.String() != "ZZ" {
		return tag.String(), nil
	}
	parts := []any{base, language.MustParseRegion("US")}
	if script.String() != "Zzzz" {
		parts = append(parts, script)
	}
	us, err := language.Compose(parts...)
	if err != nil {
		return "", err
	}
	if _, err := language.Parse(us.String()); err != nil {
		return "", fmt.Errorf("no valid locale: %v", err)
	}
	return us.String(), nil
}

// undoer puts a site back as it was before AddLanguage: hugo.toml's text,
// each noted file's text, and none of the noted paths that were not there.
type undoer struct {
	root    string
	config  []byte
	created []string          // noted paths that did not exist
	saved   map[string][]byte // noted files that did, with their text
}

// note remembers path as it is: absent, to remove it on failure, or a
// file's text, to put it back.
func (u *undoer) note(path string) {
	fi, err := os.Lstat(path)
	switch {
	case os.IsNotExist(err):
		u.created = append(u.created, path)
	case err == nil && fi.Mode().IsRegular():
		if data, err := os.ReadFile(path); err == nil {
			if u.saved == nil {
				u.saved = map[string][]byte{}
			}
			u.saved[path] = data
		}
	}
}

// run undoes and returns cause, with what could not be undone added.
func (u *undoer) run(cause error) error {
	var failed []string
	if err := writeAtomic(filepath.Join(u.root, source.ConfigFile), u.config); err != nil {
		failed = append(failed, fmt.Sprintf("%s could not be put back: %v", source.ConfigFile, err))
	}
	for p, data := range u.saved {
		if err := writeAtomic(p, data); err != nil {
			failed = append(failed, fmt.Sprintf("%s could not be put back: %v", p, err))
		}
	}
	for _, p := range u.created {
		if err := os.RemoveAll(p); err != nil {
			failed = append(failed, fmt.Sprintf("%s could not be removed: %v", p, err))
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%v; and %s", cause, strings.Join(failed, "; "))
	}
	return fmt.Errorf("%v (%s and the files are as they were)", cause, source.ConfigFile)
}
