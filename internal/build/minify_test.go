package build

import (
	"bytes"
	"path/filepath"
	"testing"

	"dhcs.ca.gov/statement/internal/hugorun"
	"dhcs.ca.gov/statement/internal/postprocess"
	"dhcs.ca.gov/statement/internal/source"
)

// The build has Hugo minify while it renders (postprocess.HugoConfig)
// instead of minifying every file again afterwards. The published tree
// must be what postprocess's own minifier makes of Hugo's plain output,
// byte for byte, in both contexts (previews add the draft language).
func TestHugoMinifiesAsPostprocessDoes(t *testing.T) {
	root, err := filepath.Abs(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, ctx := range []Context{Production, Preview} {
		t.Run(string(ctx), func(t *testing.T) {
			site, l := source.Load(root, source.Options{Production: ctx == Production})
			if l.HasErrors() {
				t.Fatal(l)
			}
			render := func(hugoMinifies bool) map[string][]byte {
				dir := filepath.Join(t.TempDir(), "out")
				if l := hugorun.Build(hugorun.Options{Source: root, Destination: dir, Environment: string(ctx), Overlay: Overlay(site, ctx), Minify: hugoMinifies}); l.HasErrors() {
					t.Fatal(l)
				}
				if err := postprocess.Run(dir, postprocess.Options{SourceLanguage: site.SourceLanguage, Preview: ctx == Preview, Minified: hugoMinifies}); err != nil {
					t.Fatal(err)
				}
				return tree(t, dir)
			}
			ours, hugos := render(false), render(true)
			if len(ours) != len(hugos) {
				t.Errorf("%d files minified afterwards, %d minified by Hugo", len(ours), len(hugos))
			}
			for path, data := range ours {
				if !bytes.Equal(data, hugos[path]) {
					t.Errorf("%s: Hugo's minified output differs from postprocess's:\n%s\n%s", path, data, hugos[path])
				}
			}
		})
	}
}
