// Package interrupt ends the process cleanly on Ctrl-C (SIGINT) and
// SIGTERM. Hugo renders in-process and cannot be cancelled, so a build
// cannot simply return early: instead the work in progress registers what
// must be undone (a staging directory to remove), and the handler undoes
// it, prints one line and exits with 128 + the signal's number (130 for
// SIGINT, 143 for SIGTERM), as shells expect.
package interrupt

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"

	"dhcs.ca.gov/statement/internal/platform/stagehook"
)

var (
	// held is taken by Hold and by the handler, mu by everything that
	// touches the clean-ups: work that is holding interrupts back may
	// still register and release clean-ups.
	held     sync.Mutex
	mu       sync.Mutex
	next     int
	cleanups = map[int]func(){}
	exit     = os.Exit
	// pending is set once a signal is being handled, so that work that
	// held it back does not go on when it lets it through (Hold).
	pending atomic.Bool
)

// Defer registers fn to run if the process is interrupted, until the
// returned release is called.
func Defer(fn func()) (release func()) {
	mu.Lock()
	defer mu.Unlock()
	id := next
	next++
	cleanups[id] = fn
	return func() {
		mu.Lock()
		defer mu.Unlock()
		delete(cleanups, id)
	}
}

// Hold runs fn with interrupts held back: a signal that arrives meanwhile
// is handled when fn returns. Publishing holds them, so that a build is
// either published whole or not at all, and says which.
func Hold(fn func()) {
	func() {
		held.Lock()
		defer held.Unlock() // also when fn panics
		fn()
	}()
	if pending.Load() {
		// A signal came while fn ran, and the handler now has the lock:
		// it ends the process and says so. Going on would race it to the
		// exit, and could exit 0 after Ctrl-C (it did in a test, with
		// one core).
		select {}
	}
}

// Catch handles SIGINT and SIGTERM from now until stop is called. On a
// signal it runs every registered clean-up, writes the line say returns
// to w, and exits.
func Catch(w io.Writer, say func() string) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			handle(w, sig, say)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

func handle(w io.Writer, sig os.Signal, say func() string) {
	pending.Store(true)
	stagehook.Reached(stagehook.Interrupted)
	held.Lock()
	mu.Lock()
	// One goroutine at a time from here on, so that the work being
	// undone (Hugo writing files) gets as little time as possible between
	// the last clean-up and the exit.
	runtime.GOMAXPROCS(1)
	fmt.Fprintln(w, say())
	for _, fn := range cleanups {
		fn()
	}
	code := 130
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	exit(code) // with mu held: nothing registered can start undoing itself
}
