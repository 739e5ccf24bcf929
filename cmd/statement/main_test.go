package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
			for _, dir := range []string{"content", "data", "i18n", "themes", "translations"} {
				if err := os.CopyFS(filepath.Join(env.WorkDir, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
					return err
				}
			}
			config, err := os.ReadFile(filepath.Join("..", "..", "hugo.toml"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "hugo.toml"), config, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshot,
			"unchanged": unchanged,
			"exits":     exits,
			"httpserve": httpserve,
			"requests":  requests,
		},
	})
}

// exits N PROGRAM ARGS... runs a program, as exec does, and asserts that
// it exits with status N (exec tells only zero from not zero; the command
// promises 1 for problems with the content, 2 for usage).
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: exits N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// servers are the scripts' HTTP servers, by script.
var servers sync.Map // *testscript.TestScript → *server

type server struct{ requests, seen atomic.Int32 }

// httpserve starts an HTTP server on loopback for the rest of the script
// and puts its address in $SERVER: /gone answers 410 Gone, anything else
// 200 OK. It speaks plain http, so every link to it is also link-http.
func httpserve(ts *testscript.TestScript, neg bool, args []string) {
	s := &server{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
		}
	}))
	ts.Defer(srv.Close)
	servers.Store(ts, s)
	ts.Setenv("SERVER", srv.URL)
}

// requests N asserts that the server had N requests since the last
// requests (or since it started).
func requests(ts *testscript.TestScript, neg bool, args []string) {
	v, ok := servers.Load(ts)
	if len(args) != 1 || !ok {
		ts.Fatalf("usage: requests N, after httpserve")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	s := v.(*server)
	now := s.requests.Load()
	if got := int(now - s.seen.Swap(now)); got != want {
		ts.Fatalf("%d requests, want %d", got, want)
	}
}

// treeDigest hashes every path, mode and byte under dir.
func treeDigest(ts *testscript.TestScript, dir string) string {
	h := sha256.New()
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		h.Write([]byte(rel + "\x00" + info.Mode().String() + "\x00"))
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	ts.Check(err)
	return hex.EncodeToString(h.Sum(nil))
}

// snapshot DIR records DIR's digest; unchanged DIR asserts it is the same.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	ts.Setenv("SNAPSHOT_"+args[0], treeDigest(ts, args[0]))
}

func unchanged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: unchanged DIR")
	}
	same := ts.Getenv("SNAPSHOT_"+args[0]) == treeDigest(ts, args[0])
	if same == neg {
		ts.Fatalf("%s changed: %v", args[0], !same)
	}
}
