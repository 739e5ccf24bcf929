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
	"dhcs.ca.gov/statement/internal/site/source"
)

var languageHeader = regexp.MustCompile(`^\s*\[languages\.([^\]\s.]+)(\.[^\]]*)?\]\s*(#.*)?$`)
var anyHeader = regexp.MustCompile(`^\s*\[`)

// AddLanguage starts a new language: it adds code to hugo.toml as a draft
// (previews build it, production leaves it out; publishing it is removing
// draft) and scaffolds its files. hugo.toml is edited as text, after the
// last language, so that its comments and layout stay; if the result does
// not load, hugo.toml is put back as it was. The language's files are
// given to its reviewers in .github/CODEOWNERS, if the repository has one.
// Nothing else is touched: the CDN's per-language rules are made by the
// build from hugo.toml.
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
	tag, err := language.Parse(code)
	if err != nil {
		return nil, fmt.Errorf("%q is not a language code (BCP 47, e.g. hy, km, pa-arab): %v", code, err)
	}
	if canonical := strings.ToLower(tag.String()); canonical != code {
		return nil, fmt.Errorf("use the code %q: Hugo reads i18n/%s.toml as the language %q", canonical, code, canonical)
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
		code, code, translation.TOMLString(label), translation.TOMLString(code+"-US"), dir, weight+1, code, code)
	if !strings.HasSuffix(lines[last], "\n") {
		lines[last] += "\n"
	}
	edited := strings.Join(lines[:last+1], "") + block + strings.Join(lines[last+1:], "")
	if err := writeAtomic(path, []byte(edited)); err != nil {
		return nil, err
	}
	restore := func(cause error) error {
		if err := writeAtomic(path, original); err != nil {
			return fmt.Errorf("%v; and %s could not be put back: %v", cause, source.ConfigFile, err)
		}
		return cause
	}
	if err := os.MkdirAll(filepath.Join(root, "content", code), 0o755); err != nil {
		return nil, restore(err)
	}
	site, l := source.Load(root, source.Options{})
	var config bytes.Buffer
	for _, d := range l {
		if d.File == source.ConfigFile && d.Severity == diag.Error {
			fmt.Fprintf(&config, "\n  %s:%d: %s", d.File, d.Line, d.Message)
		}
	}
	if config.Len() > 0 {
		return nil, restore(fmt.Errorf("%s would not load with the new language, so it was left as it was:%s", source.ConfigFile, config.String()))
	}
	written, err := Scaffold(site, code)
	written = append([]string{source.ConfigFile}, written...)
	if err != nil {
		return written, err
	}
	owners, err := addCodeOwners(root, code)
	if owners {
		written = append(written, CodeOwnersFile)
	}
	return written, err
}
