// Package preview is `statement serve`: Hugo's live-reloading server on
// the site as it is, unrecorded changes and mistakes included, with the
// problems `statement validate` finds shown on the page itself (a banner,
// in the preview only) and in the terminal, checked again on every change.
// It renders into memory and never writes the published output directory.
//
// Hugo's configuration does not change while serve runs: Hugo handles a
// change of configuration as a full rebuild in a goroutine of its own, and
// Hugo v0.165 panics when that overlaps the next rebuild. So the banner is
// put into the pages by a loopback proxy in front of Hugo's server
// (proxy.go), and the translations' state, which a build gives in the
// configuration, goes to Hugo in a data file (state.go). Hugo serves a
// copy of the source that serve updates with each edit and the state it
// makes at once (mirror.go), so that an edit is one rebuild. The
// configuration merged over hugo.toml, that data file and the copy are in
// a temporary directory outside the source, removed when serve stops.
package preview

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/sitelock"
	"dhcs.ca.gov/statement/internal/render"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Options for one preview.
type Options struct {
	Root string
	// Today is the date the future-event check holds the timeline to;
	// the zero value means today in California.
	Today calendar.Date
	// Hugo is the server flags given on the command line (--port, --bind).
	Hugo []string
	// Terminal is where the problems and Hugo's messages go.
	Terminal io.Writer
	// Colour marks errors and warnings in the terminal.
	Colour bool
	// Poll is how often the source is looked at for changes (default
	// 300 ms; the site is small, so a look costs a directory walk).
	Poll time.Duration
}

// Run serves the preview until Hugo's server stops (Ctrl-C). The error is
// a *render.BuildError when Hugo cannot build the site at the start (its
// server then stops; once it runs, it shows a failed rebuild's error on the
// page and keeps going), or the environment's (a port in use).
func Run(o Options) error {
	if a := render.ServeRefused(o.Hugo); a != "" {
		return fmt.Errorf("%s is not one of the flags serve accepts: %s; the preview is served from memory and writes nothing on disk", a, render.ServeFlags)
	}
	if o.Poll == 0 {
		o.Poll = 300 * time.Millisecond
	}
	dir, err := os.MkdirTemp("", "statement-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, sub := range []string{"data", "new"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	p := &previewer{Options: o, dir: dir, config: filepath.Join(dir, "preview.toml"), mirror: mirror{dir: filepath.Join(dir, "site")}}
	if p.rootPath, err = filepath.Abs(o.Root); err != nil {
		return err
	}
	// The first look at the source waits for a build or another writer
	// to finish (the site's lock); the server then only reads.
	lock, err := sitelock.Acquire(o.Root, "serve", sitelock.Tell(o.Terminal, "serve"))
	if err != nil {
		return err
	}
	stamp := p.stamp()
	err = p.check()
	lock.Release()
	if err != nil {
		return err
	}
	p.stamped = stamp
	at, rest := where(o.Hugo)
	ln, err := at.listen()
	if err != nil {
		return err
	}
	hugoPort, err := freePort()
	if err != nil {
		ln.Close()
		return err
	}
	flags, err := at.hugoFlags(ln.Addr().(*net.TCPAddr).Port, hugoPort)
	if err != nil {
		ln.Close()
		return err
	}
	stopProxy := serveProxy(ln, p.proxy(hugoPort))
	defer stopProxy()
	stop := make(chan struct{})
	defer close(stop)
	go p.watch(stop)
	return render.Serve(render.ServeOptions{Source: p.mirror.dir, Config: p.config, Extra: append(rest, flags...), Line: p.hugoSays})
}

type previewer struct {
	Options
	dir       string // the temporary directory: the configuration, data/ and the mirror
	config    string
	rootPath  string  // the source's absolute path
	announced bool    // the address was printed
	answers   answers // Hugo's last good answer at each address (proxy.go)

	mu      sync.Mutex // guards what follows: the proxy and watch check
	stamped uint64     // the source's stamp at the last check
	written []byte     // the configuration, written once
	state   []byte     // the translations' state written last
	mirror  mirror     // the copy of the source Hugo serves (mirror.go)
	shown   []byte     // the problems box of the last check
	failing []string   // the files the last check found errors in
	printed []byte     // the problems printed last
}

// currentState is the problems box for the source as it is now, checked
// again when it changed since the last check, and the files validate finds
// errors in.
func (p *previewer) currentState() (box []byte, failing []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := p.stamp(); now != p.stamped {
		p.stamped = now
		if err := p.checkLocked(); err != nil {
			fmt.Fprintln(p.Terminal, "statement serve:", err)
		}
	}
	return slices.Clip(p.shown), p.failing
}

// check validates the source as `statement validate` does, prints what it
// finds, keeps the box the proxy shows it in, writes Hugo's configuration
// the first time, and the translations' state whenever it changed.
func (p *previewer) check() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.checkLocked()
}

