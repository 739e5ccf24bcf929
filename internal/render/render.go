// Package render is the only place that calls Hugo. Hugo has no stable
// library API, so the tool drives its command line in-process through
// commands.Execute (pinned in go.mod) and turns what Hugo prints and
// returns into diagnostics. hugorun_test.go fails loudly when a Hugo
// upgrade changes the behaviour this package relies on.
package render

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/commands"

	"dhcs.ca.gov/statement/internal/platform/diag"
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
	// with the settings the overlay carries (cdn.HugoConfig). The
	// build does; so does bare Hugo in the benchmarks, the baseline the
	// build is measured against (docs/PERFORMANCE.md).
	Minify bool
	// Scratch, when set, is a directory of this render's own for its
	// temporary files: the overlay, and Hugo's file cache, which would
	// otherwise go to the user's cache directory. The build points it
	// into its staging directory, so that removing that removes every
	// trace of the build. Empty: the system's temporary directory.
	Scratch string
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
	if o.Scratch != "" {
		args = append(args, "--cacheDir", filepath.Join(o.Scratch, "hugo_cache"))
	}
	if len(o.Overlay) > 0 {
		config, cleanup, err := overlay(o.Source, o.Overlay, o.Scratch)
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

// ServeOptions are for the editors' preview server.
type ServeOptions struct {
	// Source is the site root (where hugo.toml is).
	Source string
	// Config is a TOML file merged over hugo.toml, as Options.Overlay is.
	// Hugo watches it and rebuilds the site when it changes, so the caller
	// may rewrite it (with a rename) while the server runs.
	Config string
	// Extra arguments go to Hugo's server as they are (--port, --bind);
	// only those ServeFlags lists are accepted (see ServeRefused).
	Extra []string
	// Line is given each line Hugo prints, its errors and warnings turned
	// into diagnostics at the source file they name (Diagnostic is nil
	// for the other lines), and the address the server listens at once it
	// does.
	Line func(ServeLine)
}

// ServeLine is one line of what Hugo's server prints.
type ServeLine struct {
	Text       string
	Diagnostic *diag.Diagnostic
	// Address is set on the line that says where the server listens.
	Address string
}

// serveFlags are the only Hugo server flags serve passes on, each with
// whether it takes a value: where the preview listens and how the browser
// follows it. Every other flag is refused, known or not: an allow-list,
// because a list of refused flags misses some (--renderToMemory=false
// writes the preview to disk), and the preview must write nothing.
var serveFlags = map[string]bool{
	"port": true, "p": true, "bind": true, "baseURL": true, "b": true, "liveReloadPort": true,
	"appendPort": false, "navigateToChanged": false, "N": false, "openBrowser": false, "O": false,
	"disableLiveReload": false, "disableBrowserError": false, "noHTTPCache": false,
}

// ServeFlags says which flags serve accepts, for messages.
const ServeFlags = "--port N (-p), --bind ADDRESS, --baseURL URL (-b), --liveReloadPort N, --appendPort[=false], --navigateToChanged (-N), --openBrowser (-O), --disableLiveReload, --disableBrowserError, --noHTTPCache"

// ServeRefused returns the first argument that is not one of the server
// flags serve accepts (see ServeFlags) or its value, or "" when every one
// is. A flag that takes a value takes it as --port=N or --port N; a
// switch takes =true or =false or nothing.
func ServeRefused(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		flag, value, hasValue := strings.Cut(a, "=")
		var name string
		switch {
		case strings.HasPrefix(flag, "--") && len(flag) > 3:
			name = flag[2:] // --port
		case strings.HasPrefix(flag, "-") && len(flag) == 2 && flag != "--":
			name = flag[1:] // -p
		default:
			return a // not a flag, or -port, ---port, -p1313
		}
		takesValue, ok := serveFlags[name]
		if !ok {
			return a
		}
		switch {
		case takesValue && hasValue && value == "":
			return a
		case takesValue && !hasValue:
			if i+1 == len(args) || strings.HasPrefix(args[i+1], "-") || args[i+1] == "" {
				return a // its value is missing
			}
			i++
		case !takesValue && hasValue && value != "true" && value != "false":
			return a
		}
	}
	return ""
}

// Hugo's server says where it listens, and advises a flag of its own.
var (
	listening  = regexp.MustCompile(`^Web Server is available at (\S+)`)
	hugoAdvice = regexp.MustCompile(`(?i)\bhugo server\b|--disableFastRender`)
)

// Serve runs Hugo's live-reloading server on the site, rendering into
// memory (nothing is written to public/ or any other output directory),
// with full rebuilds on every change, until it is interrupted.
func Serve(o ServeOptions) error {
	if a := ServeRefused(o.Extra); a != "" {
		return fmt.Errorf("%s is not one of the flags serve passes to Hugo (%s); the preview is served from memory and writes nothing", a, ServeFlags)
	}
	args := []string{"server", "--source", o.Source, "--environment", "preview", "--noBuildLock",
		"--renderToMemory", "--disableFastRender"}
	if o.Config != "" {
		args = append(args, "--config", filepath.Join(o.Source, "hugo.toml")+","+o.Config)
	}
	args = append(args, o.Extra...)
	// Until the server listens, lines are held: when it fails to start,
	// Hugo prints its own command's help, which names commands the editor
	// does not have; then only its errors are passed on.
	var held []ServeLine
	up := false
	say := func(l ServeLine) {
		if o.Line != nil {
			o.Line(l)
		}
	}
	err := stream(func() error { return commands.Execute(args) }, func(line string) {
		if hugoAdvice.MatchString(line) {
			return
		}
		out := ServeLine{Text: line}
		if m := listening.FindStringSubmatch(line); m != nil {
			out.Address = m[1]
		}
		if l := parseLog([]byte(line), o.Source); len(l) == 1 {
			// A failed rebuild names every template on the way down; the
			// innermost is where the problem is, as for a failed build.
			if all := location.FindAllStringSubmatch(line, -1); len(all) > 1 {
				m := all[len(all)-1]
				l[0].File = relative(m[1], o.Source)
				l[0].Line, _ = strconv.Atoi(m[2])
				l[0].Column, _ = strconv.Atoi(m[3])
			}
			out.Diagnostic = &l[0]
		}
		if !up && out.Address == "" {
			held = append(held, out)
			return
		}
		for _, h := range held {
			say(h)
		}
		held, up = nil, true
		say(out)
	})
	for _, h := range held {
		if h.Diagnostic != nil {
			say(h)
		}
	}
	if err != nil {
		if d := fromError(err, o.Source); d.File != "hugo" {
			return &BuildError{d}
		}
	}
	return err
}

// BuildError is a site Hugo could not build, at the file it blamed.
type BuildError struct{ Diagnostic diag.Diagnostic }

func (e *BuildError) Error() string { return e.Diagnostic.String() }

// stream runs fn with os.Stdout and os.Stderr sent, line by line, to
// line, for as long as fn runs.
func stream(fn func() error, line func(string)) error {
	mu.Lock()
	defer mu.Unlock()
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
		for sc.Scan() {
			line(sc.Text())
		}
		io.Copy(io.Discard, r)
	}()
	runErr := fn()
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	<-done
	r.Close()
	return runErr
}

// overlay writes the overlay into dir (never beside a source file; ""
// is the system's temporary directory) and returns the --config value
// that puts it over hugo.toml.
func overlay(source string, text []byte, dir string) (string, func(), error) {
	f, err := os.CreateTemp(dir, "statement-overlay-*.toml")
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
