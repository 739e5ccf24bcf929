package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"dhcs.ca.gov/statement/internal/build/livesite"
	"dhcs.ca.gov/statement/internal/output/checks"
	"dhcs.ca.gov/statement/internal/platform/journal"
	"dhcs.ca.gov/statement/internal/platform/sitelock"
	"dhcs.ca.gov/statement/internal/platform/stagehook"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/source"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"statement": func() {
			// The scripts' HTTP servers (httpserve), which check
			// --external may ask although they are on loopback.
			if a := os.Getenv("STATEMENT_TEST_LOOPBACK"); a != "" {
				checks.ExternalLoopback = strings.Split(a, ",")
			}
			// Killed outright (SIGKILL) at one write of a transaction,
			// as a crash would: no clean-up runs.
			// Interrupted (SIGINT) there: while staging, the handler runs
			// while the import waits; once committed, after the renames.
			killAt, interruptAt := os.Getenv("STATEMENT_TEST_KILL_AT"), os.Getenv("STATEMENT_TEST_INTERRUPT_AT")
			journal.Step = func(step string) {
				p, _ := os.FindProcess(os.Getpid())
				switch {
				case step == killAt:
					p.Kill()
					select {}
				case step == interruptAt:
					p.Signal(os.Interrupt)
					if step == "intent" || strings.HasPrefix(step, "stage ") {
						select {}
					}
				}
			}
			// The scenarios say what day it is (STATEMENT_TEST_TODAY), so
			// that none depends on the day it runs; the command has no
			// such setting.
			if d := os.Getenv("STATEMENT_TEST_TODAY"); d != "" {
				date, err := calendar.ParseDate(d)
				if err != nil || date.Precision != calendar.Day {
					fmt.Fprintf(os.Stderr, "STATEMENT_TEST_TODAY=%q is not a day\n", d)
					os.Exit(exitUsage)
				}
				today = func() calendar.Date { return date }
			}
			os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// The scenarios in testdata/script run the command as an editor or CI
// would, each on a fresh copy of the frozen site (testdata/site, with the
// repository's theme), so that they may hold the output to exact text.
func TestScripts(t *testing.T) {
	testscript.Run(t, params("testdata/script", func(env *testscript.Env) error {
		return testfs.CopyFixture(filepath.Join("..", ".."), env.WorkDir)
	}))
}

// The scenarios in testdata/live run on a copy of the live site, which
// editors change every month: they hold it only to what is always true,
// and make the edits docs/EDITING.md describes.
func TestLiveScripts(t *testing.T) {
	p := params("testdata/live", func(env *testscript.Env) error {
		// The scenarios' today is the live site's latest revision's date,
		// not the day they run: a date no revision is before and no
		// event is after, whatever the site holds and whenever the tests
		// run, so that the scenarios neither fail nor pass because of
		// the day.
		if err := testfs.CopyLive(filepath.Join("..", ".."), env.WorkDir); err != nil {
			return err
		}
		site, l := source.Load(env.WorkDir, source.Options{})
		if l.HasErrors() || len(site.History) == 0 {
			return fmt.Errorf("the live site does not load:\n%v", l)
		}
		day := site.History[len(site.History)-1].Date.String()
		env.Setenv("TODAY", day)
		env.Setenv("STATEMENT_TEST_TODAY", day)
		return nil
	})
	p.Cmds["repotest"] = repotest
	p.Condition = func(cond string) (bool, error) {
		if cond == "in-repotest" {
			// repotest no longer runs the scenarios again on a copy
			// of the repository; scenarios may still ask.
			return false, nil
		}
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	testscript.Run(t, p)
}

// repotest holds the site as the scenario left it to what is always true
// of the live site (package livesite: it validates and builds for
// production, every fact in data/ is on the English page, the stress
// generator multiplies it cleanly): the checks the repository's tests
// make of the live site, run once, here, in this process, on the edited
// copy. A correct edit never turns CI red. (Edits to content/, data/ and
// i18n/ change no Go code, so nothing else needs running again.)
func repotest(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 0 {
		ts.Fatalf("usage: repotest")
	}
	scratch := ts.MkAbs("repotest")
	ts.Check(os.MkdirAll(scratch, 0o755))
	if problems := livesite.Check(ts.MkAbs("."), scratch); len(problems) > 0 {
		ts.Fatalf("the edited site fails the live-site checks:\n%s", strings.Join(problems, "\n"))
	}
	ts.Check(os.RemoveAll(scratch))
}

func params(dir string, setup func(*testscript.Env) error) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// Each command a scenario runs lives a fraction of a second on
			// a small site, and the process's exit frees its heap: at Go's
			// default pace (GOGC=100) the collector took a fifth of the
			// scenarios' CPU (55 s against 44 s with 400, measured back to
			// back). The scenarios run side by side, one per core, so a
			// command's own parallelism only adds scheduling (44 s against
			// 40 s with GOMAXPROCS=1). The command itself keeps Go's
			// defaults; the package's own tests run with them too.
			env.Setenv("GOGC", "400")
			env.Setenv("GOMAXPROCS", "1")
			return setup(env)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshot,
			"unchanged": unchanged,
			"freeport":  freeport,
			"httpget":   httpget,
			"exits":     exits,
			"httpserve": httpserve,
			"requests":  requests,
			"lock":      lockSite,
			"unlock":    unlockSite,
			"noglob":    noGlob,
			"atstage":   atStage,
		},
	}
}

