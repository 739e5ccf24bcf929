package preview

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// The problems reach the theme as params.preview, errors and warnings
// apart, each with where, what and the fix, and the build's overlay is
// kept.
func TestOverlayCarriesTheProblems(t *testing.T) {
	var l diag.List
	l.Errorf("data/timeline.yaml", 23, 3, "yaml-unknown-field", "event %q has an unknown field %q", "x", "txet")
	l.Suggest("did you mean %q?", "text")
	l.Warnf("i18n/es.toml", 0, 0, "i18n-incomplete", "not translated")
	text := Overlay(&source.Site{}, l)
	var got struct {
		Minify map[string]any
		Params struct {
			Preview struct {
				Checked          bool
				Errors, Warnings []map[string]string
			}
		}
	}
	if _, err := toml.Decode(string(text), &got); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	p := got.Params.Preview
	if !p.Checked || len(p.Errors) != 1 || len(p.Warnings) != 1 || got.Minify == nil {
		t.Fatalf("%s", text)
	}
	e := p.Errors[0]
	if e["where"] != "data/timeline.yaml:23:3" || e["severity"] != "error" || !strings.HasSuffix(e["message"], `"txet" [yaml-unknown-field]`) || e["fix"] != `did you mean "text"?` {
		t.Errorf("error: %v", e)
	}
	if p.Warnings[0]["where"] != "i18n/es.toml" {
		t.Errorf("warning: %v", p.Warnings[0])
	}
}
