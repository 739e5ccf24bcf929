// Package build is the pipeline behind `statement build`: check the
// source, render it with Hugo into a staging directory, post-process it,
// check the result, write the manifest, and only then publish it in one
// swap. Any problem stops the pipeline with the previous output untouched.
package build

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dhcs.ca.gov/statement/internal/budget"
	"dhcs.ca.gov/statement/internal/diag"
	"dhcs.ca.gov/statement/internal/hugorun"
	"dhcs.ca.gov/statement/internal/postprocess"
	"dhcs.ca.gov/statement/internal/publish"
	"dhcs.ca.gov/statement/internal/release"
	"dhcs.ca.gov/statement/internal/sitecheck"
	"dhcs.ca.gov/statement/internal/source"
)

// Context is where a build is going.
type Context string

const (
	Production Context = "production"
	Preview    Context = "preview"
)

// ParseContext accepts production and preview, and Netlify's names for
// its preview deploys.
func ParseContext(s string) (Context, error) {
	switch s {
	case "production":
		return Production, nil
	case "preview", "deploy-preview", "branch-deploy", "dev":
		return Preview, nil
	}
	return "", fmt.Errorf("unknown context %q: use production or preview", s)
}

// Options for one build.
type Options struct {
	Root    string // the site source
	Out     string // the published directory, replaced as a whole
	Context Context
	// Strict turns warnings into errors (CI for translation pull requests).
	Strict bool
	// BaseURL overrides hugo.toml's, for previews on another host.
	BaseURL string
	// Today replaces the real date for the future-event check (tests).
	Today time.Time
	// PageSizes, when set, is given what every page weighs (see package
	// budget) once the output is measured, also when the build then fails.
	PageSizes func([]budget.Page)
	// ExactSizes compresses every page for PageSizes; otherwise only the
	// pages the budget could refuse, and the largest (see package budget).
	ExactSizes bool
	// Timing, when set, is told how long each stage took once it ends:
	// validate, render, check (every page read and parsed once, the
	// budget and each page's links), postprocess (root 404 page, _headers),
	// linkcheck (the links across the site), manifest, publish, and digest,
	// which reads the source while Hugo renders (benchmarks; see
	// docs/PERFORMANCE.md).
	Timing func(stage string, d time.Duration)
}

// stopwatch reports stage times to Options.Timing, if it is set.
type stopwatch struct {
	report func(string, time.Duration)
	start  time.Time
}

func (o Options) stopwatch() *stopwatch { return &stopwatch{report: o.Timing, start: time.Now()} }

// lap reports the time since the last lap as stage's.
func (w *stopwatch) lap(stage string) {
	now := time.Now()
	if w.report != nil {
		w.report(stage, now.Sub(w.start))
	}
	w.start = now
}

func (o Options) sourceOptions() source.Options {
	return source.Options{Production: o.Context == Production, Today: o.Today}
}

// Validate runs the checks that come before rendering, and writes nothing.
func Validate(o Options) diag.List {
	_, l := source.Load(o.Root, o.sourceOptions())
	return finish(l, o.Strict)
}

func finish(l diag.List, strict bool) diag.List {
	if strict {
		l = l.Strict()
	}
	l.Sort()
	return l
}

// Run builds and, when nothing is wrong, publishes. The error is for
// problems of the environment (a disk that cannot be written); problems
// of the content are in the list.
func Run(o Options) (diag.List, error) {
	watch := o.stopwatch()
	site, l := source.Load(o.Root, o.sourceOptions())
	watch.lap("validate")
	failed := func() bool { return finish(l, o.Strict).HasErrors() }
	if failed() {
		return finish(l, o.Strict), nil
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return l, err
	}
	staged, err := publish.Stage(o.Out)
	if err != nil {
		return l, fmt.Errorf("cannot create a staging directory beside %s: %w", o.Out, err)
	}
	published := false
	defer func() {
		if !published {
			os.RemoveAll(staged)
		}
	}()
	// The manifest's source digest reads only the source, all of it: it
	// is read while Hugo renders rather than after every check.
	digest := make(chan digestResult, 1)
	go func() {
		start := time.Now()
		sum, err := release.SourceDigest(site.Root, source.Parts)
		digest <- digestResult{sum, err, time.Since(start)}
	}()

	l.Add(hugorun.Build(hugorun.Options{Source: root, Destination: staged, Environment: string(o.Context), BaseURL: o.BaseURL, Overlay: Overlay(site, o.Context), Minify: true})...)
	watch.lap("render")
	if failed() {
		return finish(l, o.Strict), nil
	}
	if err := postprocess.Root404(staged, site.SourceLanguage); err != nil {
		l.Errorf(o.Out, 0, 0, "postprocess", "%v", err)
		return finish(l, o.Strict), nil
	}
	baseURL := site.BaseURL
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	defer holdMemory()()
	// Hugo has minified the tree (postprocess.HugoConfig); one pass reads
	// and parses every page for the budget, the links and the policy.
	found, err := sitecheck.Scan(staged, sitecheck.Options{Display: filepath.ToSlash(o.Out), BaseURL: baseURL, Source: root, Build: true, ExactSizes: o.ExactSizes})
	if err != nil {
		return l, err
	}
	watch.lap("check")
	if err := postprocess.WriteHeaders(staged, found.Styles, o.Context == Preview); err != nil {
		l.Errorf(o.Out, 0, 0, "postprocess", "%v", err)
		return finish(l, o.Strict), nil
	}
	watch.lap("postprocess")
	if o.PageSizes != nil {
		o.PageSizes(found.Pages)
	}
	l.Add(found.Budget...)
	links := found.Links.Internal()
	l.Add(links...)
	watch.lap("linkcheck")
	if failed() {
		return finish(l, o.Strict), nil
	}
	d := <-digest
	if d.err != nil {
		return l, d.err
	}
	if o.Timing != nil {
		o.Timing("digest", d.took) // while Hugo rendered
	}
	m := manifest(site, o.Context, d.sum)
	// Pages have not changed since the scan summed them: only _headers
	// has been written since.
	if err := release.WriteManifestKnown(staged, m, found.Sums); err != nil {
		return l, err
	}
	watch.lap("manifest")
	if err := publish.Swap(staged, o.Out); err != nil {
		return l, err
	}
	watch.lap("publish")
	published = true
	return finish(l, o.Strict), nil
}

type digestResult struct {
	sum  string
	err  error
	took time.Duration
}

func manifest(site *source.Site, ctx Context, digest string) release.Manifest {
	m := release.Manifest{
		Version:     site.History.VersionID(),
		Updated:     site.History.Updated().String(),
		FirstIssued: site.Release.FirstIssued.String(),
		Source:      digest,
	}
	latest := site.History[len(site.History)-1].Date.String()
	for _, lang := range site.Languages {
		if lang.Draft && ctx == Production {
			continue
		}
		rev := lang.EnglishRevision
		if lang.Code == site.SourceLanguage {
			rev = latest
		}
		m.Languages = append(m.Languages, release.Language{
			Code: lang.Code, Locale: lang.Locale, Label: lang.Label, Direction: lang.Direction, EnglishRevision: rev,
		})
	}
	return m
}
