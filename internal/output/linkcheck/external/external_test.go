package external

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a fake clock: sleeping moves it forward at once, and records
// how long was asked for, so that waits are checked without waiting.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.mu.Lock()
		c.slept = append(c.slept, d)
		c.now = c.now.Add(d)
		c.mu.Unlock()
	}
	return ctx.Err()
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// testConfig is the defaults with no spacing between requests, so that
// the only sleeps a test sees are the retries'.
func testConfig() Config {
	c := Defaults()
	c.HostInterval = Duration{}
	c.Timeout = Duration{5 * time.Second}
	return c
}

// newChecker is allowed to ask the test's servers, on loopback, and
// nothing else there.
func newChecker(clk *clock) *Checker {
	return &Checker{Config: testConfig(), Now: clk.Now, Sleep: clk.Sleep, AllowLoopback: serving()}
}

var (
	servingMu sync.Mutex
	servingAt = map[string]bool{} // the test servers' host:port
)

// serve registers a test server's address for newChecker to allow.
func serve(t *testing.T, s *httptest.Server) {
	addr := s.Listener.Addr().String()
	servingMu.Lock()
	servingAt[addr] = true
	servingMu.Unlock()
	t.Cleanup(func() {
		servingMu.Lock()
		delete(servingAt, addr)
		servingMu.Unlock()
	})
}

func serving() []string {
	servingMu.Lock()
	defer servingMu.Unlock()
	var out []string
	for a := range servingAt {
		out = append(out, a)
	}
	return out
}

// server answers by path; every request is counted by method and path.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

func newServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, hit int)) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, r.Method+" "+r.URL.Path)
		n := 0
		for _, h := range s.hits {
			if strings.HasSuffix(h, " "+r.URL.Path) {
				n++
			}
		}
		s.mu.Unlock()
		handler(w, r, n)
	}))
	t.Cleanup(s.Close)
	serve(t, s.Server)
	return s
}

func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hits)
}

func checkOne(t *testing.T, c *Checker, url string) Result {
	t.Helper()
	r, ok := c.Check(context.Background(), []string{url})[url]
	if !ok {
		t.Fatalf("no result for %s", url)
	}
	return r
}

func TestStatuses(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		switch r.URL.Path {
		case "/ok":
			w.WriteHeader(200)
		case "/get-only":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			w.WriteHeader(200)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		default:
			http.NotFound(w, r)
		}
	})
	cases := []struct {
		path     string
		verdict  Verdict
		status   int
		reason   string
		requests []string
	}{
		{"/ok", OK, 200, "200 OK", []string{"HEAD /ok"}},
		{"/get-only", OK, 200, "200 OK", []string{"HEAD /get-only", "GET /get-only"}},
		// A 404 to HEAD is asked again with GET before it counts: some
		// servers answer HEAD wrongly.
		{"/missing", Broken, 404, "404 Not Found", []string{"HEAD /missing", "GET /missing"}},
		{"/gone", Broken, 410, "410 Gone", []string{"HEAD /gone", "GET /gone"}},
		// 403 is not retried: asking again changes nothing.
		{"/forbidden", Unknown, 403, "may refuse robots", []string{"HEAD /forbidden", "GET /forbidden"}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			before := len(srv.requests())
			r := checkOne(t, newChecker(newClock()), srv.URL+c.path)
			if r.Verdict != c.verdict || r.Status != c.status || !strings.Contains(r.Reason, c.reason) {
				t.Errorf("got %s %d %q, want %s %d %q", r.Verdict, r.Status, r.Reason, c.verdict, c.status, c.reason)
			}
			if got := srv.requests()[before:]; !slices.Equal(got, c.requests) {
				t.Errorf("requests %q, want %q", got, c.requests)
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	var ua atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) { ua.Store(r.UserAgent()) })
	c := newChecker(newClock())
	c.Config.UserAgent = "statement-test/1"
	checkOne(t, c, srv.URL+"/")
	if ua.Load() != "statement-test/1" {
		t.Errorf("User-Agent %q", ua.Load())
	}
}

