package build

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/output/cdn"
	"dhcs.ca.gov/statement/internal/output/manifest"
	"dhcs.ca.gov/statement/internal/site/source"
)

// This file serves the built site on loopback the way Netlify would: the
// rules of the _redirects file the build writes, first match wins, an
// unforced rule shadowed by an existing file, the Language condition
// matched against Accept-Language, and the headers of _headers and
// netlify.toml (observatory_test.go) on every response.

// redirectRule is one line of a _redirects file.
type redirectRule struct {
	From, To  string
	Status    int
	Force     bool
	Languages []string // the Language condition; empty: none
}

// parseRedirectsFile reads Netlify's _redirects format: from, to, an
// optional status (a trailing ! forces the rule), then conditions such as
// Language=es,en; # starts a comment. Only what the build writes is
// understood; anything else is an error, so that the test cannot pass by
// ignoring a rule.
func parseRedirectsFile(data []byte) ([]redirectRule, error) {
	var rules []redirectRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("_redirects:%d: a rule needs a from and a to", n)
		}
		r := redirectRule{From: f[0], To: f[1], Status: 301}
		rest := f[2:]
		if len(rest) > 0 && !strings.Contains(rest[0], "=") {
			code, force := strings.CutSuffix(rest[0], "!")
			status, err := strconv.Atoi(code)
			if err != nil {
				return nil, fmt.Errorf("_redirects:%d: status %q", n, rest[0])
			}
			r.Status, r.Force, rest = status, force, rest[1:]
		}
		for _, cond := range rest {
			key, value, _ := strings.Cut(cond, "=")
			if key != "Language" || value == "" {
				return nil, fmt.Errorf("_redirects:%d: condition %q is not understood here", n, cond)
			}
			r.Languages = strings.Split(value, ",")
		}
		rules = append(rules, r)
	}
	return rules, sc.Err()
}

// acceptsAny reports whether an Accept-Language header asks for one of
// the languages, comparing the language part of each range, as Netlify's
// Language condition does.
func acceptsAny(header string, langs []string) bool {
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if q, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				continue
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if slices.Contains(langs, base) {
			return true
		}
	}
	return false
}

// languageMatcher is one way a CDN may decide whether an Accept-Language
// header meets a rule's Language condition. How Netlify does it is not
// documented, so the root's rules are held to every plausible way:
//   - acceptsAny: any language the header lists (q=0 excepted), in any
//     order, as this file's server long assumed;
//   - firstListedTwoLetters: only the first language listed, cut to two
//     letters, q-values ignored, as netlify-cli's dev server does
//     (fil-PH is "fi");
//   - firstChoice: only the reader's first choice, the highest q.
type languageMatcher func(header string, langs []string) bool

func firstListedTwoLetters(header string, langs []string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(strings.Split(header, ",")[0]), ";")
	first = strings.ToLower(strings.TrimSpace(first))
	if len(first) > 2 {
		first = first[:2]
	}
	return first != "" && slices.Contains(langs, first)
}

func firstChoice(header string, langs []string) bool {
	ranked := rankedLanguages(header)
	return len(ranked) > 0 && slices.Contains(langs, ranked[0])
}

// rankedLanguages are the language parts of a header's ranges, highest q
// first (the header's order among equals), without those refused (q=0).
func rankedLanguages(header string) []string {
	type ranged struct {
		lang string
		q    float64
	}
	var all []ranged
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q, _ = strconv.ParseFloat(v, 64)
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if base != "" && q > 0 {
			all = append(all, ranged{base, q})
		}
	}
	slices.SortStableFunc(all, func(a, b ranged) int {
		switch {
		case a.q > b.q:
			return -1
		case a.q < b.q:
			return 1
		}
		return 0
	})
	var langs []string
	for _, r := range all {
		if !slices.Contains(langs, r.lang) {
			langs = append(langs, r.lang)
		}
	}
	return langs
}

// netlifyServer serves dir as Netlify serves a deploy of it.
func netlifyServer(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	return netlifyServerMatching(t, dir, acceptsAny)
}

