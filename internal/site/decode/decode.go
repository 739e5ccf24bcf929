// Package decode reads YAML and TOML exactly as Hugo does, with Hugo's own
// decoders and nothing else of Hugo, so that validate refuses whatever the
// build would refuse and its tests need not link Hugo's commands.
package decode

import (
	"errors"

	"github.com/gohugoio/hugo/parser/metadecoders"
	toml "github.com/pelletier/go-toml/v2"
)

// YAML decodes a data file or front matter exactly as Hugo does
// (goccy/go-yaml, with Hugo's limit on aliased collections), so that the
// validator refuses whatever Hugo would refuse. It returns Hugo's error.
func YAML(data []byte) error {
	_, err := YAMLValue(data)
	return err
}

// YAMLValue is what Hugo's YAML decoder reads from data (.Site.Data and
// front matter see exactly this), for tests that hold the validator's
// reading to Hugo's.
func YAMLValue(data []byte) (any, error) {
	var v any
	err := metadecoders.UnmarshalYaml(data, &v)
	return v, err
}

// Error is where and why Hugo's decoder refused a text; Line is 0
// when it did not say.
type Error struct {
	Line, Column int
	Message      string
}

func (e *Error) Error() string { return e.Message }

// TOML decodes TOML exactly as Hugo reads hugo.toml, front matter
// and i18n files (pelletier/go-toml/v2, at the version Hugo pins); a
// refusal is a *Error.
func TOML(data []byte) error {
	var v map[string]any
	err := toml.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	out := &Error{Message: err.Error()}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		out.Line, out.Column = de.Position()
	}
	return out
}
