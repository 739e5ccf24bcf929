package preview

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	pathpkg "path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// The problems box reaches the page through a loopback proxy in front of
// Hugo's server, which puts it into every HTML answer. Hugo never sees the
// problems, so an edit is one change for Hugo and one rebuild: writing them
// where Hugo reads (its configuration, a data file) would be a second
// change, and Hugo v0.165 panics when two rebuilds overlap.

// address is where the editor asked the preview to be: the server flags
// that say where it listens and which address its pages link to.
type address struct {
	port           int // 1313 unless --port says
	portSet        bool
	bind           string
	baseURL        string
	appendPort     bool
	liveReloadPort int // 0: the preview's port
}

// where takes the flags that place the server out of the editor's flags
// (already checked by render.ServeRefused) and returns the rest, which go
// to Hugo as they are.
func where(args []string) (address, []string) {
	a := address{port: 1313, bind: "127.0.0.1", appendPort: true}
	var rest []string
	for i := 0; i < len(args); i++ {
		flag, value, hasValue := strings.Cut(args[i], "=")
		name := strings.TrimLeft(flag, "-")
		switch name {
		case "port", "p", "bind", "baseURL", "b", "liveReloadPort":
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
			}
		}
		switch name {
		case "port", "p":
			a.port, _ = strconv.Atoi(value)
			a.portSet = true
		case "liveReloadPort":
			a.liveReloadPort, _ = strconv.Atoi(value)
		case "bind":
			a.bind = value
		case "baseURL", "b":
			a.baseURL = value
		case "appendPort":
			a.appendPort = !hasValue || value == "true"
		default:
			rest = append(rest, args[i])
		}
	}
	return a, rest
}

// listen opens the preview's port; like Hugo, it takes another when the
// default one is in use and none was asked for.
func (a address) listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(a.bind, strconv.Itoa(a.port)))
	if err != nil && !a.portSet {
		ln, err = net.Listen("tcp", net.JoinHostPort(a.bind, "0"))
	}
	return ln, err
}

// hugoFlags puts Hugo on a loopback port of its own (hugoPort), with the
// pages linking to, and reloading through, the preview's port.
func (a address) hugoFlags(previewPort, hugoPort int) ([]string, error) {
	base := a.baseURL
	if base == "" {
		base = "http://localhost/"
	}
	if !strings.Contains(base, "//") {
		base = "//" + base
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("--baseURL %s: %v", a.baseURL, err)
	}
	if a.appendPort || a.baseURL == "" {
		u.Host = net.JoinHostPort(u.Hostname(), strconv.Itoa(previewPort))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	reload := a.liveReloadPort
	if reload == 0 {
		reload = previewPort
	}
	return []string{"--port", strconv.Itoa(hugoPort), "--bind", "127.0.0.1", "--baseURL", u.String(),
		"--appendPort=false", "--liveReloadPort", strconv.Itoa(reload)}, nil
}

// freePort is a loopback port nothing listens on, for Hugo's server.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// proxy passes every request to Hugo's server at hugoPort (its live
// reload's websocket included) and puts the problems box into the HTML it
// answers, Hugo's own error page included.
func (p *previewer) proxy(hugoPort int) http.Handler {
	target := &url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(hugoPort))}
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host // Hugo's live reload checks the origin against it
			r.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: p.inject,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			// Hugo's server is starting or stopping.
			http.Error(w, "statement serve: the preview is not ready; it reloads when it is", http.StatusBadGateway)
		},
		ErrorLog: log.New(io.Discard, "", 0),
	}
}