func TestRedirects(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/older", http.StatusMovedPermanently)
		case "/older":
			http.Redirect(w, r, "/new", http.StatusPermanentRedirect)
		case "/new", "/session":
			w.WriteHeader(200)
		case "/temporary":
			http.Redirect(w, r, "/new", http.StatusFound)
		case "/moved-then-temporary":
			http.Redirect(w, r, "/login-wall", http.StatusMovedPermanently)
		case "/login-wall":
			http.Redirect(w, r, "/session", http.StatusFound)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
		case "/to-missing":
			http.Redirect(w, r, "/nowhere", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	})
	cases := []struct {
		path        string
		verdict     Verdict
		movedTo     string
		movedStatus int
	}{
		{"/old", OK, "/new", 301},
		{"/temporary", OK, "", 0},
		// The link should name the address the permanent redirect gives,
		// not the temporary one after it.
		{"/moved-then-temporary", OK, "/login-wall", 301},
		{"/loop", Broken, "", 0},
		{"/to-missing", Broken, "", 0},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			r := checkOne(t, newChecker(newClock()), srv.URL+c.path)
			want := ""
			if c.movedTo != "" {
				want = srv.URL + c.movedTo
			}
			if r.Verdict != c.verdict || r.MovedTo != want || r.MovedStatus != c.movedStatus {
				t.Errorf("got %s moved to %q (%d) [%s], want %s %q (%d)", r.Verdict, r.MovedTo, r.MovedStatus, r.Reason, c.verdict, want, c.movedStatus)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	clk := newClock()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		switch {
		case r.URL.Path == "/seconds" && hit == 1:
			w.Header().Set("Retry-After", "7")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/date" && hit == 1:
			w.Header().Set("Retry-After", clk.Now().Add(90*time.Second).Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/too-long":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/always":
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			w.WriteHeader(200)
		}
	})
	cases := []struct {
		path    string
		verdict Verdict
		slept   []time.Duration
		reason  string
	}{
		{"/seconds", OK, []time.Duration{7 * time.Second}, ""},
		{"/date", OK, []time.Duration{90 * time.Second}, ""},
		{"/too-long", Unknown, nil, "asks to wait 1h0m0s, longer than max_wait (2m0s)"},
		// No Retry-After: the backoff doubles.
		{"/always", Unknown, []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second}, "429 Too Many Requests (4 attempts)"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			clk.slept = nil
			r := checkOne(t, newChecker(clk), srv.URL+c.path)
			if r.Verdict != c.verdict || !slices.Equal(clk.slept, c.slept) || !strings.Contains(r.Reason, c.reason) {
				t.Errorf("got %s %q after waits %v, want %s %q after %v", r.Verdict, r.Reason, clk.slept, c.verdict, c.reason, c.slept)
			}
		})
	}
}

func TestServerErrorsAreRetried(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.URL.Path == "/flaky" && hit <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.URL.Path == "/down" {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.WriteHeader(200)
	})
	clk := newClock()
	c := newChecker(clk)
	if r := checkOne(t, c, srv.URL+"/flaky"); r.Verdict != OK {
		t.Errorf("flaky: %s %q", r.Verdict, r.Reason)
	}
	// HEAD 503, GET 503 (HEAD may be what fails), then GET again: 200.
	if got := srv.requests(); !slices.Equal(got, []string{"HEAD /flaky", "GET /flaky", "GET /flaky"}) {
		t.Errorf("requests %q", got)
	}
	c.Config.Retries = 1
	r := checkOne(t, c, srv.URL+"/down")
	if r.Verdict != Unknown || r.Reason != "502 Bad Gateway (3 attempts)" {
		t.Errorf("down: %s %q", r.Verdict, r.Reason)
	}
}

func TestSlowServerIsCouldNotTell(t *testing.T) {
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c := newChecker(newClock())
	c.Config.Timeout = Duration{20 * time.Millisecond}
	c.Config.Retries = 1
	r := checkOne(t, c, srv.URL+"/slow")
	if r.Verdict != Unknown || r.Reason != "timed out (2 attempts)" || r.Attempts != 2 {
		t.Errorf("got %s %q after %d attempts", r.Verdict, r.Reason, r.Attempts)
	}
}

