package ciconfig

import (
	"strings"
	"testing"

	l10nworkflow "dhcs.ca.gov/statement/internal/l10n/workflow"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Every language in hugo.toml has its files owned by its own reviewers
// in CODEOWNERS (as `statement i18n add` writes them), English by the
// editors, and everything else by the maintainers.
func TestCodeOwnersNameEveryLanguage(t *testing.T) {
	owners := map[string]string{}
	first := ""
	for _, line := range strings.Split(read(t, l10nworkflow.CodeOwnersFile), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if first == "" {
			first = f[0]
		}
		if _, twice := owners[f[0]]; twice {
			t.Errorf("CODEOWNERS names %s twice: the last line would silently win", f[0])
		}
		owners[f[0]] = strings.Join(f[1:], " ")
	}
	if first != "*" || !strings.Contains(owners["*"], "maintainers") {
		t.Errorf("CODEOWNERS must start with * for the maintainers (the last matching line wins), not %s %s", first, owners[first])
	}
	codes, err := source.LanguageCodes(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range codes {
		if code == "en" {
			for _, p := range []string{"/content/en/", "/i18n/en.toml", "/data/"} {
				if !strings.Contains(owners[p], "editors") {
					t.Errorf("CODEOWNERS: %s is %q, want the editors", p, owners[p])
				}
			}
			continue
		}
		for _, p := range l10nworkflow.CodeOwnerPaths(code) {
			if owners[p] == "" {
				t.Errorf("CODEOWNERS has no line for %s: %s's reviewers would not be asked (statement i18n add writes them)", p, code)
			} else if !strings.HasSuffix(owners[p], "-"+code) {
				t.Errorf("CODEOWNERS: %s is owned by %s, not %s's reviewers", p, owners[p], code)
			}
		}
	}
}
