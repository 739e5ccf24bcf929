package sitelock

import (
	"errors"
	"strings"
	"testing"
)

func TestOneAtATime(t *testing.T) {
	root := t.TempDir()
	first, err := TryAcquire(root, "build")
	if err != nil {
		t.Fatal(err)
	}
	_, err = TryAcquire(root, "revise")
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(busy.Error(), "statement build") {
		t.Fatalf("second lock: %v, want a BusyError naming the build", err)
	}

	got := make(chan *Lock)
	waited := make(chan *BusyError, 1)
	go func() {
		l, err := Acquire(root, "revise", func(b *BusyError) { waited <- b })
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	b := <-waited // told before it blocks
	if !strings.Contains(b.Holder, "statement build") {
		t.Errorf("holder %q", b.Holder)
	}
	first.Release()
	second := <-got
	if _, err := TryAcquire(root, "build"); !errors.As(err, &busy) || !strings.Contains(busy.Holder, "statement revise") {
		t.Errorf("while revise holds it: %v", err)
	}
	second.Release()
	third, err := TryAcquire(root, "build")
	if err != nil {
		t.Fatal(err)
	}
	third.Release()
}

// An output directory's lock is one file beside it, whatever site takes
// it, and separate from the sites' own locks.
func TestOutputLock(t *testing.T) {
	dir := t.TempDir()
	out := dir + "/shared/public"
	first, err := TryAcquireOutput(out, "public", "build")
	if err != nil {
		t.Fatal(err)
	}
	_, err = TryAcquireOutput(out, "../shared/public", "build")
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Error() != "another statement build is publishing into ../shared/public ("+busy.Holder+")" || !strings.Contains(busy.Holder, "statement build") {
		t.Fatalf("second lock: %v", err)
	}
	site, err := TryAcquire(dir, "build")
	if err != nil {
		t.Fatalf("the site's lock: %v", err)
	}
	site.Release()
	first.Release()
	again, err := TryAcquireOutput(out, "public", "build")
	if err != nil {
		t.Fatal(err)
	}
	again.Release()
}