func TestTLSErrorIsBroken(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is the point
	srv.StartTLS()
	defer srv.Close()
	serve(t, srv)
	// The checker does not trust the test server's certificate, as a
	// browser would not trust a site's self-signed one.
	r := checkOne(t, newChecker(newClock()), srv.URL+"/")
	if r.Verdict != Broken || !strings.Contains(r.Reason, "TLS certificate not valid") || r.Attempts != 1 {
		t.Errorf("got %s %q after %d attempts", r.Verdict, r.Reason, r.Attempts)
	}
	// https to a server that speaks plain http.
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer plain.Close()
	serve(t, plain)
	r = checkOne(t, newChecker(newClock()), strings.Replace(plain.URL, "http:", "https:", 1))
	if r.Verdict != Broken || !strings.Contains(r.Reason, "does not speak https") {
		t.Errorf("got %s %q", r.Verdict, r.Reason)
	}
}

// resolverTransport fails every lookup as a missing host does, so that
// the test needs no DNS.
func resolverTransport(notFound bool) http.RoundTripper {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: notFound, IsTemporary: !notFound}
	}
	return tr
}

func TestDNS(t *testing.T) {
	c := newChecker(newClock())
	c.Transport = resolverTransport(true)
	r := checkOne(t, c, "https://no-such-host.example/x")
	if r.Verdict != Broken || r.Reason != `no such host "no-such-host.example"` || r.Attempts != 1 {
		t.Errorf("not found: %s %q after %d attempts", r.Verdict, r.Reason, r.Attempts)
	}
	// A resolver that is down says nothing about the link.
	c = newChecker(newClock())
	c.Transport = resolverTransport(false)
	c.Config.Retries = 1
	if r := checkOne(t, c, "https://example.gov/x"); r.Verdict != Unknown || r.Attempts != 2 {
		t.Errorf("temporary: %s %q after %d attempts", r.Verdict, r.Reason, r.Attempts)
	}
}

func TestRefusedConnectionIsCouldNotTell(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	url := srv.URL + "/"
	serve(t, srv)
	srv.Close()
	c := newChecker(newClock())
	c.Config.Retries = 1
	if r := checkOne(t, c, url); r.Verdict != Unknown || !strings.HasPrefix(r.Reason, "no answer:") {
		t.Errorf("got %s %q", r.Verdict, r.Reason)
	}
}

func TestIgnoreList(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) { w.WriteHeader(200) })
	c := newChecker(newClock())
	c.Config.Ignore = []Ignore{
		{Host: "127.0.0.1", Reason: "answers robots with 403"},
		{Prefix: "https://example.gov/private/", Reason: "needs a login"},
	}
	rs := c.Check(context.Background(), []string{srv.URL + "/a", "https://example.gov/private/b"})
	for u, r := range rs {
		if r.Verdict != Ignored || r.Reason == "" {
			t.Errorf("%s: %s %q", u, r.Verdict, r.Reason)
		}
	}
	if got := srv.requests(); len(got) != 0 {
		t.Errorf("an ignored host was asked: %q", got)
	}
}

func TestCache(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
		}
	})
	file := filepath.Join(t.TempDir(), "cache", "external.json")
	clk := newClock()
	run := func() map[string]Result {
		cache, err := OpenCache(file, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		c := newChecker(clk)
		c.Cache = cache
		rs := c.Check(context.Background(), []string{srv.URL + "/ok", srv.URL + "/missing"})
		if err := cache.Save(clk.Now()); err != nil {
			t.Fatal(err)
		}
		return rs
	}
	okURL := srv.URL + "/ok"
	first := run()
	if first[okURL].Cached || len(srv.requests()) != 3 {
		t.Fatalf("first run: %+v, requests %q", first, srv.requests())
	}
	// An hour later the working link comes from the cache; the broken one
	// is asked again, since someone may have fixed it.
	clk.advance(time.Hour)
	second := run()
	if !second[okURL].Cached || second[okURL].Verdict != OK {
		t.Errorf("second run: %+v", second[okURL])
	}
	if got := srv.requests()[3:]; !slices.Equal(got, []string{"HEAD /missing", "GET /missing"}) {
		t.Errorf("second run asked %q", got)
	}
	// A day later the entry has expired.
	clk.advance(24 * time.Hour)
	third := run()
	if third[okURL].Cached {
		t.Errorf("an expired entry was used")
	}
	if got := srv.requests()[5:]; !slices.Contains(got, "HEAD /ok") {
		t.Errorf("third run asked %q", got)
	}
}

