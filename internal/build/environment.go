package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/site/source"
)

// DefaultContext is the context when none is given: what Netlify's
// CONTEXT variable implies, so that a deploy preview or a branch deploy
// builds as a preview without being told; production otherwise.
func DefaultContext(getenv func(string) string) Context {
	switch getenv("CONTEXT") {
	case "deploy-preview", "branch-deploy":
		return Preview
	}
	return Production
}

// PreviewBaseURL is the base URL a preview links to: the address Netlify
// gives the deploy (DEPLOY_PRIME_URL), or "" (hugo.toml's) outside
// Netlify and for production, which is served at the agency's address.
func PreviewBaseURL(ctx Context, getenv func(string) string) string {
	if ctx != Preview {
		return ""
	}
	if u := getenv("DEPLOY_PRIME_URL"); u != "" {
		return strings.TrimSuffix(u, "/") + "/"
	}
	return ""
}

// CheckLanguages holds --lang to its rule: it says which translations
// --strict holds, so it needs --strict, and it names languages the
// site's hugo.toml configures (a misspelt one would hold nothing strictly
// and pass). The error is a usage error, to be shown as it is.
func CheckLanguages(root string, strict bool, langs []string) error {
	if len(langs) == 0 {
		return nil
	}
	if !strict {
		return errors.New("--lang says which translations --strict holds; add --strict")
	}
	known, err := source.LanguageCodes(root)
	if err != nil {
		return nil // validation reports a hugo.toml it cannot read, with its line
	}
	for _, code := range langs {
		if !slices.Contains(known, code) {
			return fmt.Errorf("unknown language %q for --lang: %s configures %s", code, source.ConfigFile, strings.Join(known, ", "))
		}
	}
	return nil
}