// netlifyServerMatching is netlifyServer with a CDN's way of matching
// Language conditions.
func netlifyServerMatching(t *testing.T, dir string, matches languageMatcher) *httptest.Server {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, cdn.RedirectsName))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseRedirectsFile(data)
	if err != nil {
		t.Fatal(err)
	}
	headers := servedHeaders(t)
	file := func(urlPath string) string {
		rel := strings.TrimPrefix(path.Clean(urlPath), "/")
		if strings.HasSuffix(urlPath, "/") || rel == "" || rel == "." {
			rel = path.Join(rel, "index.html")
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
		return ""
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range cdn.HeadersFor(r.URL.Path, headers) {
			w.Header()[k] = v
		}
		serve := func(p string, status int) {
			body, err := os.ReadFile(p)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			w.WriteHeader(status)
			w.Write(body)
		}
		existing := file(r.URL.Path)
		for _, rule := range rules {
			if !regexp.MustCompile(cdn.Pattern(rule.From)).MatchString(r.URL.Path) {
				continue
			}
			if len(rule.Languages) > 0 && !matches(r.Header.Get("Accept-Language"), rule.Languages) {
				continue
			}
			if existing != "" && !rule.Force {
				break // shadowed: the file is served
			}
			switch rule.Status {
			case 301, 302:
				http.Redirect(w, r, rule.To, rule.Status)
			default:
				serve(file(rule.To), rule.Status)
			}
			return
		}
		if existing != "" {
			serve(existing, 200)
			return
		}
		serve(filepath.Join(dir, "404.html"), 404)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// sourceLanguages are the languages the built site's hugo.toml (the
// fixture's) configures, drafts too.
func sourceLanguages(t *testing.T) []source.Language {
	t.Helper()
	site, l := source.Load(fixture, source.Options{})
	if l.HasErrors() {
		t.Fatal(fmtDiag(l, nil))
	}
	return site.Languages
}

// _redirects is generated from hugo.toml: every published language is
// reachable from the root by Accept-Language and has its own 404 page;
// no draft is named.
func TestRedirectsCoverPublishedLanguagesAndNoDraft(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(built, cdn.RedirectsName))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseRedirectsFile(data)
	if err != nil {
		t.Fatal(err)
	}
	chooser, notFound := map[string][]string{}, map[string]bool{}
	for _, r := range rules {
		lang := strings.Trim(r.To, "/")
		switch {
		case r.From == "/" && r.Status == 302 && r.Force && len(r.Languages) > 0:
			chooser[lang] = r.Languages
		case r.Status == 404 && r.From == "/"+path.Dir(lang)+"/*" && path.Base(lang) == "404.html":
			notFound[path.Dir(lang)] = true
		default:
			t.Errorf("unexpected rule %+v", r)
		}
	}
	pub := published(t)
	if len(pub) < 2 {
		t.Fatalf("only %d languages published", len(pub))
	}
	answering := 0 // zh-hant answers no Language condition (cdn.AcceptLanguages)
	for _, l := range pub {
		if len(cdn.AcceptLanguages(l.Code)) > 0 {
			answering++
		}
		if !slices.Equal(chooser[l.Code], cdn.AcceptLanguages(l.Code)) || !notFound[l.Code] {
			t.Errorf("_redirects: %s lacks its Accept-Language redirect (%v) or its 404 (%v)", l.Code, chooser[l.Code], notFound[l.Code])
		}
	}
	if len(chooser) != answering || len(notFound) != len(pub) {
		t.Errorf("_redirects names %v and 404s %v; published: %v", chooser, notFound, pub)
	}
	for _, l := range sourceLanguages(t) {
		if l.Draft && bytes.Contains(data, []byte("/"+l.Code+"/")) {
			t.Errorf("_redirects names the draft %s", l.Code)
		}
	}
	// The source language comes first: a CDN that takes any listed
	// language then never sends a reader to one ranked below English
	// (TestRootSendsTheReadersFirstChoiceUnderEveryMatching).
	var order []string
	for _, r := range rules {
		if r.From == "/" {
			order = append(order, strings.Trim(r.To, "/"))
		}
	}
	if order[0] != "en" {
		t.Errorf("chooser order %v: English must come first", order)
	}
	// It is published like every other file.
	sums, _ := os.ReadFile(filepath.Join(built, manifest.SumsName))
	if !bytes.Contains(sums, []byte("  "+cdn.RedirectsName+"\n")) {
		t.Error("_redirects is not in SHA256SUMS")
	}
}

// netlify.toml keeps only what does not depend on the languages.
func TestNetlifyConfigNamesNoLanguage(t *testing.T) {
	var cfg struct {
		Redirects []struct{ From, To string }
	}
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, r := range cfg.Redirects {
		for _, l := range sourceLanguages(t) {
			if strings.Contains(r.From+" "+r.To, "/"+l.Code+"/") {
				t.Errorf("netlify.toml redirects %s → %s: rules per language belong in the generated _redirects", r.From, r.To)
			}
		}
	}
}

// Served as Netlify serves it: the root sends a browser to the language it
// asks for, every language's missing pages get its own 404 page, and the
// headers are on every response.
func TestServedLikeNetlify(t *testing.T) {
	srv := netlifyServer(t, built)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(p, acceptLanguage string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+p, nil)
		if acceptLanguage != "" {
			req.Header.Set("Accept-Language", acceptLanguage)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if !strings.HasPrefix(res.Header.Get("Content-Security-Policy"), "default-src 'none'") || res.Header.Get("Strict-Transport-Security") == "" {
			t.Errorf("%s: served without the site's headers: %v", p, res.Header)
		}
		return res, string(body)
	}
	page := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(built, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	// No language asked, or one not published: the chooser.
	for _, al := range []string{"", "de-DE,de;q=0.9", "es;q=0"} {
		if res, body := get("/", al); res.StatusCode != 200 || body != page("index.html") {
			t.Errorf("/ with Accept-Language %q: %d, chooser %v", al, res.StatusCode, body == page("index.html"))
		}
	}
	for _, l := range published(t) {
		for _, code := range cdn.AcceptLanguages(l.Code) {
			// A regional variant.
			al := code + "-US," + code + ";q=0.9"
			if res, _ := get("/", al); res.StatusCode != 302 || res.Header.Get("Location") != "/"+l.Code+"/" {
				t.Errorf("/ with Accept-Language %q: %d to %q, want 302 to /%s/", al, res.StatusCode, res.Header.Get("Location"), l.Code)
			}
		}
		if res, body := get("/"+l.Code+"/", ""); res.StatusCode != 200 || body != page(l.Code+"/index.html") {
			t.Errorf("/%s/: %d", l.Code, res.StatusCode)
		}
		if res, body := get("/"+l.Code+"/no-such-page", ""); res.StatusCode != 404 || body != page(l.Code+"/404.html") {
			t.Errorf("/%s/no-such-page: %d, its own 404 page %v", l.Code, res.StatusCode, body == page(l.Code+"/404.html"))
		}
	}
	// Chinese readers choose their script on the root page (zh-TW and
	// zh-CN are both zh to the CDN); Tagalog is asked for as tl too.
	for al, want := range map[string]string{"zh-TW,zh;q=0.9": "", "zh-CN": "", "tl-PH": "/fil/"} {
		if res, _ := get("/", al); res.Header.Get("Location") != want {
			t.Errorf("/ with %q: %q, want %q", al, res.Header.Get("Location"), want)
		}
	}
	// A draft is not reachable: its pages are the site's 404.
	for _, l := range sourceLanguages(t) {
		if !l.Draft {
			continue
		}
		if res, body := get("/", l.Code); res.StatusCode != 200 || body != page("index.html") {
			t.Errorf("/ with Accept-Language %s (a draft): %d", l.Code, res.StatusCode)
		}
		if res, body := get("/"+l.Code+"/", ""); res.StatusCode != 404 || body != page("404.html") {
			t.Errorf("/%s/ (a draft): %d", l.Code, res.StatusCode)
		}
	}
	// Existing files are never redirected, and the root's 404 is English.
	if res, _ := get("/version.json", "es"); res.StatusCode != 200 {
		t.Errorf("/version.json: %d", res.StatusCode)
	}
	if res, body := get("/no-such-page", "es"); res.StatusCode != 404 || body != page("404.html") {
		t.Errorf("/no-such-page: %d", res.StatusCode)
	}
}

func TestParseRedirectsFile(t *testing.T) {
	rules, err := parseRedirectsFile([]byte("# c\n\n/  /es/  302!  Language=es,tl\n/es/*  /es/404.html  404\n/old /new\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []redirectRule{
		{"/", "/es/", 302, true, []string{"es", "tl"}},
		{"/es/*", "/es/404.html", 404, false, nil},
		{"/old", "/new", 301, false, nil},
	}
	if fmt.Sprint(rules) != fmt.Sprint(want) {
		t.Errorf("got %+v\nwant %+v", rules, want)
	}
	for _, bad := range []string{"/only-from\n", "/ /x 30x\n", "/ /x 302 Country=us\n"} {
		if _, err := parseRedirectsFile([]byte(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
	for header, want := range map[string]bool{"es-MX": true, "en, es;q=0.5": true, "es;q=0": false, "de": false, "": false} {
		if acceptsAny(header, []string{"es"}) != want {
			t.Errorf("acceptsAny(%q, es) != %v", header, want)
		}
	}
}

// The root sends a reader to their first choice, or lets them choose,
// however the CDN matches Language conditions; and never to a language
// they ranked below English. Headers as browsers send them (in falling
// q order), then with q-values out of order or refusing a language, which
// only a CDN that reads q-values can honour (netlify-cli reads the first
// listed).
func TestRootSendsTheReadersFirstChoiceUnderEveryMatching(t *testing.T) {
	const chooser = "chooser"
	type want struct{ anyListed, firstListed, firstChoice string }
	same := func(s string) want { return want{s, s, s} }
	cases := []struct {
		header string
		want   want
	}{
		{"", same(chooser)},
		{"en-US,en;q=0.9", same("en")},
		{"en-US,en;q=0.9,es;q=0.8", same("en")},
		// Spanish first, English as the fallback: a CDN that takes any
		// listed language may give English; no other.
		{"es-MX,es;q=0.9,en;q=0.8", want{"en", "es", "es"}},
		{"es-MX,es;q=0.9", same("es")},
		{"fr-FR,fr;q=0.9,es;q=0.5", want{"es", chooser, chooser}},
		{"de-DE,de;q=0.9", same(chooser)},
		// Region subtags: Chinese is one language to the CDN, whatever the
		// script; Filipino is fil (netlify-cli reads "fi") or Tagalog's tl.
		{"zh-TW,zh;q=0.9", same(chooser)},
		{"zh-CN,zh;q=0.9", same(chooser)},
		{"zh-TW,zh;q=0.9,en;q=0.8", want{"en", chooser, chooser}},
		{"fil-PH,fil;q=0.9", want{"fil", chooser, "fil"}},
		{"tl-PH,tl;q=0.9", same("fil")},
		{"tl", same("fil")},
	}
	qCases := []struct {
		header string
		want   want
	}{
		{"es;q=0.5,en", want{anyListed: "en", firstChoice: "en"}},
		{"es;q=0,en;q=0.5", want{anyListed: "en", firstChoice: "en"}},
		{"es;q=0", want{anyListed: chooser, firstChoice: chooser}},
	}
	matchers := []struct {
		name  string
		match languageMatcher
		want  func(want) string
	}{
		{"any listed language", acceptsAny, func(w want) string { return w.anyListed }},
		{"the first listed, two letters (netlify-cli)", firstListedTwoLetters, func(w want) string { return w.firstListed }},
		{"the first choice", firstChoice, func(w want) string { return w.firstChoice }},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, m := range matchers {
		srv := netlifyServerMatching(t, built, m.match)
		landing := func(header string) string {
			req, _ := http.NewRequest("GET", srv.URL+"/", nil)
			if header != "" {
				req.Header.Set("Accept-Language", header)
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode == 200 {
				return chooser
			}
			return strings.Trim(res.Header.Get("Location"), "/")
		}
		check := func(header, want string) {
			got := landing(header)
			if got != want {
				t.Errorf("%s: Accept-Language %q lands on %s, want %s", m.name, header, got, want)
			}
			// Never a language ranked below English.
			ranked := rankedLanguages(header)
			if en := slices.Index(ranked, "en"); en >= 0 && got != chooser {
				if i := slices.Index(ranked, strings.SplitN(got, "-", 2)[0]); i > en || (i < 0 && got != "fil") {
					t.Errorf("%s: Accept-Language %q lands on %s, which the reader ranked below English", m.name, header, got)
				}
			}
		}
		for _, c := range cases {
			check(c.header, m.want(c.want))
		}
		for _, c := range qCases {
			if w := m.want(c.want); w != "" {
				check(c.header, w)
			}
		}
	}
	if got := rankedLanguages("es;q=0.5, en, fil-PH;q=0.7, de;q=0"); !slices.Equal(got, []string{"en", "fil", "es"}) {
		t.Errorf("rankedLanguages = %v", got)
	}
}
