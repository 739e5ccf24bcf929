// Package workers spreads independent work over every core: the build's
// per-page passes (budget, checksums, style hashes, parsing) share it.
//
// Why not errgroup.SetLimit: these passes cannot fail (each records its
// own result), so errgroup's error and cancellation would go unused, and
// it starts a goroutine for every item (tens of thousands of pages on
// the large tree) where Each starts one per core, which pull indices.
// It would also make golang.org/x/sync a direct dependency for 15 lines.
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