// treeSums hashes every path, mode and byte under dir, except the paths
// (relative to dir) in except and the lock files, the site's, which every
// command that writes creates, and the output directories' (.public.lock).
func treeSums(ts *testscript.TestScript, dir string, except ...string) map[string]string {
	sums := map[string]string{}
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		outputLock := !strings.Contains(rel, "/") && strings.HasPrefix(rel, ".") && strings.HasSuffix(rel, ".lock")
		if slices.Contains(except, rel) || rel == sitelock.File || outputLock {
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
// patterns); ! noglob PATTERN fails when nothing does.
func noGlob(ts *testscript.TestScript, neg bool, args []string) {
	for _, pattern := range args {
		matches, err := filepath.Glob(ts.MkAbs(pattern))
		ts.Check(err)
		if len(matches) > 0 && !neg {
			ts.Fatalf("%s matches %v", pattern, matches)
		}
		if len(matches) == 0 && neg {
			ts.Fatalf("nothing matches %s", pattern)
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

// freeport VAR sets VAR to a TCP port on loopback that nothing listens on.
func freeport(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	ts.Check(l.Close())
}

// httpget [-status N] URL PATTERN... asks URL (on loopback) until it
// answers with status N (default 200) and a body that matches every
// pattern: a server that is starting or rebuilding gets time to, up to a
// minute, and the last answer is shown when it never does.
func httpget(ts *testscript.TestScript, neg bool, args []string) {
	status := http.StatusOK
	if len(args) > 1 && args[0] == "-status" {
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		status, args = n, args[2:]
	}
	if neg || len(args) < 1 {
		ts.Fatalf("usage: httpget [-status N] URL PATTERN...")
	}
	var res []*regexp.Regexp
	for _, p := range args[1:] {
		res = append(res, regexp.MustCompile(p))
	}
	client := &http.Client{Timeout: 10 * time.Second}
	var last string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := client.Get(args[0])
		if err != nil {
			last = err.Error()
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		last = fmt.Sprintf("%d\n%s", resp.StatusCode, body)
		ok := resp.StatusCode == status
		for _, re := range res {
			ok = ok && re.Match(body)
		}
		if ok {
			ts.Setenv("HTTPBODY", string(body))
			return
		}
	}
	ts.Fatalf("%s never answered %d with %q; last answer:\n%s", args[0], status, args[1:], last)
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
// and puts its address in $SERVER: /gone answers 410 Gone, /redirect?to=URL
// redirects to URL, anything else 200 OK. check --external may ask it
// (STATEMENT_TEST_LOOPBACK), and no other address on loopback. It speaks plain http, so every link to it is also link-http.
func httpserve(ts *testscript.TestScript, neg bool, args []string) {
	s := &server{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/redirect":
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		}
	}))
	ts.Defer(srv.Close)
	servers.Store(ts, s)
	ts.Setenv("SERVER", srv.URL)
	ts.Setenv("STATEMENT_TEST_LOOPBACK", srv.Listener.Addr().String())
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

// atstage STAGE ACTION PROGRAM ARGS... runs a program, as exec does,
// holding it at STAGE (see package stagehook) to act on it there, then
// lets it go on. ACTION is a signal (INT, TERM or KILL), after which the
// program must exit with 128 + the signal's number (KILL: with the
// signal), or unlock (release the lock the script holds, as another
// command ending would). Nothing waits on the clock: the program is
// where the stage says when the action happens.
func atStage(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 {
		ts.Fatalf("usage: atstage STAGE INT|TERM|KILL|unlock PROGRAM [ARGS...]")
	}
	stage, action := args[0], args[1]
	signals := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM, "KILL": syscall.SIGKILL}
	sig, isSignal := signals[action]
	if !isSignal && action != "unlock" {
		ts.Fatalf("atstage: unknown action %q", action)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	reached := make(chan error, 1)
	go func() {
		reached <- holdAt(l, stage, func(pid int) error {
			if !isSignal {
				unlockSite(ts, false, nil)
				return nil
			}
			p, err := os.FindProcess(pid)
			if err != nil {
				return err
			}
			return p.Signal(sig)
		}, isSignal && action != "KILL")
	}()
	old := ts.Getenv(stagehook.Env)
	ts.Setenv(stagehook.Env, l.Addr().String())
	err = ts.Exec(args[2], args[3:]...)
	ts.Setenv(stagehook.Env, old)
	l.Close()
	if err := <-reached; err != nil {
		ts.Fatalf("atstage %s: %v", stage, err)
	}
	if !isSignal {
		if (err != nil) != neg {
			ts.Fatalf("%s: %v (want it to %s)", args[2], err, map[bool]string{false: "succeed", true: "fail"}[neg])
		}
		return
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		ts.Fatalf("%s was not stopped by SIG%s: %v", args[2], action, err)
	}
	want := 128 + int(sig)
	got := exit.ExitCode()
	if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		got = 128 + int(status.Signal())
	}
	if got != want {
		ts.Fatalf("%s exited with %d after SIG%s, want %d", args[2], got, action, want)
	}
}

// holdAt answers the stage reports of one program on l: it lets every
// stage go on at once but stage, where it calls act with the program's
// process id. When handled is set (a signal the program catches), the
// program stays held there until it exits, except at the swap, which
// holds interrupts back: that goes on once the handler has the signal.
// It returns when l is closed, with an error if stage never came.
func holdAt(l net.Listener, stage string, act func(pid int) error, handled bool) error {
	var held net.Conn
	done := false
	for {
		conn, err := l.Accept()
		if err != nil {
			if held != nil {
				held.Close()
			}
			if !done {
				return fmt.Errorf("the program never reached stage %s", stage)
			}
			return nil
		}
		var pid int
		var at string
		if _, err := fmt.Fscanf(conn, "%d %s\n", &pid, &at); err != nil {
			conn.Close() // the program exited while it reported a stage
			continue
		}
		switch {
		case at == stage && !done:
			done = true
			if err := act(pid); err != nil {
				conn.Close()
				return err
			}
			if handled {
				held = conn // until the handler says it has the signal
				continue
			}
		case at == stagehook.Interrupted && held != nil && stage == stagehook.Swap:
			// The handler has the signal and waits for the swap, which
			// holds interrupts back: let the swap finish.
			held.Close()
			held = nil
			// At any other stage the program stays held until the
			// handler has ended it, so that nothing it would do next
			// races the handler.
		}
		conn.Close()
	}
}
