package checks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"dhcs.ca.gov/statement/internal/output/linkcheck/external"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/source"
)

// Report is what `statement check` found.
type Report struct {
	Problems diag.List
	// Summary counts what was checked, for a person.
	Summary string
	// Warnings are about the check itself (a cache that could not be read
	// or saved), not the site.
	Warnings []string
}

// ExternalLoopback is the addresses on this machine ("127.0.0.1:8080")
// the external check may ask: the command's tests set it to their
// servers'. Empty in the command: loopback, like every other non-public
// address, is never asked (see package external).
var ExternalLoopback []string

// Links checks the links of the built tree in dir, a site whose source is
// root (its configuration gives the site's address). With outside, it
// also asks other sites about the addresses the tree links to, with the
// settings, ignore list and cache of linkcheck.toml (in the working
// directory); ctx ends that early, and what was learnt is still saved.
// The error is for a problem of the environment: a missing directory, a
// bad linkcheck.toml.
func Links(ctx context.Context, root, dir string, outside bool) (Report, error) {
	site, sl := source.Load(root, source.Options{})
	if site.BaseURL == "" {
		return Report{Problems: sl}, nil
	}
	// A missing directory, a file and a tree without pages are not a
	// clean site: say what was expected rather than "0 errors".
	switch fi, err := os.Stat(dir); {
	case os.IsNotExist(err):
		return Report{}, fmt.Errorf("%s does not exist; check reads a built site: run `statement build` first, or name the directory a build wrote", dir)
	case err != nil:
		return Report{}, err
	case !fi.IsDir():
		return Report{}, fmt.Errorf("%s is a file; check reads a directory a build wrote (default: public)", dir)
	}
	found, err := Scan(dir, Options{Display: filepath.ToSlash(dir), BaseURL: site.BaseURL, Source: root})
	if err != nil {
		return Report{}, err
	}
	tree := found.Links
	r := Report{Problems: tree.Internal()}
	st := tree.Stats()
	if st.Pages == 0 {
		return Report{}, fmt.Errorf("%s holds no HTML pages, so there is nothing to check; expected a built site (run `statement build`, or name the directory a build wrote)", dir)
	}
	r.Summary = fmt.Sprintf("%d pages, %d style sheets, %d links (%d within the site); ", st.Pages, st.StyleSheets, st.Links, st.Internal)
	if !outside {
		r.Summary += fmt.Sprintf("%d outside addresses not asked (--external asks them)", st.External)
		return r, nil
	}
	cfg, err := external.LoadConfig(external.ConfigFile)
	if err != nil {
		return Report{}, err
	}
	cache, err := external.OpenCache(cfg.Cache, cfg.CacheExpiry.Duration)
	if err != nil {
		r.Warnings = append(r.Warnings, err.Error())
	}
	more, ext := tree.CheckExternal(ctx, &external.Checker{Config: cfg, Cache: cache, AllowLoopback: ExternalLoopback})
	if err := cache.Save(time.Now()); err != nil {
		r.Warnings = append(r.Warnings, fmt.Sprintf("could not save the link cache: %v", err))
	}
	r.Problems.Add(more...)
	r.Problems.Sort()
	r.Summary += ext.String()
	return r, nil
}
