// Package preview is `statement serve`: Hugo's live-reloading server on
// the site as it is, unrecorded changes and mistakes included, with the
// problems `statement validate` finds shown on the page itself (a banner,
// in the preview only) and in the terminal, checked again on every change.
// It renders into memory and never writes the published output directory.
//
// The banner reaches the theme through params.preview in a configuration
// file merged over hugo.toml, written in a temporary directory outside the
// source: Hugo watches that file and rebuilds the site whenever preview
// rewrites it, after each change to the source.
package preview

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

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
	p := &previewer{Options: o, config: filepath.Join(dir, "preview.toml")}
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
	stop := make(chan struct{})
	defer close(stop)
	go p.watch(stamp, stop)
	return render.Serve(render.ServeOptions{Source: o.Root, Config: p.config, Extra: o.Hugo, Line: p.hugoSays})
}

type previewer struct {
	Options
	config    string
	last      []byte // the configuration written last
	announced bool   // the address was printed
}

// check validates the source as `statement validate` does, prints what it
// finds and writes the configuration the page shows it from.
func (p *previewer) check() error {
	opts := source.Options{Production: true}
	if p.Today.Precision != 0 {
		opts.Today = p.Today.First()
	}
	site, l := source.Load(p.Root, opts)
	l.Sort()
	text := Overlay(site, l)
	if bytes.Equal(text, p.last) {
		return nil
	}
	p.last = text
	diag.WriteBrief(p.Terminal, l, p.Colour, "validate --verbose")
	errs, warns := l.Count()
	if len(l) == 0 {
		fmt.Fprintln(p.Terminal, "statement serve: validate finds no problems")
	} else {
		fmt.Fprintf(p.Terminal, "statement serve: validate finds %d error(s), %d warning(s); the preview shows them at the top of every page\n", errs, warns)
	}
	// Written beside and renamed over, so Hugo never reads half a file.
	tmp := p.config + ".new"
	if err := os.WriteFile(tmp, text, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p.config)
}

// Overlay is the build's preview configuration, with the problems validate
// found as params.preview (see the theme's preview-problems partial).
func Overlay(site *source.Site, l diag.List) []byte {
	type problem struct {
		Where    string `toml:"where"`
		Severity string `toml:"severity"`
		Message  string `toml:"message"`
		Fix      string `toml:"fix,omitempty"`
	}
	var errs, warns []problem
	for _, d := range l {
		where := d.File
		if d.Line > 0 {
			where += fmt.Sprintf(":%d", d.Line)
			if d.Column > 0 {
				where += fmt.Sprintf(":%d", d.Column)
			}
		}
		pr := problem{where, string(d.Severity), d.Message, d.Suggestion}
		if d.Rule != "" {
			pr.Message += " [" + d.Rule + "]"
		}
		if d.Severity == diag.Error {
			errs = append(errs, pr)
		} else {
			warns = append(warns, pr)
		}
	}
	var b bytes.Buffer
	b.Write(build.Overlay(site, build.Preview))
	b.WriteString("\n# The problems statement serve shows on the preview (internal/preview).\n")
	preview := map[string]any{"checked": true, "errors": errs, "warnings": warns}
	if err := toml.NewEncoder(&b).Encode(map[string]any{"params": map[string]any{"preview": preview}}); err != nil {
		panic(err) // strings only
	}
	return b.Bytes()
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
	default:
		fmt.Fprintln(p.Terminal, line.Text)
	}
}

// watch checks the source again whenever a file in it changes.
func (p *previewer) watch(stamp uint64, stop <-chan struct{}) {
	tick := time.NewTicker(p.Poll)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		if now := p.stamp(); now != stamp {
			stamp = now
			if err := p.check(); err != nil {
				fmt.Fprintln(p.Terminal, "statement serve:", err)
			}
		}
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
