// Package build is the pipeline behind `statement build`: make sure the
// output may be replaced, take the site's lock, check the source, render
// it with Hugo into a staging directory, post-process it, check the
// result, make sure the source did not change meanwhile, write the
// manifest, and only then publish it in one swap. Any problem, and any
// interrupt, stops the pipeline with the previous output untouched.
package build

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/output/budget"
	"dhcs.ca.gov/statement/internal/output/cdn"
	"dhcs.ca.gov/statement/internal/output/checks"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/output/publish"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/interrupt"
	"dhcs.ca.gov/statement/internal/platform/sitelock"
	"dhcs.ca.gov/statement/internal/platform/stagehook"
	"dhcs.ca.gov/statement/internal/render"
	"dhcs.ca.gov/statement/internal/site/source"
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
	Root string // the site source
	Out  string // the published directory, replaced as a whole
	// Force lets the build replace an output directory that holds files
	// but is not a previous build (see publish.Resolve). Source folders
	// and the site root are refused whatever it says.
	Force bool
	// Waiting, when set, is told that another command holds the site's
	// lock, and the build waits for it; when nil, the build returns a
	// *sitelock.BusyError at once (--no-wait).
	Waiting func(*sitelock.BusyError)
	// Published, when set, is called the moment the new site is in place
	// (an interrupt after that must not say nothing was published).
	Published func()
	Context   Context
	// Strict turns warnings into errors (CI for translation pull requests).
	Strict bool
	// Languages, with Strict, limits it to the translations into these
	// languages (and what every language shares): a warning about another
	// language's translation stays a warning. Empty: every language.
	Languages []string
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
	// Timing, when set, is told how long each stage took once it ends,
	// in this order: snapshot (the source read before validation, to
	// compare with after rendering), validate, render, check (the root
	// 404 page; every page read and parsed once, measured for the budget,
	// its links and styles collected), postprocess (_headers, _redirects),
	// linkcheck (the links across the site), manifest and publish; and
	// digest, which reads the source again while check, postprocess and
	// linkcheck run (benchmarks; see docs/PERFORMANCE.md). A test may hold
	// the build as each ends (package stagehook).
	Timing func(stage string, d time.Duration)
	// skipTranslationModel drops what the model of translations
	// (package translation) finds, so that the tests of the last gate
	// can build what it would refuse.
	skipTranslationModel bool
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
	stagehook.Reached(stage)
	w.start = time.Now()
}

func (o Options) sourceOptions() source.Options {
	return source.Options{Production: o.Context == Production, Today: o.Today}
}

// Validate runs the checks that come before rendering, and writes nothing.
func Validate(o Options) diag.List {
	_, l := ValidateSite(o)
	return l
}

// ValidateSite is Validate, with the site it read (for what validate
// says it checked).
func ValidateSite(o Options) (*source.Site, diag.List) {
	site, l := source.Load(o.Root, o.sourceOptions())
	return site, o.finish(l)
}

// finish applies --strict (and --lang) and sorts the list.
func (o Options) finish(l diag.List) diag.List {
	if o.Strict {
		l = l.StrictFor(o.Languages...)
	}
	l.Sort()
	if len(o.Languages) > 0 {
		// A translator who names their language reads its errors first,
		// not after every other language's warnings.
		slices.SortStableFunc(l, func(a, b diag.Diagnostic) int {
			return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
		})
	}
	return l
}

func severityRank(s diag.Severity) int {
	if s == diag.Error {
		return 0
	}
	return 1
}

