// Command changedlang reads the paths a pull request changes, one a line
// on standard input, and prints the language they all belong to when
// they are one translation's files only (content/<lang>/..., i18n/<lang>.toml,
// translations/vendor/<lang>.toml that `i18n import` writes, the English
// texts under translations/english/ that `i18n done` writes, and the
// language's record, translations/<lang>.toml), so that CI can hold that language with
// `statement validate --strict --lang <lang>`. It prints nothing for any
// other change, or for a language hugo.toml does not configure. Run it
// from the repository root; .ci/run does.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/site/source"
)

func main() {
	known, err := source.LanguageCodes(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "changedlang:", err)
		os.Exit(2)
	}
	paths, err := readLines(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "changedlang:", err)
		os.Exit(2)
	}
	if lang := OneLanguage(paths, known); lang != "" {
		fmt.Println(lang)
	}
}

func readLines(r io.Reader) ([]string, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			lines = append(lines, line)
		}
	}
	return lines, sc.Err()
}

// languageOf is the language whose translator owns path, "" for a file
// every language shares, and ok false for a path that is not a
// translator's at all.
func languageOf(path string) (lang string, ok bool) {
	if rest, found := strings.CutPrefix(path, "content/"); found {
		lang, _, nested := strings.Cut(rest, "/")
		return lang, nested && lang != ""
	}
	if rest, found := strings.CutPrefix(path, source.I18nDir+"/"); found {
		lang, isTOML := strings.CutSuffix(rest, ".toml")
		return lang, isTOML && lang != "" && !strings.Contains(lang, "/")
	}
	// A vendor's translations of English that changed before the file
	// came back: written by `i18n import` along with the language's files.
	if rest, found := strings.CutPrefix(path, "translations/vendor/"); found {
		lang, isTOML := strings.CutSuffix(rest, ".toml")
		return lang, isTOML && lang != "" && !strings.Contains(lang, "/")
	}
	// The English a translation was made from, kept by hash: written by
	// `i18n done` along with the translator's own files.
	if strings.HasPrefix(path, "translations/english/") {
		return "", true
	}
	// The language's record (translation.RecordFile), written by `i18n
	// done`, `review` and `import`.
	if rest, found := strings.CutPrefix(path, "translations/"); found {
		lang, isTOML := strings.CutSuffix(rest, ".toml")
		return lang, isTOML && lang != "" && !strings.Contains(lang, "/")
	}
	return "", false
}

// OneLanguage is the language every path belongs to, when there is one
// and hugo.toml configures it (known); otherwise "". English counts as a
// language: `--strict --lang en` holds an editor's change strictly
// without failing on the translations it makes stale.
func OneLanguage(paths []string, known []string) string {
	found := ""
	for _, p := range paths {
		lang, ok := languageOf(p)
		switch {
		case !ok:
			return ""
		case lang == "":
		case found == "":
			found = lang
		case lang != found:
			return ""
		}
	}
	if !slices.Contains(known, found) {
		return ""
	}
	return found
}
