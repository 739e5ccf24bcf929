// Package external asks other sites whether the addresses the statement
// links to still work, the way a careful person would: a few requests at
// a time and one at a time per host, HEAD first and GET when HEAD is not
// answered properly, retrying with backoff when a server is busy (and
// waiting as long as its Retry-After asks), remembering what worked in a
// cache file, and telling a definite break (404, 410, no such host, a bad
// certificate) from "could not tell" (timeouts, still 429 after retries).
//
// It knows nothing of pages: it takes addresses and returns a Result for
// each; the linkcheck package turns those into diagnostics where the
// links are.
package external

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Verdict is what a check concluded about one address.
type Verdict string

const (
	OK      Verdict = "ok"
	Broken  Verdict = "broken"  // definitely does not work
	Unknown Verdict = "unknown" // could not tell
	Ignored Verdict = "ignored" // on the ignore list: not asked
)

// Result is the answer for one address.
type Result struct {
	URL     string    `json:"url"`
	Verdict Verdict   `json:"verdict"`
	Status  int       `json:"status,omitempty"` // the last HTTP status, 0 if none came
	Reason  string    `json:"reason,omitempty"` // for people: "404 Not Found", "timed out"
	Checked time.Time `json:"checked"`
	// MovedTo is where a permanent redirect (301, 308) leads: the address
	// the link should be changed to. MovedStatus is that redirect's status.
	MovedTo     string `json:"moved_to,omitempty"`
	MovedStatus int    `json:"moved_status,omitempty"`

	Attempts int  `json:"-"` // requests made, retries and GET fallback included
	Cached   bool `json:"-"` // came from the cache, no request made
}

// Checker checks addresses. Only Config is needed; the other fields let
// tests replace the network and the clock. It asks only public http(s)
// addresses, before and after redirects (see guard.go).
type Checker struct {
	Config Config
	// Transport makes the requests; nil is a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	Cache     *Cache
	// Now and Sleep default to the real clock.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// AllowLoopback lets the checker ask these addresses on this machine
	// ("127.0.0.1:8080"): tests set it to their httptest servers'. Any
	// other loopback address, and private, link-local and other
	// non-public ones, stay refused (see guard.go). A Transport set here
	// replaces the dial-time guard with its own.
	AllowLoopback []string
	// dialed, when set, is told each address a connection is about to be
	// made to, after the guard let it through (tests).
	dialed func(address string)

	global chan struct{}
	mu     sync.Mutex
	hosts  map[string]*hostGate
}

// Check asks about every address (duplicates are asked once) and returns
// the results by address. It returns early, with Unknown for what it did
// not get to, when ctx ends.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	c.init()
	results := make(map[string]Result, len(urls))
	var mu sync.Mutex
	var wg sync.WaitGroup
	seen := map[string]bool{}
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		wg.Go(func() {
			r := c.checkOne(ctx, u)
			c.Cache.Put(r)
			mu.Lock()
			results[u] = r
			mu.Unlock()
		})
	}
	wg.Wait()
	return results
}

func (c *Checker) init() {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	if c.Transport == nil {
		c.Transport = c.guardedTransport()
	}
	c.global = make(chan struct{}, max(1, c.Config.Concurrency))
	c.hosts = map[string]*hostGate{}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkOne answers for one address from the ignore list, the cache or
// the network.
func (c *Checker) checkOne(ctx context.Context, raw string) Result {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Result{URL: raw, Verdict: Broken, Reason: "not an http(s) address", Checked: c.Now()}
	}
	if why := c.refusedURL(u); why != "" {
		return Result{URL: raw, Verdict: Broken, Reason: "not asked: " + why + "; a public page links only to public http(s) addresses", Checked: c.Now()}
	}
	if why := c.Config.Ignored(u.Hostname(), raw); why != "" {
		return Result{URL: raw, Verdict: Ignored, Reason: why}
	}
	if r, ok := c.Cache.Get(raw, c.Now()); ok {
		return r
	}
	return c.fetch(ctx, c.gate(strings.ToLower(u.Host)), raw)
}

// hostGate keeps the requests to one host few and spaced out, and holds
// them all back when the host asks for a pause (429 with Retry-After).
type hostGate struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time // the earliest start of the next request
}

func (c *Checker) gate(host string) *hostGate {
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.hosts[host]
	if g == nil {
		g = &hostGate{slots: make(chan struct{}, max(1, c.Config.PerHost))}
		c.hosts[host] = g
	}
	return g
}

// acquire waits for a slot at the host, for the host's interval, and for
// a slot overall, in that order, so that a request waiting on a slow or
// paused host does not hold up the others.
func (c *Checker) acquire(ctx context.Context, g *hostGate) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	g.mu.Lock()
	now := c.Now()
	start := now
	if g.next.After(start) {
		start = g.next
	}
	g.next = start.Add(c.Config.HostInterval.Duration)
	g.mu.Unlock()
	if err := c.Sleep(ctx, start.Sub(now)); err != nil {
		<-g.slots
		return nil, err
	}
	select {
	case c.global <- struct{}{}:
	case <-ctx.Done():
		<-g.slots
		return nil, ctx.Err()
	}
	return func() { <-c.global; <-g.slots }, nil
}

// pause holds back every request to the host until the given time.
func (g *hostGate) pause(until time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if until.After(g.next) {
		g.next = until
	}
}
