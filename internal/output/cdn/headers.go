package cdn

// The CDN's response-header rules, read as Netlify applies them: the
// _headers file the build writes into the output, then netlify.toml's
// [[headers]]; every rule whose path matches a request applies, in that
// order, and a later value of a header replaces an earlier one. The Go
// tests that grade the headers and the browser suite's server
// (tools/browser, through tools/netlifyheaders) both take the rules from
// here, so that the two cannot read them differently.

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Rule is one path pattern and the headers sent for it.
type Rule struct {
	For string `json:"for"`
	// Match is For as a regular expression, in the syntax Go and
	// JavaScript share.
	Match  string      `json:"match"`
	Values [][2]string `json:"values"` // name and value, in order
}

// ParseHeadersFile reads Netlify's _headers format: a path on its own
// line, then indented "Name: value" lines; # starts a comment.
func ParseHeadersFile(data []byte) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t"):
			rules = append(rules, Rule{For: trimmed, Match: Pattern(trimmed)})
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				return nil, fmt.Errorf("%s:%d: %q is neither a path nor a header", HeadersName, n, line)
			}
			r := &rules[len(rules)-1]
			r.Values = append(r.Values, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return rules, sc.Err()
}

// ConfigRules reads the [[headers]] of a netlify.toml. TOML tables have no
// order: the headers of one rule come sorted by name.
func ConfigRules(data []byte) ([]Rule, error) {
	var cfg struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return nil, err
	}
	var rules []Rule
	for _, h := range cfg.Headers {
		r := Rule{For: h.For, Match: Pattern(h.For)}
		for k, v := range h.Values {
			r.Values = append(r.Values, [2]string{k, v})
		}
		slices.SortFunc(r.Values, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
		rules = append(rules, r)
	}
	return rules, nil
}

// Load reads the rules a site gets: the _headers file of the output in
// dir (none if it has none), then those of the netlify.toml at config.
func Load(dir, config string) ([]Rule, error) {
	var rules []Rule
	data, err := os.ReadFile(filepath.Join(dir, HeadersName))
	switch {
	case err == nil:
		if rules, err = ParseHeadersFile(data); err != nil {
			return nil, err
		}
	case !os.IsNotExist(err):
		return nil, err
	}
	data, err = os.ReadFile(config)
	if err != nil {
		return nil, err
	}
	more, err := ConfigRules(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", config, err)
	}
	return append(rules, more...), nil
}

// Pattern turns a Netlify path (/*, /a/*, /:lang/x) into a regular
// expression: * matches anything, a :placeholder one segment, and a path
// matches with or without a final slash.
func Pattern(p string) string {
	var b strings.Builder
	b.WriteString("^")
	for i, seg := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteString("/")
		}
		switch {
		case seg == "*":
			b.WriteString(".*")
		case strings.HasPrefix(seg, ":"):
			b.WriteString("[^/]+")
		default:
			b.WriteString(regexp.QuoteMeta(seg))
		}
	}
	b.WriteString("/?$")
	return b.String()
}

// HeadersFor is what Netlify sends for a path: every matching rule in
// order, a later value of a header replacing an earlier one.
func HeadersFor(urlPath string, rules []Rule) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if regexp.MustCompile(r.Match).MatchString(urlPath) {
			for _, v := range r.Values {
				h.Set(v[0], v[1])
			}
		}
	}
	return h
}
