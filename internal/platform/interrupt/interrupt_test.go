package interrupt

import (
	"bytes"
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
	if code != 143 || w.String() != "stopped\n" || len(undone) != 1 || undone[0] != "second" {
		t.Errorf("exit %d, printed %q, undid %v", code, w.String(), undone)
	}
}