// Run builds and, when nothing is wrong, publishes. The error is for
// problems of the environment or the invocation, and nothing was
// published when it is set: a *publish.Refusal (an output that must not
// be replaced), a *sitelock.BusyError, or a disk that cannot be written.
// Problems of the content are in the list.
func Run(o Options) (diag.List, error) {
	target, err := publish.Resolve(o.Root, o.Out, source.SourceDirs(o.Root), o.Force)
	if err != nil {
		return nil, err
	}
	var lock *sitelock.Lock
	if o.Waiting != nil {
		lock, err = sitelock.Acquire(o.Root, "build", o.Waiting)
	} else {
		lock, err = sitelock.TryAcquire(o.Root, "build")
	}
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	// Another checkout may build into the same directory: its site lock
	// is not this one, so the output directory has a lock of its own.
	var outLock *sitelock.Lock
	if o.Waiting != nil {
		outLock, err = sitelock.AcquireOutput(target.Path, o.Out, "build", o.Waiting)
	} else {
		outLock, err = sitelock.TryAcquireOutput(target.Path, o.Out, "build")
	}
	if err != nil {
		return nil, err
	}
	defer outLock.Release()
	var l diag.List
	// Under the output's lock no other build publishes here: any staging
	// directory beside the target was left by a build that was killed.
	for _, err := range publish.Sweep(target) {
		l.Warnf(o.Out, 0, 0, "publish-leftover", "a staging directory left by an earlier, killed build could not be removed: %v", err)
	}
	watch := o.stopwatch()
	// What Hugo renders must be what was validated: read the source
	// before validating it, again once Hugo has read it, and publish only
	// if nothing changed in between.
	before, err := manifest.ReadSnapshot(o.Root, source.Parts)
	if err != nil {
		return l, err
	}
	watch.lap("snapshot")
	site, sl := source.Load(o.Root, o.sourceOptions())
	if o.skipTranslationModel {
		sl = slices.DeleteFunc(sl, func(d diag.Diagnostic) bool { return slices.Contains(translation.ModelRules, d.Rule) })
	}
	l.Add(sl...)
	watch.lap("validate")
	failed := func() bool { return o.finish(l).HasErrors() }
	if failed() {
		return o.finish(l), nil
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return l, err
	}
	// Whatever ends the build before it publishes (a problem, an error,
	// Ctrl-C) removes the staging directory and every temporary file; an
	// interrupt cannot come between its creation and that promise.
	var staging *publish.Staging
	var undo func()
	interrupt.Hold(func() {
		if staging, err = publish.Stage(target); err == nil {
			undo = interrupt.Defer(staging.Abandon)
		}
	})
	if err != nil {
		return l, fmt.Errorf("cannot create a staging directory beside %s: %w", o.Out, err)
	}
	published := false
	defer func() {
		if !published {
			undo()
			staging.Remove()
		}
	}()

	overlay := Overlay(site, o.Context)
	site = site.Published() // the model is in the overlay: Hugo's peak need not carry it
	l.Add(render.Build(render.Options{Source: root, Destination: staging.Site, Scratch: staging.Scratch, Environment: string(o.Context), BaseURL: o.BaseURL, Overlay: overlay, Minify: true})...)
	watch.lap("render")
	if failed() {
		return o.finish(l), nil
	}
	// Hugo has read everything it will read: read the source again while
	// the output is checked.
	after := make(chan snapshotResult, 1)
	go func() {
		start := time.Now()
		snap, err := manifest.ReadSnapshot(o.Root, source.Parts)
		after <- snapshotResult{snap, err, time.Since(start)}
	}()
	staged := staging.Site
	if err := cdn.Root404(staged, site.SourceLanguage); err != nil {
		l.Errorf(o.Out, 0, 0, "postprocess", "%v", err)
		return o.finish(l), nil
	}
	baseURL := site.BaseURL
	if o.BaseURL != "" {
		baseURL = o.BaseURL
	}
	defer holdMemory()()
	// Hugo has minified the tree (cdn.HugoConfig); one pass reads
	// and parses every page for the budget, the links and the policy.
	found, err := checks.Scan(staged, checks.Options{Display: filepath.ToSlash(o.Out), BaseURL: baseURL, Source: root, Build: true, ExactSizes: o.ExactSizes, SourceLanguage: site.SourceLanguage, Translations: translationCodes(site, o.Context)})
	if err != nil {
		return l, err
	}
	watch.lap("check")
	if err := cdn.WriteHeaders(staged, found.Styles, o.Context == Preview); err != nil {
		l.Errorf(o.Out, 0, 0, "postprocess", "%v", err)
		return o.finish(l), nil
	}
	if err := cdn.WriteRedirects(staged, publishedCodes(site, o.Context), site.SourceLanguage); err != nil {
		l.Errorf(o.Out, 0, 0, "postprocess", "%v", err)
		return o.finish(l), nil
	}
	watch.lap("postprocess")
	if o.PageSizes != nil {
		o.PageSizes(found.Pages)
	}
	l.Add(found.Budget...)
	l.Add(found.Translated...)
	links := found.Links.Internal()
	l.Add(links...)
	watch.lap("linkcheck")
	if failed() {
		return o.finish(l), nil
	}
	d := <-after
	if d.err != nil {
		return l, d.err
	}
	if o.Timing != nil {
		o.Timing("digest", d.took) // while the output was checked
	}
	if changed := before.Changed(d.snap); len(changed) > 0 {
		for _, path := range changed {
			l.Errorf(path, 0, 0, "source-changed", "this file changed while the site was being built (saved meanwhile?), so what was rendered may not be what was checked")
			l.Suggest("run the build again")
		}
		return o.finish(l), nil
	}
	m := manifestOf(site, o.Context, before.Digest)
	// Pages have not changed since the scan summed them: only _headers
	// and _redirects have been written since.
	if err := manifest.WriteManifestKnown(staged, m, found.Sums); err != nil {
		return l, err
	}
	watch.lap("manifest")
	// An interrupt now waits for the swap: the site is published whole
	// or not at all, and the message says which.
	var swapErr error
	interrupt.Hold(func() {
		stagehook.Reached(stagehook.Swap)
		swapErr = publish.Swap(staging, target)
		var left *publish.LeftoverError
		if swapErr == nil || errors.As(swapErr, &left) {
			published = true
			undo()
			if o.Published != nil {
				o.Published()
			}
		}
	})
	var left *publish.LeftoverError
	switch {
	case errors.As(swapErr, &left):
		l.Warnf(o.Out, 0, 0, "publish-leftover", "the new site is published, but %v", swapErr)
	case swapErr != nil:
		return l, swapErr
	}
	watch.lap("publish")
	return o.finish(l), nil
}

