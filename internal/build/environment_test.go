package build

import (
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// Netlify's contexts: deploy previews and branch deploys build as
// previews, at the deploy's own address; production, and anything else,
// at hugo.toml's.
func TestNetlifyEnvironment(t *testing.T) {
	for _, c := range []struct {
		context, url string
		want         Context
		wantURL      string
	}{
		{"", "", Production, ""},
		{"production", "https://main--x.netlify.app", Production, ""},
		{"deploy-preview", "https://deploy-preview-7--x.netlify.app", Preview, "https://deploy-preview-7--x.netlify.app/"},
		{"branch-deploy", "https://b--x.netlify.app/", Preview, "https://b--x.netlify.app/"},
		{"deploy-preview", "", Preview, ""},
		{"dev", "", Production, ""},
	} {
		e := env(map[string]string{"CONTEXT": c.context, "DEPLOY_PRIME_URL": c.url})
		got := DefaultContext(e)
		if got != c.want {
			t.Errorf("CONTEXT=%q: context %s, want %s", c.context, got, c.want)
		}
		if u := PreviewBaseURL(got, e); u != c.wantURL {
			t.Errorf("CONTEXT=%q DEPLOY_PRIME_URL=%q: base URL %q, want %q", c.context, c.url, u, c.wantURL)
		}
	}
}

func TestCheckLanguages(t *testing.T) {
	root := testfs.Tree(t, map[string]string{"hugo.toml": "[languages.en]\nweight = 1\n[languages.es]\nweight = 2\n[languages.xx]\ndisabled = true\n"})
	for _, c := range []struct {
		strict bool
		langs  []string
		want   string
	}{
		{false, nil, ""},
		{true, nil, ""},
		{true, []string{"es", "en"}, ""},
		{false, []string{"es"}, "--lang says which translations --strict holds; add --strict"},
		{true, []string{"es", "fr"}, `unknown language "fr" for --lang: hugo.toml configures en, es`},
		{true, []string{"xx"}, `unknown language "xx" for --lang: hugo.toml configures en, es`},
	} {
		err := CheckLanguages(root, c.strict, c.langs)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("strict %v, --lang %v: %q, want %q", c.strict, c.langs, got, c.want)
		}
	}
}
