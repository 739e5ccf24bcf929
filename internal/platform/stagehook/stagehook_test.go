package stagehook

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"testing"
)

// A command at a stage reports its process id and the stage, and waits
// until the test closes the connection.
func TestReachedReportsAndWaits(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	t.Setenv(Env, l.Addr().String())
	done := make(chan struct{})
	go func() {
		Reached("render")
		close(done)
	}()
	conn, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if want := fmt.Sprintf("%d render\n", os.Getpid()); err != nil || line != want {
		t.Fatalf("report %q (%v), want %q", line, err, want)
	}
	select {
	case <-done:
		t.Fatal("Reached returned before the test let it go on")
	default:
	}
	conn.Close()
	<-done
}

// Without a listener, or with one that is not on loopback, it returns at
// once.
func TestReachedWithoutListener(t *testing.T) {
	for _, addr := range []string{"", "192.0.2.1:9", "example.org:80", "nonsense"} {
		t.Setenv(Env, addr)
		Reached("render") // would hang or fail if it tried to connect
	}
}