type snapshotResult struct {
	snap manifest.Snapshot
	err  error
	took time.Duration
}

func manifestOf(site *source.Site, ctx Context, digest string) manifest.Manifest {
	m := manifest.Manifest{
		Version:     site.History.VersionID(),
		Updated:     site.History.Updated().String(),
		FirstIssued: site.Release.FirstIssued.String(),
		Source:      digest,
	}
	latest := site.History[len(site.History)-1].Date.String()
	for _, lang := range publishedLanguages(site, ctx) {
		rev := lang.EnglishRevision
		if lang.Code == site.SourceLanguage {
			rev = latest
		}
		m.Languages = append(m.Languages, manifest.Language{
			Code: lang.Code, Locale: lang.Locale, Label: lang.Label, Direction: lang.Direction, EnglishRevision: rev,
		})
	}
	return m
}

// publishedLanguages are the languages a build for ctx publishes, in hugo.toml's
// order of weight: drafts only in previews.
func publishedLanguages(site *source.Site, ctx Context) []source.Language {
	var langs []source.Language
	for _, lang := range site.Languages {
		if !lang.Draft || ctx == Preview {
			langs = append(langs, lang)
		}
	}
	return langs
}

func publishedCodes(site *source.Site, ctx Context) []string {
	var codes []string
	for _, lang := range publishedLanguages(site, ctx) {
		codes = append(codes, lang.Code)
	}
	return codes
}
