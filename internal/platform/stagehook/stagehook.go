// Package stagehook lets a test hold a running command at a named stage
// of its work (a build that has validated, rendered or is about to swap,
// a command that waits for the site's lock), act on it there (send a
// signal, release the lock, change a file) and let it go on. Tests of
// interrupts and lock waits then know where the command is, instead of
// sleeping and hoping that a build on a slow or a fast machine is where
// the sleep guessed.
//
// It does nothing unless the environment names a test's listener on
// loopback in Env. Then, at each stage, the command connects to it,
// writes its process id and the stage's name on one line, and waits
// until the test closes the connection.
package stagehook

import (
	"fmt"
	"io"
	"net"
	"os"
)

// Env names the variable that holds the test's listener, host:port on
// loopback.
const Env = "STATEMENT_TEST_HOOK"

// Stages a command reports, besides the build's stages (see
// build.Options.Timing, reported as each ends, and Swap).
const (
	// LockWait: the command was told the site's lock is held, and is
	// about to wait for it.
	LockWait = "lock-wait"
	// Swap: a build is about to put its output in place, with
	// interrupts held back.
	Swap = "swap"
	// Interrupted: a signal arrived, and the command is about to undo
	// what it was doing and exit.
	Interrupted = "interrupted"
)

// Reached reports that the command is at stage, and waits until the
// test lets it go on. Without a listener in Env it returns at once.
func Reached(stage string) {
	addr := os.Getenv(Env)
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		return // only a test on this machine may hold the command
	}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := fmt.Fprintf(conn, "%d %s\n", os.Getpid(), stage); err != nil {
		return
	}
	io.Copy(io.Discard, conn) // until the test closes it
}
