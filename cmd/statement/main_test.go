package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"dhcs.ca.gov/statement/internal/sitelock"
	"dhcs.ca.gov/statement/tools/stress/gen"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"statement": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// The scenarios in testdata/script run the command as an editor or CI
// would, each on a fresh copy of this repository's site.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"} {
				if err := copyTree(filepath.Join("..", "..", part), filepath.Join(env.WorkDir, part)); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshot,
			"unchanged": unchanged,
			"lock":      lockSite,
			"unlock":    unlockSite,
			"stress":    stressSite,
			"noglob":    noGlob,
			"sleep": func(ts *testscript.TestScript, neg bool, args []string) {
				d, err := time.ParseDuration(args[0])
				ts.Check(err)
				time.Sleep(d)
			},
		},
	})
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dest := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dest, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dest, data, 0o644)
	})
}

// treeSums hashes every path, mode and byte under dir, except the paths
// (relative to dir) in except and the site's lock file, which every
// command that writes creates.
func treeSums(ts *testscript.TestScript, dir string, except ...string) map[string]string {
	sums := map[string]string{}
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if slices.Contains(except, rel) || rel == sitelock.File {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h := sha256.New()
		h.Write([]byte(info.Mode().String() + "\x00"))
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		sums[rel] = hex.EncodeToString(h.Sum(nil))
		return nil
	})
	ts.Check(err)
	return sums
}

var (
	snapshotsMu sync.Mutex
	snapshots   = map[string]map[string]string{}
)

// snapshot DIR [EXCEPT...] records every file of DIR but the paths
// EXCEPT; unchanged DIR [EXCEPT...] asserts that they are the same, and
// names those that are not. "snapshot . public" is everything outside the
// output.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: snapshot DIR [EXCEPT...]")
	}
	snapshotsMu.Lock()
	defer snapshotsMu.Unlock()
	snapshots[ts.Getenv("WORK")+"\x00"+strings.Join(args, "\x00")] = treeSums(ts, args[0], args[1:]...)
}

func unchanged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: unchanged DIR [EXCEPT...]")
	}
	snapshotsMu.Lock()
	before, ok := snapshots[ts.Getenv("WORK")+"\x00"+strings.Join(args, "\x00")]
	snapshotsMu.Unlock()
	if !ok {
		ts.Fatalf("no snapshot of %s", strings.Join(args, " "))
	}
	now := treeSums(ts, args[0], args[1:]...)
	var changed []string
	for path, sum := range before {
		if now[path] != sum {
			changed = append(changed, path)
		}
	}
	for path := range now {
		if _, ok := before[path]; !ok {
			changed = append(changed, path)
		}
	}
	slices.Sort(changed)
	if (len(changed) == 0) == neg {
		ts.Fatalf("%s changed: %v %v", args[0], len(changed) > 0, changed[:min(len(changed), 10)])
	}
}

// noglob PATTERN fails when anything matches PATTERN (exists takes no
// patterns).
func noGlob(ts *testscript.TestScript, neg bool, args []string) {
	for _, pattern := range args {
		matches, err := filepath.Glob(ts.MkAbs(pattern))
		ts.Check(err)
		if len(matches) > 0 {
			ts.Fatalf("%s matches %v", pattern, matches)
		}
	}
}

// lock takes the site's lock in the test's process, as another statement
// command would; unlock releases it.
func lockSite(ts *testscript.TestScript, neg bool, args []string) {
	l, err := sitelock.TryAcquire(ts.MkAbs("."), "build")
	ts.Check(err)
	heldMu.Lock()
	defer heldMu.Unlock()
	held[ts] = l
}

func unlockSite(ts *testscript.TestScript, neg bool, args []string) {
	heldMu.Lock()
	defer heldMu.Unlock()
	held[ts].Release()
	delete(held, ts)
}

var (
	heldMu sync.Mutex
	held   = map[*testscript.TestScript]*sitelock.Lock{}
)

// stress LANGS PAGES EVENTS replaces the site with a generated one of
// that size (tools/stress), for scenarios that need a build that takes
// seconds.
func stressSite(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: stress LANGS PAGES EVENTS")
	}
	var n [3]int
	for i, a := range args {
		v, err := strconv.Atoi(a)
		ts.Check(err)
		n[i] = v
	}
	dir := ts.MkAbs("stress")
	ts.Check(gen.Generate(filepath.Join("..", ".."), dir, gen.Size{Langs: n[0], Pages: n[1], Events: n[2]}))
	for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"} {
		ts.Check(os.RemoveAll(ts.MkAbs(part)))
		if _, err := os.Stat(filepath.Join(dir, part)); err == nil {
			ts.Check(os.Rename(filepath.Join(dir, part), ts.MkAbs(part)))
		}
	}
	ts.Check(os.RemoveAll(dir))
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"--help"}, exitOK, "statement build"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"build", "--format", "xml"}, exitUsage, `unknown format "xml"`},
		{[]string{"build", "--context", "staging"}, exitUsage, `unknown context "staging"`},
		{[]string{"build", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"build", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"validate", "--help"}, exitOK, "write nothing"},
		{[]string{"check", "--help"}, exitOK, "statement check"},
		{[]string{"serve", "--help"}, exitOK, "live reload"},
		{[]string{"i18n"}, exitUsage, "statement i18n status"},
		{[]string{"i18n", "--help"}, exitOK, "statement i18n scaffold LANG"},
		{[]string{"i18n", "translate"}, exitUsage, `statement i18n: unknown command "translate"`},
		{[]string{"i18n", "status", "--format", "github"}, exitUsage, `unknown format "github"`},
		{[]string{"i18n", "scaffold"}, exitUsage, "name one language"},
		{[]string{"i18n", "done", "es"}, exitUsage, "or --all"},
		{[]string{"revise", "--help"}, exitOK, "--minor: a correction"},
		{[]string{"revise", "--major", "--minor", "--note", "x"}, exitUsage, "one of them"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		all := stdout.String() + stderr.String()
		if code != c.code || !strings.Contains(all, c.out) {
			t.Errorf("statement %v: exit %d, want %d; output lacks %q:\n%s", c.args, code, c.code, c.out, all)
		}
	}
}

func TestValidateReportsContentProblemsWithExitOne(t *testing.T) {
	dir := t.TempDir()
	for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"} {
		if err := copyTree(filepath.Join("..", "..", part), filepath.Join(dir, part)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "data", "timeline.yaml"), []byte("- id: a\n  date: \"2025-13\"\n  text: x\n"), 0o644)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate"}, &stdout, &stderr); code != exitProblem {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblem, stderr.String())
	}
	if !strings.Contains(stderr.String(), "data/timeline.yaml:2:9: error:") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
