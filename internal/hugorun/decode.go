package hugorun

import (
	"errors"

	"github.com/gohugoio/hugo/parser/metadecoders"
	toml "github.com/pelletier/go-toml/v2"
)

// DecodeYAML decodes a data file or front matter exactly as Hugo does
// (goccy/go-yaml, with Hugo's limit on aliased collections), so that the
// validator refuses whatever Hugo would refuse. It returns Hugo's error.
func DecodeYAML(data []byte) error {
	var v any
	return metadecoders.UnmarshalYaml(data, &v)
}

// DecodeError is where and why Hugo's decoder refused a text; Line is 0
// when it did not say.
type DecodeError struct {
	Line, Column int
	Message      string
}

func (e *DecodeError) Error() string { return e.Message }

// DecodeTOML decodes TOML exactly as Hugo reads hugo.toml, front matter
// and i18n files (pelletier/go-toml/v2, at the version Hugo pins); a
// refusal is a *DecodeError.
func DecodeTOML(data []byte) error {
	var v map[string]any
	err := toml.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	out := &DecodeError{Message: err.Error()}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		out.Line, out.Column = de.Position()
	}
	return out
}
