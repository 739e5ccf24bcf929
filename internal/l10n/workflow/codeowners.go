package workflow

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// CodeOwnersFile is where GitHub reads who reviews which files.
const CodeOwnersFile = ".github/CODEOWNERS"

// codeOwnersTeam is the owner a new language gets when the file names no
// other language's reviewers to follow: a placeholder, as the file says.
const codeOwnersTeam = "@dhcs-ca/statement-translators-"

// CodeOwnerPaths are a language's files, as CODEOWNERS names them: what
// its translators change, and no one else (DESIGN, "Whose files are
// whose").
func CodeOwnerPaths(code string) []string {
	return []string{"/content/" + code + "/", "/i18n/" + code + ".toml", "/translations/" + code + "/"}
}

// addCodeOwners gives a new language's files to its reviewers in
// CODEOWNERS, so that a translator's pull request asks the right people.
// The owner follows the other languages' (their team name with this
// code), or is the placeholder team. It reports whether it wrote the
// file: a repository without CODEOWNERS, or one that already names the
// language's files, is left alone.
func addCodeOwners(root, code string) (bool, error) {
	path := filepath.Join(root, CodeOwnersFile)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	text := string(data)
	paths := CodeOwnerPaths(code)
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == paths[0] {
			return false, nil
		}
	}
	owner := codeOwnersTeam + code
	// Another language's i18n line: "/i18n/es.toml @org/team-es".
	other := regexp.MustCompile(`(?m)^/i18n/([a-z0-9-]+)\.toml\s+(@\S+)-([a-z0-9-]+)\s*$`)
	for _, m := range other.FindAllStringSubmatch(text, -1) {
		if m[1] == m[3] && m[1] != "en" {
			owner = m[2] + "-" + code
			break
		}
	}
	var b strings.Builder
	b.WriteString(text)
	if !strings.HasSuffix(text, "\n") {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n# %s (added by `statement i18n add %s`: check the owner)\n", code, code)
	for _, p := range paths {
		fmt.Fprintf(&b, "%s %s\n", p, owner)
	}
	return true, writeAtomic(path, []byte(b.String()))
}
