package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/platform/sitelock"
)

// Two checkouts building into the same output directory: the second waits
// for the first (or, told not to wait, stops at once), and never sweeps
// the first's live staging directory as if a killed build had left it.
// Driven by the builds' own hooks: no sleeps.
func TestTwoCheckoutsShareAnOutput(t *testing.T) {
	a, b := copySite(t), copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	staging := func() []string {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.staging-*"))
		return m
	}
	secondWaits := make(chan struct{})
	secondDone := make(chan error, 1)
	var during []string
	first := Options{Root: a, Out: out, Context: Preview, Timing: func(stage string, _ time.Duration) {
		if stage != "render" {
			return
		}
		// The first build has rendered into its staging directory.
		during = staging()
		if len(during) != 1 {
			t.Errorf("staging directories while the first build renders: %v", during)
		}
		// The second checkout, told not to wait: refused at once.
		_, err := Run(Options{Root: b, Out: out, Context: Preview})
		var busy *sitelock.BusyError
		if !errors.As(err, &busy) || !strings.Contains(err.Error(), "another statement build is publishing into "+out) {
			t.Errorf("second build, --no-wait: %v", err)
		}
		// The second checkout, waiting: it says so, and waits.
		go func() {
			_, err := Run(Options{Root: b, Out: out, Context: Preview, Waiting: func(*sitelock.BusyError) { close(secondWaits) }})
			secondDone <- err
		}()
		select {
		case <-secondWaits:
		case err := <-secondDone:
			t.Errorf("the second build did not wait: %v", err)
			secondDone <- err
		}
		if got := staging(); len(got) != 1 || got[0] != during[0] {
			t.Errorf("the first build's staging directory was taken: %v, was %v", got, during)
		}
	}}
	l, err := Run(first)
	if err != nil || l.HasErrors() {
		t.Fatalf("first build: %v %v", err, l)
	}
	if err := <-secondDone; err != nil {
		t.Fatalf("second build: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "version.json")); err != nil {
		t.Error(err)
	}
	if got := staging(); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}
