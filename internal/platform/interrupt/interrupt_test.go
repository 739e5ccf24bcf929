package interrupt

import (
	"bytes"
	"runtime"
	"syscall"
	"testing"
)

func TestHandlerUndoesAndExits(t *testing.T) {
	var code int
	exit = func(c int) { code = c }
	t.Cleanup(func() { exit = nil })
	var undone []string
	release := Defer(func() { undone = append(undone, "first") })
	Defer(func() { undone = append(undone, "second") })
	release()
	// Work that holds interrupts back may still release its clean-ups.
	Hold(func() { Defer(func() {})() })
	var w bytes.Buffer
	handle(&w, syscall.SIGTERM, func() string { return "stopped" })
	mu.Unlock() // the real handler never returns
	held.Unlock()
	pending.Store(false)
	if code != 143 || w.String() != "stopped\n" || len(undone) != 1 || undone[0] != "second" {
		t.Errorf("exit %d, printed %q, undid %v", code, w.String(), undone)
	}
}

// A signal that comes while work holds interrupts back is handled when
// the work is done, and the work does not go on past Hold: the handler
// ends the process.
func TestHoldStopsForAPendingSignal(t *testing.T) {
	exited := make(chan int)
	exit = func(c int) { exited <- c }
	t.Cleanup(func() { exit = nil; pending.Store(false) })
	inHold := make(chan struct{})
	handled := make(chan struct{})
	wentOn := make(chan struct{})
	go func() {
		Hold(func() {
			close(inHold)
			<-handled // the signal has come while the work runs
		})
		close(wentOn)
	}()
	<-inHold
	go func() {
		var w bytes.Buffer
		handle(&w, syscall.SIGINT, func() string { return "interrupted" })
	}()
	for !pending.Load() {
		runtime.Gosched()
	}
	close(handled)
	if code := <-exited; code != 130 {
		t.Errorf("exit %d", code)
	}
	select {
	case <-wentOn:
		t.Error("the work went on past Hold")
	default:
	}
	mu.Unlock() // the stubbed exit returned; the real one does not
	held.Unlock()
}

// Work that panics while it holds interrupts back lets them through (the
// journal's tests crash a transaction that way).
func TestHoldLetsGoOnAPanic(t *testing.T) {
	func() {
		defer func() { recover() }()
		Hold(func() { panic("crash") })
	}()
	ran := false
	Hold(func() { ran = true })
	if !ran {
		t.Error("the second Hold did not run")
	}
}
