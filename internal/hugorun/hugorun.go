// Package hugorun is the only place that calls Hugo. Hugo has no stable
// library API, so the tool drives its command line in-process through
// commands.Execute (pinned in go.mod) and turns what Hugo prints and
// returns into diagnostics. hugorun_test.go fails loudly when a Hugo
// upgrade changes the behaviour this package relies on.
package hugorun

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/commands"

	"dhcs.ca.gov/statement/internal/diag"
)

// Options for one render.
type Options struct {
	// Source is the site root (where hugo.toml is).
	Source string
	// Destination is an empty directory Hugo renders into.
	Destination string
	// Environment is Hugo's environment: "production" or "preview".
	Environment string
	// BaseURL overrides hugo.toml's, for previews on another host.
	BaseURL string
	// Overlay is TOML merged over hugo.toml for this render only (Hugo's
	// --config a,b: the right-most file wins). The build uses it for what
	// it computes: languages left out, and each translation's state.
	Overlay []byte
	// Minify has Hugo minify its output while it renders (--minify),
	// with the settings the overlay carries (postprocess.HugoConfig). The
	// build does; so does bare Hugo in the benchmarks, the baseline the
	// build is measured against (docs/PERFORMANCE.md).
	Minify bool
}

// Hugo keeps process-wide state (stdout, the global logger), so renders
// run one at a time.
var mu sync.Mutex

// Build renders the site. Warnings Hugo logs come back as warnings; a
// failed render comes back as an error diagnostic pointing at the file
// Hugo blamed.
func Build(o Options) diag.List {
	args := []string{
		"--source", o.Source,
		"--destination", o.Destination,
		"--environment", o.Environment,
		"--logLevel", "warn",
		"--noBuildLock",
		"--printPathWarnings",
	}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	if o.Minify {
		args = append(args, "--minify")
	}
	if len(o.Overlay) > 0 {
		config, cleanup, err := overlay(o.Source, o.Overlay)
		if err != nil {
			var l diag.List
			l.Errorf("hugo", 0, 0, "hugo", "cannot write the build's configuration: %v", err)
			return l
		}
		defer cleanup()
		args = append(args, "--config", config)
	}
	out, err := capture(func() error { return commands.Execute(args) })
	l := parseLog(out, o.Source)
	if err != nil {
		l.Add(fromError(err, o.Source))
	}
	return l
}

// Serve runs Hugo's live-reloading server on the site for editors until
// it is interrupted, with the overlay as Build has it. Extra arguments go
// to Hugo as they are.
func Serve(source string, overlayTOML []byte, extra ...string) error {
	args := []string{"server", "--source", source, "--environment", "preview", "--noBuildLock"}
	if len(overlayTOML) > 0 {
		config, cleanup, err := overlay(source, overlayTOML)
		if err != nil {
			return err
		}
		defer cleanup()
		args = append(args, "--config", config)
	}
	return commands.Execute(append(args, extra...))
}

// overlay writes the overlay beside no source file (a temporary file) and
// returns the --config value that puts it over hugo.toml.
func overlay(source string, text []byte) (string, func(), error) {
	f, err := os.CreateTemp("", "statement-overlay-*.toml")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.Remove(f.Name()) }
	if _, err := f.Write(text); err != nil {
		f.Close()
		cleanup()
		return "", nil, err
	}
	if err := f.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return filepath.Join(source, "hugo.toml") + "," + f.Name(), cleanup, nil
}

// capture runs fn with os.Stdout and os.Stderr sent to one buffer, which
// is where Hugo's logger writes.
func capture(fn func() error) ([]byte, error) {
	mu.Lock()
	defer mu.Unlock()
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&buf, r)
		close(done)
	}()
	runErr := fn()
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	<-done
	r.Close()
	return buf.Bytes(), runErr
}

// Hugo puts the position it blames in quotes: "/abs/file.html:15:3".
var location = regexp.MustCompile(`"([^"\n]+?):(\d+):(\d+)": `)

// fromError turns a failed render into a diagnostic at the innermost
// position Hugo named, which is where the problem is.
func fromError(err error, source string) diag.Diagnostic {
	msg := err.Error()
	d := diag.Diagnostic{File: "hugo", Severity: diag.Error, Rule: "hugo", Message: msg}
	all := location.FindAllStringSubmatchIndex(msg, -1)
	if len(all) == 0 {
		return d
	}
	m := all[len(all)-1]
	d.File = relative(msg[m[2]:m[3]], source)
	d.Line, _ = strconv.Atoi(msg[m[4]:m[5]])
	d.Column, _ = strconv.Atoi(msg[m[6]:m[7]])
	d.Message = "Hugo: " + strings.TrimSpace(msg[m[1]:])
	return d
}

func relative(path, source string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(abs, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// parseLog keeps Hugo's warnings and errors and drops its progress lines
// (banner, statistics).
func parseLog(out []byte, source string) diag.List {
	var l diag.List
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		var sev diag.Severity
		switch {
		case strings.HasPrefix(line, "WARN "):
			sev = diag.Warning
		case strings.HasPrefix(line, "ERROR "):
			sev = diag.Error
		default:
			continue
		}
		text := strings.TrimSpace(line[strings.IndexByte(line, ' '):])
		d := diag.Diagnostic{File: "hugo", Severity: sev, Rule: "hugo", Message: "Hugo: " + text}
		if m := location.FindStringSubmatchIndex(text); m != nil {
			d.File = relative(text[m[2]:m[3]], source)
			d.Line, _ = strconv.Atoi(text[m[4]:m[5]])
			d.Column, _ = strconv.Atoi(text[m[6]:m[7]])
		}
		l = append(l, d)
	}
	return l
}