func TestCacheFileProblems(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenCache(filepath.Join(dir, "none.json"), time.Hour)
	if err != nil || c == nil {
		t.Errorf("a missing cache: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, "not json")
	c, err = OpenCache(bad, time.Hour)
	if err == nil || !strings.Contains(err.Error(), "starting afresh") || c == nil {
		t.Errorf("a corrupt cache: %v", err)
	}
	old := filepath.Join(dir, "old.json")
	writeFile(t, old, `{"version": 0, "results": [{"url": "https://x.gov/", "verdict": "ok", "checked": "2026-03-02T10:00:00Z"}]}`)
	c, err = OpenCache(old, time.Hour)
	if _, ok := c.Get("https://x.gov/", time.Date(2026, 3, 2, 10, 1, 0, 0, time.UTC)); err != nil || ok {
		t.Errorf("a cache of another version was used: %v", err)
	}
}

// Limits are checked as bounds, both ways, on what the servers saw at
// once, not as times: no more than the settings allow, and as many.
func TestConcurrencyLimits(t *testing.T) {
	const concurrency, perHost = 3, 2
	type counter struct{ now, max atomic.Int32 }
	var perServer [2]counter
	var total counter
	enter := func(c *counter) int32 {
		n := c.now.Add(1)
		for {
			m := c.max.Load()
			if n <= m || c.max.CompareAndSwap(m, n) {
				return n
			}
		}
	}
	// The lower bound, without timing: every request waits until
	// `concurrency` requests are in flight at once, which only a checker
	// that sends that many at a time gets to. A serial one never does,
	// and its requests give up after a minute (the failure's only clock;
	// a correct checker opens the gate at once, however slow the machine).
	gate := make(chan struct{})
	var open sync.Once
	var never atomic.Bool
	var servers []*server
	for i := range perServer {
		servers = append(servers, newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			enter(&perServer[i])
			if enter(&total) >= concurrency {
				open.Do(func() { close(gate) })
			}
			select {
			case <-gate:
			case <-time.After(time.Minute):
				never.Store(true)
			}
			perServer[i].now.Add(-1)
			total.now.Add(-1)
		}))
	}
	var urls []string
	for i := range 20 {
		for _, s := range servers {
			urls = append(urls, s.URL+"/"+string(rune('a'+i)))
		}
	}
	c := newChecker(newClock())
	c.Config.Concurrency, c.Config.PerHost = concurrency, perHost
	for u, r := range c.Check(context.Background(), urls) {
		if r.Verdict != OK {
			t.Errorf("%s: %s", u, r.Verdict)
		}
	}
	if never.Load() {
		t.Errorf("never %d requests at once: concurrency = %d is not used", concurrency, concurrency)
	}
	busiest := int32(0)
	for i := range perServer {
		m := perServer[i].max.Load()
		if m > perHost {
			t.Errorf("server %d saw %d requests at once, more than per_host = %d", i, m, perHost)
		}
		busiest = max(busiest, m)
	}
	// Three at once on two servers: one of them had two.
	if busiest < perHost {
		t.Errorf("no server saw more than %d request at once, with per_host = %d", busiest, perHost)
	}
	if m := total.max.Load(); m != concurrency {
		t.Errorf("%d requests at once, want concurrency = %d", m, concurrency)
	}
}

// Requests to one host start host_interval apart: with one request at a
// time per host, the second and third each wait an interval.
func TestHostInterval(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {})
	clk := newClock()
	c := newChecker(clk)
	c.Config.PerHost = 1
	c.Config.HostInterval = Duration{time.Second}
	c.Check(context.Background(), []string{srv.URL + "/a", srv.URL + "/b", srv.URL + "/c"})
	if want := []time.Duration{time.Second, time.Second}; !slices.Equal(clk.slept, want) {
		t.Errorf("waits %v, want %v", clk.slept, want)
	}
}

func TestInterrupted(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := newChecker(newClock()).Check(ctx, []string{srv.URL + "/"})[srv.URL+"/"]
	if r.Verdict != Unknown || !strings.Contains(r.Reason, "not checked") {
		t.Errorf("got %s %q", r.Verdict, r.Reason)
	}
}
