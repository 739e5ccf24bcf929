// A failing package, for ciannotate_test.go: fail.json is what
// `go test -json ./tools/ciannotate/testdata/fail/` printed for it (Go
// skips testdata directories in ./...), with the repository written ROOT.

package fail

import "testing"

func TestA(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		t.Errorf("first line\nsecond line")
	})
}
func TestB(t *testing.T) { t.Fatal("b broke") }
func TestC(t *testing.T) {}
func TestD(t *testing.T) { panic("boom") }
