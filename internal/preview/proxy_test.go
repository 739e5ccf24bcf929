package preview

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// While Hugo cannot build the site for a mistake validate explains, the
// preview answers with the last page Hugo built at that address, the box
// and a line saying so on top, HTTP 200; an address not shown before gets
// a page with the box alone, which still reloads. A failure validate does
// not explain (Hugo names no file validate finds an error in) keeps Hugo's
// error page, with the box.
func TestProxyShowsTheLastPageWhileHugoCannotBuild(t *testing.T) {
	var failing atomic.Bool
	hugo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `<html><head><title>Hugo Server: Error</title><script src="/livereload.js?port=1" defer></script></head><body>stack "/site/content/en/_index.md:2:9"</body></html>`)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".css") {
			w.Header().Set("Content-Type", "text/css")
			io.WriteString(w, "body{}")
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body><p>page "+r.URL.Path+"</p></body></html>")
	}))
	defer hugo.Close()
	u, _ := url.Parse(hugo.URL)
	port, _ := strconv.Atoi(u.Port())
	p := &previewer{Options: Options{Root: t.TempDir()}}
	p.stamped = p.stamp()
	p.shown = []byte("<BOX>")
	proxy := httptest.NewServer(p.proxy(port))
	defer proxy.Close()
	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(proxy.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}

	if code, body := get("/en/"); code != 200 || body != "<html><body><BOX><p>page /en/</p></body></html>" {
		t.Fatalf("a good page: %d %s", code, body)
	}
	get("/style.css")

	failing.Store(true)
	setFailing(p, "data/revisions.yaml", "content/en/_index.md")
	if code, body := get("/en/"); code != 200 || !strings.HasPrefix(body, "<html><body><BOX>"+string(staleNote)+"<p>page /en/</p>") {
		t.Errorf("the last page: %d %s", code, body)
	}
	if code, body := get("/style.css"); code != 200 || body != "body{}" {
		t.Errorf("the last stylesheet: %d %s", code, body)
	}
	if code, body := get("/es/"); code != 200 || !strings.Contains(body, "<BOX>"+string(placeholderNote)) || !strings.Contains(body, `<script src="/livereload.js?port=1" defer></script>`) || strings.Contains(body, "stack") {
		t.Errorf("a page not shown before: %d %s", code, body)
	}
	if code, body := get("/logo.svg"); code != 500 {
		t.Errorf("a file not served before: %d %s", code, body)
	}

	setFailing(p, "data/revisions.yaml") // not the file Hugo names
	if code, body := get("/en/"); code != 500 || !strings.Contains(body, "<body><BOX>stack") {
		t.Errorf("a failure validate does not see: %d %s", code, body)
	}
}

func setFailing(p *previewer, files ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failing = files
}

// The live reload's websocket goes through the proxy: Hugo's upgrade
// (HTTP 101) is passed on as the connection it is.
func TestProxyPassesTheLiveReloadUpgrade(t *testing.T) {
	hugo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		rw.Flush()
		line, _ := rw.ReadString('\n')
		rw.WriteString("echo " + line)
		rw.Flush()
	}))
	defer hugo.Close()
	u, _ := url.Parse(hugo.URL)
	port, _ := strconv.Atoi(u.Port())
	p := &previewer{Options: Options{Root: t.TempDir()}}
	p.stamped = p.stamp()
	proxy := httptest.NewServer(p.proxy(port))
	defer proxy.Close()
	conn, err := net.Dial("tcp", strings.TrimPrefix(proxy.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second)) // a failure, not a hang
	io.WriteString(conn, "GET /livereload HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
	r := bufio.NewReader(conn)
	res, err := http.ReadResponse(r, nil)
	if err != nil || res.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("%v %v", res, err)
	}
	io.WriteString(conn, "hello\n")
	if line, _ := r.ReadString('\n'); line != "echo hello\n" {
		t.Errorf("through the upgraded connection: %q", line)
	}
}