// inject puts the problems validate finds now at the top of an HTML page.
// While Hugo cannot build the site because of a mistake validate explains
// (broken front matter, say: Hugo's error names a file validate finds an
// error in), Hugo answers every request with its error page, a stack of
// template errors for an editor; the preview answers instead with what it
// last had from Hugo at that address, the box on top and a line saying
// the page is from before the mistake, HTTP 200. A failure validate does
// not explain (a template of the theme) keeps Hugo's error page, which is
// what the developer needs, with the box.
func (p *previewer) inject(res *http.Response) error {
	switch {
	case res.StatusCode != http.StatusOK && res.StatusCode != http.StatusInternalServerError,
		// The live reload's upgrade (101) is the connection itself.
		res.Header.Get("Content-Encoding") != "", res.Request == nil, res.Request.Method != http.MethodGet:
		return nil
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return err
	}
	path := res.Request.URL.Path
	box, failing := p.currentState()
	switch {
	case res.StatusCode == http.StatusOK:
		p.answers.keep(path, res.Header, body)
	case isHugoErrorPage(res, body) && slices.ContainsFunc(failing, func(file string) bool { return bytes.Contains(body, []byte(file)) }):
		if last, ok := p.answers.last(path); ok {
			res.StatusCode, res.Status = http.StatusOK, "200 OK"
			res.Header = last.header.Clone()
			body = last.body
			box = append(box, staleNote...)
		} else if wantsPage(path) {
			res.StatusCode, res.Status = http.StatusOK, "200 OK"
			res.Header.Set("Content-Type", "text/html; charset=utf-8")
			body = placeholderPage(body)
			box = append(box, placeholderNote...)
		}
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		body = insertAfterBody(body, box)
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	res.ContentLength = int64(len(body))
	res.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}

// isHugoErrorPage tells Hugo's page for a failed build (HTTP 500, its
// title) from another answer.
func isHugoErrorPage(res *http.Response, body []byte) bool {
	return res.StatusCode == http.StatusInternalServerError && bytes.Contains(body, []byte("<title>Hugo Server: Error</title>"))
}

// wantsPage tells an address of a page (a folder, .html, no extension)
// from one of a file (a stylesheet, an image, the feed).
func wantsPage(path string) bool {
	ext := pathpkg.Ext(path)
	return strings.HasSuffix(path, "/") || ext == "" || ext == ".html"
}

// The lines under the box when the page shown is not Hugo's latest.
var (
	staleNote       = []byte(`<p class="preview-problems preview-stale" lang="en" dir="ltr">Preview only: Hugo cannot build the site until the errors above are fixed. This page is as it was before the change; it reloads when the site builds again.</p>` + "\n")
	placeholderNote = []byte(`<p class="preview-problems preview-stale" lang="en" dir="ltr">Preview only: Hugo cannot build the site until the errors above are fixed, and this page has not been shown since serve started; it appears when the site builds again.</p>` + "\n")
)

// liveReloadScript is the script tag Hugo puts into the pages it serves,
// to reload them when the site is built again.
var liveReloadScript = regexp.MustCompile(`<script src="/livereload\.js[^>]*></script>`)

// placeholderPage is a page with nothing but what reloads it (taken from
// Hugo's error page) for the box to go in.
func placeholderPage(hugoErrorPage []byte) []byte {
	return []byte(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Preview: the site cannot be built</title>` +
		string(liveReloadScript.Find(hugoErrorPage)) + `</head>
<body>
</body></html>
`)
}

// answers is what Hugo last answered with success at each address, for
// the preview to show while Hugo cannot build the site. It holds up to
// answerBudget bytes (a preview of the statement site holds a few
// hundred KiB); past that, addresses not yet kept are not.
type answers struct {
	mu    sync.Mutex
	by    map[string]answer
	bytes int
}

type answer struct {
	header http.Header
	body   []byte
}

const answerBudget = 64 << 20

func (a *answers) keep(path string, header http.Header, body []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.by == nil {
		a.by = map[string]answer{}
	}
	old, had := a.by[path]
	if !had && a.bytes+len(body) > answerBudget {
		return
	}
	a.bytes += len(body) - len(old.body)
	a.by[path] = answer{header.Clone(), body}
}

func (a *answers) last(path string) (answer, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	got, ok := a.by[path]
	return got, ok
}

// insertAfterBody puts box right after the page's <body> tag, or before
// everything in a page that has none.
func insertAfterBody(page, box []byte) []byte {
	out := make([]byte, 0, len(page)+len(box))
	at := 0
	if i := bytes.Index(bytes.ToLower(page), []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			at = i + j + 1
		}
	}
	out = append(out, page[:at]...)
	out = append(out, box...)
	return append(out, page[at:]...)
}

// boxTemplate is the problems box, in English: it is for the site's
// editors, on the preview only.
var boxTemplate = template.Must(template.New("box").Parse(`<style>.preview-problems{background:#fff4e5;border:3px solid #b54708;color:#1b1b1b;padding:.75rem 1rem;margin:0;font-size:.9375rem}.preview-problems code{overflow-wrap:anywhere}.preview-problems li{margin-block:.35rem}</style>
<section class="preview-problems" lang="en" dir="ltr" aria-labelledby="preview-problems">
<h2 id="preview-problems">Preview only: <code>statement validate</code> finds {{ len .Errors }} error(s), {{ len .Warnings }} warning(s)</h2>
{{- with .Errors }}
<p>A production build refuses to publish the site until these are fixed:</p>
<ul>
{{- range . }}
<li><code>{{ .Where }}</code>: {{ .Severity }}: {{ .Message }}{{ with .Fix }}<br>fix: {{ . }}{{ end }}</li>
{{- end }}
</ul>
{{- end }}
{{- with .Warnings }}
<details><summary>{{ len . }} warning(s), which do not stop a build</summary>
<ul>
{{- range . }}
<li><code>{{ .Where }}</code>: {{ .Severity }}: {{ .Message }}{{ with .Fix }}<br>fix: {{ . }}{{ end }}</li>
{{- end }}
</ul>
</details>
{{- end }}
</section>
`))

type problem struct{ Where, Severity, Message, Fix string }

// Box is the problems box for l, errors and warnings apart, each with
// where, what and the fix; nothing when l is empty.
func Box(l diag.List) []byte {
	if len(l) == 0 {
		return nil
	}
	var data struct{ Errors, Warnings []problem }
	for _, d := range l {
		where := d.File
		if d.Line > 0 {
			where += fmt.Sprintf(":%d", d.Line)
			if d.Column > 0 {
				where += fmt.Sprintf(":%d", d.Column)
			}
		}
		pr := problem{where, string(d.Severity), d.Message, d.Suggestion}
		if d.Rule != "" {
			pr.Message += " [" + d.Rule + "]"
		}
		if d.Severity == diag.Error {
			data.Errors = append(data.Errors, pr)
		} else {
			data.Warnings = append(data.Warnings, pr)
		}
	}
	var b bytes.Buffer
	if err := boxTemplate.Execute(&b, data); err != nil {
		panic(err) // strings only
	}
	return b.Bytes()
}

// serveProxy serves the preview on ln until it is closed.
func serveProxy(ln net.Listener, h http.Handler) func() {
	srv := &http.Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}
	go srv.Serve(ln) // returns when srv is closed
	return func() { srv.Close() }
}
