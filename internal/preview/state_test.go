package preview

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The state is each translation's params from the build's overlay, by
// lower-case language code, as the theme reads them; the configuration
// mounts the site's data/ and the preview's own together.
func TestTranslationStateAndMounts(t *testing.T) {
	overlay := []byte(`[languages.zh-Hant.params]
stale = true
english = ["event.x"]
staleblocks = {"_index.md" = [2, 5]}
[languages.es.params]
stale = false
[minify]
x = 1
`)
	text, err := translationState(overlay)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]map[string]any
	if _, err := toml.Decode(string(text), &state); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if len(state) != 2 || state["zh-hant"]["stale"] != true || state["es"]["stale"] != false {
		t.Errorf("%v", state)
	}
	if blocks := state["zh-hant"]["staleblocks"].(map[string]any)["_index.md"].([]any); len(blocks) != 2 || blocks[1] != int64(5) {
		t.Errorf("staleblocks: %v", blocks)
	}

	config, err := previewConfig(overlay, "/tmp/p")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Minify map[string]any
		Module struct{ Mounts []map[string]string }
	}
	if _, err := toml.Decode(string(config), &got); err != nil {
		t.Fatalf("%v\n%s", err, config)
	}
	m := got.Module.Mounts
	if got.Minify == nil || len(m) != 2 || m[0]["source"] != "data" || m[1]["source"] != "/tmp/p/data" || m[1]["target"] != "data" {
		t.Errorf("%s", config)
	}
	if !strings.HasPrefix(string(config), string(overlay)) {
		t.Errorf("the build's overlay is not kept:\n%s", config)
	}
}
