// Package workers spreads independent work over every core: the build's
// per-page passes (budget, checksums, style hashes, parsing) share it.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(0), …, fn(n-1), on every core, and returns when all
// calls have. The calls must not depend on one another's order.
func Each(n int, fn func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}
