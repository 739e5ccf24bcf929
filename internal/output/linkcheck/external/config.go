package external

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// ConfigFile is where the repository keeps its settings for the external
// check, relative to the repository root.
const ConfigFile = "linkcheck.toml"

// Config is how politely and how persistently to ask other sites.
type Config struct {
	// Concurrency is how many requests may be in flight at once; PerHost
	// how many of those to one host; HostInterval the least time between
	// the starts of two requests to one host.
	Concurrency  int      `toml:"concurrency"`
	PerHost      int      `toml:"per_host"`
	HostInterval Duration `toml:"host_interval"`
	// Timeout bounds one request, redirects included.
	Timeout Duration `toml:"timeout"`
	// Retries after a 429, a 5xx, a timeout or a dropped connection, waiting
	// Backoff, then twice that, and so on, or what Retry-After asks. A
	// server that asks for more than MaxWait is not waited for.
	Retries int      `toml:"retries"`
	Backoff Duration `toml:"backoff"`
	MaxWait Duration `toml:"max_wait"`
	// UserAgent names the checker to the servers it asks.
	UserAgent string `toml:"user_agent"`
	// Cache is the file that remembers working links (git ignores it);
	// CacheExpiry how long a remembered answer stands.
	Cache       string   `toml:"cache"`
	CacheExpiry Duration `toml:"cache_expiry"`
	// Ignore lists what is never asked, each with its reason.
	Ignore []Ignore `toml:"ignore"`
}

// Ignore is one entry of the ignore list: a host (and its subdomains) or
// an address prefix.
type Ignore struct {
	Host   string `toml:"host"`
	Prefix string `toml:"prefix"`
	Reason string `toml:"reason"`
}

// Duration reads "20s" or "72h" from TOML.
type Duration struct{ time.Duration }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration such as 20s or 24h", b)
	}
	if v < 0 {
		return fmt.Errorf("%q is negative", b)
	}
	d.Duration = v
	return nil
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Defaults are the settings when linkcheck.toml does not say otherwise:
// a handful of requests at once, one at a time to any host, and answers
// remembered for a day, as lychee's cache does.
func Defaults() Config {
	return Config{
		Concurrency:  8,
		PerHost:      1,
		HostInterval: Duration{time.Second},
		Timeout:      Duration{20 * time.Second},
		Retries:      3,
		Backoff:      Duration{2 * time.Second},
		MaxWait:      Duration{2 * time.Minute},
		UserAgent:    "dhcs-statement-linkcheck/1 (checks the links of a public statement weekly)",
		Cache:        ".cache/linkcheck/external.json",
		CacheExpiry:  Duration{24 * time.Hour},
	}
}

// LoadConfig reads path over the defaults. A missing file is the
// defaults; a file with mistakes is an error that names each one.
func LoadConfig(path string) (Config, error) {
	c := Defaults()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	var file struct {
		External *Config `toml:"external"`
	}
	file.External = &c
	md, err := toml.Decode(string(data), &file)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return c, fmt.Errorf("%s:%d:%d: %s", path, perr.Position.Line, perr.Position.Col, perr.Message)
		}
		return c, fmt.Errorf("%s: %v", path, err)
	}
	var problems []string
	for _, k := range md.Undecoded() {
		problems = append(problems, fmt.Sprintf("%s:%d: unknown setting %q (see docs/DEVELOPING.md, \"Checking links\")", path, lineOf(data, k[len(k)-1]), k.String()))
	}
	problems = append(problems, c.problems(path, data)...)
	if len(problems) > 0 {
		return c, errors.New(strings.Join(problems, "\n"))
	}
	return c, nil
}

func (c Config) problems(path string, data []byte) []string {
	var out []string
	bad := func(key, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", path, lineOf(data, key), key, fmt.Sprintf(format, args...)))
	}
	if c.Concurrency < 1 {
		bad("concurrency", "must be at least 1")
	}
	if c.PerHost < 1 {
		bad("per_host", "must be at least 1")
	}
	if c.Retries < 0 {
		bad("retries", "must not be negative")
	}
	if c.Timeout.Duration == 0 {
		bad("timeout", "must be more than 0s")
	}
	for i, ig := range c.Ignore {
		switch {
		case (ig.Host == "") == (ig.Prefix == ""):
			bad("ignore", "entry %d needs either host or prefix", i+1)
		case strings.TrimSpace(ig.Reason) == "":
			bad("ignore", "entry %d (%s%s) needs a reason, so that someone can tell later whether it still holds", i+1, ig.Host, ig.Prefix)
		}
	}
	return out
}

// lineOf is the first line that sets key, for pointing at a setting; 0 if
// none does (a default, or a key set inline).
func lineOf(data []byte, key string) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte(key)) || bytes.HasPrefix(t, []byte("[[external."+key+"]]")) {
			return i + 1
		}
	}
	return 0
}

// Ignored returns the reason rawURL is on the ignore list, or "".
func (c Config) Ignored(host, rawURL string) string {
	host = strings.ToLower(host)
	for _, ig := range c.Ignore {
		h := strings.ToLower(strings.TrimPrefix(ig.Host, "."))
		switch {
		case ig.Host != "" && (host == h || strings.HasSuffix(host, "."+h)):
			return ig.Reason
		case ig.Prefix != "" && strings.HasPrefix(rawURL, ig.Prefix):
			return ig.Reason
		}
	}
	return ""
}
