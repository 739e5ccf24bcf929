package build

import (
	"bufio"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// holdMemory keeps the rest of the build within the memory the render has
// already taken: Hugo's peak is the build's, and the checks after it, which
// keep Hugo's leftovers (about 300 MB on a site of 6,000 pages) beside
// their own, need not raise it much. It sets a soft memory limit at 1.2
// times the process's peak so far (Linux; elsewhere what the Go runtime
// holds now), or at one and a half times the live heap if that is more:
// at the peak itself the collector has little room over the live heap of
// a large tree (about 1.5 GB at 24,000 pages) and runs more often. The
// returned func puts the previous limit back. A soft limit only makes the collector run sooner;
// it never fails an allocation. See docs/PERFORMANCE.md, round 3.
func holdMemory() (restore func()) {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	limit := max(s[0].Value.Uint64(), PeakRSS()*6/5, s[1].Value.Uint64()*3/2)
	prev := debug.SetMemoryLimit(int64(limit))
	return func() { debug.SetMemoryLimit(prev) }
}

// peakRSS is the process's peak resident memory (VmHWM), or 0 where the
// system does not say.
func PeakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