func (p *previewer) checkLocked() error {
	opts := source.Options{Production: true}
	if p.Today.Precision != 0 {
		opts.Today = p.Today.First()
	}
	site, l := source.Load(p.Root, opts)
	l.Sort()
	p.shown = Box(l)
	p.failing = nil
	for _, d := range l {
		if d.Severity == diag.Error && d.File != "" && !slices.Contains(p.failing, d.File) {
			p.failing = append(p.failing, d.File)
		}
	}
	overlay := build.Overlay(site, build.Preview)
	if p.written == nil {
		// Written once: Hugo rebuilds the whole site on a change of its
		// configuration, in a goroutine of its own, and a watcher rebuild
		// overlapping it panics (Hugo v0.165, "close of closed channel").
		text, err := previewConfig(overlay, p.dir)
		if err != nil {
			return err
		}
		if err := p.writeFile(p.config, text); err != nil {
			return err
		}
		p.written = text
	}
	state, err := translationState(overlay)
	if err != nil {
		return err
	}
	// The edit and the state it makes reach Hugo together (mirror.go).
	var newState []byte
	if !bytes.Equal(state, p.state) {
		newState = state
	}
	if err := p.mirror.apply(p.mirror.changes(p.Root), filepath.Join(p.dir, "new"), newState, filepath.Join(p.dir, "data", stateFile)); err != nil {
		return err
	}
	p.state = state
	var said bytes.Buffer
	diag.WriteBrief(&said, l, false, "validate --verbose")
	if bytes.Equal(said.Bytes(), p.printed) && p.printed != nil {
		return nil
	}
	p.printed = said.Bytes()
	diag.WriteBrief(p.Terminal, l, p.Colour, "validate --verbose")
	errs, warns := l.Count()
	if len(l) == 0 {
		fmt.Fprintln(p.Terminal, "statement serve: validate finds no problems")
	} else {
		fmt.Fprintf(p.Terminal, "statement serve: validate finds %d error(s), %d warning(s); the preview shows them at the top of every page\n", errs, warns)
	}
	return nil
}

// writeFile writes text to name: to a file in the temporary directory's
// new/ first, renamed over name, so that Hugo, which watches data/, never
// reads half a file nor sees a second file change.
func (p *previewer) writeFile(name string, text []byte) error {
	tmp := filepath.Join(p.dir, "new", filepath.Base(name))
	if err := os.WriteFile(tmp, text, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// hugoSays passes on what Hugo prints, its errors and warnings in the
// form validate prints, and says where the preview is.
func (p *previewer) hugoSays(line render.ServeLine) {
	switch {
	case line.Address != "" && p.announced:
		// Hugo says it again after each change of the configuration.
	case line.Address != "":
		p.announced = true
		fmt.Fprintf(p.Terminal, "statement serve: preview at %s (the English page: %sen/); Ctrl-C stops it\n", line.Address, strings.TrimSuffix(line.Address, "/")+"/")
	case line.Diagnostic != nil:
		diag.Write(p.Terminal, diag.List{*line.Diagnostic}, diag.Text, p.Colour)
	case strings.HasPrefix(line.Text, "Watching for config changes"):
		// names the temporary configuration; nothing for an editor
	case strings.HasPrefix(line.Text, "Watching for changes in"):
		// The translations' state, in the temporary directory, is not
		// the editor's to change.
		// Hugo watches the mirror of the source; the editor edits the
		// source.
		data := filepath.Join(p.dir, "data")
		text := strings.NewReplacer(data+", ", "", ", "+data, "", p.mirror.dir, p.rootPath).Replace(line.Text)
		fmt.Fprintln(p.Terminal, text)
	default:
		fmt.Fprintln(p.Terminal, line.Text)
	}
}

// watch checks the source again whenever a file in it changes.
func (p *previewer) watch(stop <-chan struct{}) {
	tick := time.NewTicker(p.Poll)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		p.currentState()
	}
}

// stamp sums the names, sizes and times of every file of the source.
func (p *previewer) stamp() uint64 {
	h := fnv.New64a()
	for _, part := range source.Parts {
		filepath.WalkDir(filepath.Join(p.Root, part), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", path, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return h.Sum64()
}
