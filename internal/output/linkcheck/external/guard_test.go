package external

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// refusedTargets are addresses the checker must never ask, with a word
// of the reason it gives. None of them is ever connected to: the guard
// refuses before the connection is made, so these tests send nothing
// anywhere but to their own allowed servers on loopback.
func refusedTargets(hidden string) map[string]string {
	port := hidden[strings.LastIndex(hidden, ":")+1:]
	return map[string]string{
		hidden + "/":                              "loopback",
		"http://localhost:" + port + "/":          "loopback",
		"http://LOCALHOST./":                      "loopback",
		"http://[::1]:" + port + "/":              "loopback",
		"http://169.254.169.254/latest/meta-data": "link-local",
		"http://[fe80::1]/":                       "link-local",
		"http://10.1.2.3/":                        "private",
		"http://172.16.0.1:8080/":                 "private",
		"https://192.168.1.1/":                    "private",
		"http://[fc00::1]/":                       "private",
		"http://[fd12:3456::1]:8443/":             "private",
		"http://[::ffff:10.0.0.1]/":               "private",
		"http://0.0.0.0/":                         "not a public address",
		"http://100.64.0.1/":                      "not a public address",
		"file:///etc/passwd":                      "http(s)",
		"ftp://example.gov/":                      "http(s)",
	}
}

func TestRefusesNonPublicAddresses(t *testing.T) {
	// A server on loopback the checker is not allowed to ask.
	var hiddenHits atomic.Int32
	hidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hiddenHits.Add(1) }))
	defer hidden.Close()
	// An allowed one that redirects wherever it is told.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	allowed := srv.Listener.Addr().String()
	var mu sync.Mutex
	var dialed []string
	c := newChecker(newClock())
	c.dialed = func(addr string) {
		mu.Lock()
		dialed = append(dialed, addr)
		mu.Unlock()
	}
	var urls []string
	targets := refusedTargets(hidden.URL)
	for target := range targets {
		urls = append(urls, target, srv.URL+"/?to="+url.QueryEscape(target))
	}
	results := c.Check(context.Background(), urls)
	for target, why := range targets {
		direct := results[target]
		if direct.Verdict != Broken || !strings.Contains(direct.Reason, why) {
			t.Errorf("%s: %s %q, want broken: %s", target, direct.Verdict, direct.Reason, why)
		}
		via := results[srv.URL+"/?to="+url.QueryEscape(target)]
		if via.Verdict != Broken || !strings.Contains(via.Reason, "redirects to") || !strings.Contains(via.Reason, why) {
			t.Errorf("redirect to %s: %s %q, want broken: redirects to ... %s", target, via.Verdict, via.Reason, why)
		}
	}
	if n := hiddenHits.Load(); n != 0 {
		t.Errorf("the server the checker was not allowed to ask had %d requests", n)
	}
	for _, a := range dialed {
		if a != allowed {
			t.Errorf("connected to %s; only %s is allowed", a, allowed)
		}
	}
	if !slices.Contains(dialed, allowed) {
		t.Error("the allowed server was never asked: the test proves nothing")
	}
}

// The last word is the dial: whatever a URL's host says, the transport
// refuses to connect to an address the guard refuses, before connecting.
func TestDialGuard(t *testing.T) {
	var hiddenHits atomic.Int32
	hidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hiddenHits.Add(1) }))
	defer hidden.Close()
	c := newChecker(newClock())
	c.dialed = func(addr string) { t.Errorf("connected to %s", addr) }
	tr := c.guardedTransport()
	port := hidden.URL[strings.LastIndex(hidden.URL, ":")+1:]
	for _, u := range []string{hidden.URL + "/", "http://localhost:" + port + "/", "http://10.1.2.3/", "http://169.254.169.254/", "http://[fc00::1]/"} {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		_, err := tr.RoundTrip(req)
		if _, ok := refusal(err); !ok {
			t.Errorf("%s: %v, want a refusal", u, err)
		}
	}
	if n := hiddenHits.Load(); n != 0 {
		t.Errorf("%d requests reached loopback", n)
	}
	if tr.Proxy != nil {
		t.Error("the transport uses a proxy, where the guard cannot see the destination")
	}
}

func TestRefusedAddresses(t *testing.T) {
	c := &Checker{AllowLoopback: []string{"127.0.0.1:8080"}}
	for addr, ok := range map[string]bool{
		"127.0.0.1:8080": true, "127.0.0.1:8081": false, "[::1]:8080": false, "127.0.0.2:8080": false,
		"93.184.215.14:443": true, "[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443": true,
		"10.0.0.1:80": false, "[::ffff:127.0.0.1]:8081": false, "[::ffff:192.168.0.1]:80": false, "224.0.0.1:80": false,
	} {
		if got := c.refused(netip.MustParseAddrPort(addr)) == ""; got != ok {
			t.Errorf("%s: allowed %v, want %v", addr, got, ok)
		}
	}
}
