package preview

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/site/source"
)

// The translations' state (which translation is stale, what it shows in
// English, which blocks and texts are behind, what is reviewed) changes
// with most edits of the source. A build gives it to Hugo in its
// configuration (build.Overlay); the preview's configuration stays as it
// was written at the start, because Hugo handles a change of configuration
// as a full rebuild of its own that can overlap the watcher's next one.
// The state goes instead to data/previewtranslations.toml, in the
// preview's temporary directory, which the configuration mounts over the
// site's data/: the theme's translation-state.html partial takes it from
// there when it is present.

// stateFile is the data file the theme reads the state from
// (hugo.Data.previewtranslations), by language code.
const stateFile = source.PreviewStateData + ".toml"

// previewConfig is the build's configuration overlay with the site's
// data/ and the preview's dir/data mounted together as Hugo's data.
func previewConfig(overlay []byte, dir string) ([]byte, error) {
	var b bytes.Buffer
	b.Write(overlay)
	b.WriteString("\n# The translations' state, rewritten on each change of it (internal/preview).\n")
	mounts := []map[string]string{
		{"source": "data", "target": "data"},
		{"source": filepath.Join(dir, "data"), "target": "data"},
	}
	if err := toml.NewEncoder(&b).Encode(map[string]any{"module": map[string]any{"mounts": mounts}}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// translationState takes each language's params out of the build's
// overlay, so that the preview shows exactly the state a build would.
func translationState(overlay []byte) ([]byte, error) {
	var config struct {
		Languages map[string]struct {
			Params map[string]any
		}
	}
	if _, err := toml.Decode(string(overlay), &config); err != nil {
		return nil, fmt.Errorf("the build's configuration overlay: %v", err)
	}
	state := map[string]any{}
	for code, lang := range config.Languages {
		if lang.Params != nil {
			state[strings.ToLower(code)] = lang.Params // Hugo's language keys are lower case
		}
	}
	var b bytes.Buffer
	b.WriteString("# The translations' state, by language, for statement serve's preview (internal/preview).\n")
	if err := toml.NewEncoder(&b).Encode(state); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
