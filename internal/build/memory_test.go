package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// holdMemory sets a soft limit no lower than what the process has had,
// and gives the previous one back.
func TestHoldMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := holdMemory()
	held := debug.SetMemoryLimit(-1)
	if held == math.MaxInt64 || held < int64(PeakRSS()) || held <= 0 {
		t.Errorf("limit %d, peak so far %d", held, PeakRSS())
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after restore %d, want %d", got, before)
	}
}
