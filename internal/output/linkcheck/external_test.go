package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/output/linkcheck/external"
	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// The external check reports each answer at every link to the address,
// with the source that wrote it; the HTTP side has its own tests in the
// external package.
func TestCheckExternal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/busy":
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	u := srv.URL
	root := t.TempDir()
	testfs.Write(t, filepath.Join(root, "public"), map[string]string{
		"en/index.html": page(`<a href="` + u + `/ok#section">fine, fragment and all</a>
<a href="` + u + `/missing">gone</a>
<a href="` + u + `/moved">moved</a>
<a href="` + u + `/busy">busy</a>
<a href="https://ignored.example/x">ignored</a>
<a href="/en/">internal, not asked</a>`),
		"es/index.html": page(`<a href="` + u + `/missing">también</a>`),
	})
	testfs.Write(t, filepath.Join(root, "src"), map[string]string{
		"content/en/_index.md": "[gone](" + u + "/missing)\n",
	})
	site, err := load(filepath.Join(root, "public"), Options{Display: "public", BaseURL: base, Source: filepath.Join(root, "src")})
	if err != nil {
		t.Fatal(err)
	}
	cfg := external.Defaults()
	cfg.HostInterval, cfg.Retries = external.Duration{}, 1
	cfg.Ignore = []external.Ignore{{Host: "ignored.example", Reason: "test"}}
	c := &external.Checker{Config: cfg, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }, AllowLoopback: []string{srv.Listener.Addr().String()}}
	l, st := site.CheckExternal(context.Background(), c)
	diagtest.Expect(t, l,
		diagtest.Want{File: "public/en/index.html", Rule: "external-broken", Line: 3, Col: 1, Msg: `"` + u + `/missing" is broken: 404 Not Found (from content/en/_index.md:1:8)`},
		diagtest.Want{File: "public/es/index.html", Rule: "external-broken", Line: 2, Col: 1, Msg: "404 Not Found"},
		diagtest.Want{File: "public/en/index.html", Rule: "external-redirect", Line: 4, Col: 1, Msg: `has moved permanently (301) to "` + u + `/ok"`, Suggestion: "link to", Warning: true},
		diagtest.Want{File: "public/en/index.html", Rule: "external-unknown", Line: 5, Col: 1, Msg: "429 Too Many Requests (2 attempts)", Suggestion: "ignore list in linkcheck.toml", Warning: true},
	)
	want := ExternalStats{Addresses: 5, OK: 2, Broken: 1, Unknown: 1, Ignored: 1, Moved: 1, Uses: 6}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}
