package build

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/output/cdn"
	"dhcs.ca.gov/statement/internal/output/htmldoc"
)

// This file grades the response headers the CDN will send, with the
// scoring rules of Mozilla's HTTP Observatory (mdn/mdn-http-observatory:
// src/analyzer/tests/*.js and src/grader/charts.js), and holds every page
// to an A+ (100 or more). The headers are those of netlify.toml and the
// _headers file the build writes, merged the way Netlify merges them
// (package cdn, which the browser suite's server reads too).

// observatoryTest is the result of one of the Observatory's tests.
type observatoryTest struct {
	Name, Result string
	Modifier     int
}

// observatory grades one HTTPS response (its headers and, for an HTML
// page, its body) the way the HTTP Observatory does. The redirection test
// needs the live site's HTTP port; Netlify redirects HTTP to HTTPS on the
// same host, which the Observatory scores 0, and so does this.
func observatory(h http.Header, body []byte) (score int, tests []observatoryTest) {
	equiv := httpEquiv(body)
	csp := cspTest(h.Values("Content-Security-Policy"), equiv["content-security-policy"])
	tests = []observatoryTest{
		csp,
		cookiesTest(h),
		corsTest(h),
		{"redirection", "redirection-to-https", 0},
		referrerTest(append(h.Values("Referrer-Policy"), equiv["referrer-policy"]...)),
		hstsTest(h.Get("Strict-Transport-Security")),
		sriTest(body),
		xctoTest(h.Get("X-Content-Type-Options")),
		xfoTest(h.Get("X-Frame-Options"), csp.Result != "csp-not-implemented" && csp.Result != "csp-header-invalid" && hasDirective(h.Values("Content-Security-Policy"), "frame-ancestors")),
		corpTest(h.Get("Cross-Origin-Resource-Policy")),
	}
	withBonus, penalties := 100, 100
	for _, t := range tests {
		withBonus += t.Modifier
		if t.Modifier < 0 {
			penalties += t.Modifier
		}
	}
	// Bonus points count only for a site that has an A without them.
	score = penalties
	if penalties >= 90 {
		score = withBonus
	}
	return max(score, 0), tests
}

// grade is the Observatory's letter for a score.
func grade(score int) string {
	chart := []struct {
		min   int
		grade string
	}{{100, "A+"}, {90, "A"}, {85, "A-"}, {80, "B+"}, {70, "B"}, {65, "B-"}, {60, "C+"}, {50, "C"}, {45, "C-"}, {40, "D+"}, {30, "D"}, {25, "D-"}}
	for _, c := range chart {
		if score >= c.min {
			return c.grade
		}
	}
	return "F"
}

// httpEquiv collects <meta http-equiv> values, lower-cased names.
func httpEquiv(body []byte) map[string][]string {
	out := map[string][]string{}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return out
	}
	visit(doc, func(n *html.Node) {
		if n.Data == "meta" && attr(n, "http-equiv") != "" {
			k := strings.ToLower(attr(n, "http-equiv"))
			out[k] = append(out[k], attr(n, "content"))
		}
	})
	return out
}

var (
	dangerouslyBroad = []string{"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
	unsafeInline     = []string{"'unsafe-inline'", "data:"}
)

// parseCSP reads policies into directive → sources, as the Observatory's
// cspParser does for one policy: lower-cased, a repeated directive makes
// the header invalid, an empty -src list means 'none'.
func parseCSP(policies []string) (map[string][]string, error) {
	csp := map[string][]string{}
	for _, p := range policies {
		p = strings.TrimSpace(strings.NewReplacer("\r", "", "\n", "").Replace(p))
		if len(p) < len("img-src")-1 {
			return nil, fmt.Errorf("invalid policy %q", p)
		}
		seen := map[string]bool{}
		for _, entry := range strings.Split(p, ";") {
			f := strings.Fields(entry)
			if len(f) == 0 {
				continue
			}
			d := strings.ToLower(f[0])
			if seen[d] && d != "report-uri" && d != "report-to" {
				return nil, fmt.Errorf("duplicate directive %s", d)
			}
			seen[d] = true
			var sources []string
			for _, s := range f[1:] {
				sources = append(sources, strings.ToLower(s))
			}
			if len(sources) == 0 && strings.HasSuffix(d, "-src") {
				sources = []string{"'none'"}
			}
			if _, ok := csp[d]; !ok {
				csp[d] = sources
			}
		}
	}
	return csp, nil
}

func hasDirective(headers []string, directive string) bool {
	csp, err := parseCSP(splitPolicies(headers))
	_, ok := csp[directive]
	return err == nil && ok
}

// splitPolicies splits header values into policies: a comma separates
// policies in one header.
func splitPolicies(values []string) []string {
	var out []string
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

func anyOf(sources []string, set []string) bool {
	return slices.ContainsFunc(sources, func(s string) bool { return slices.Contains(set, s) })
}

func hasHashOrNonce(sources []string) bool {
	return slices.ContainsFunc(sources, func(s string) bool {
		return strings.HasPrefix(s, "'sha256-") || strings.HasPrefix(s, "'sha384-") || strings.HasPrefix(s, "'sha512-") || strings.HasPrefix(s, "'nonce-")
	})
}

func cspTest(headers, meta []string) observatoryTest {
	t := observatoryTest{Name: "content-security-policy"}
	set := func(result string, modifier int) {
		if t.Result == "" {
			t.Result, t.Modifier = result, modifier
		}
	}
	policies := append(splitPolicies(headers), splitPolicies(meta)...)
	if len(policies) == 0 {
		set("csp-not-implemented", -25)
		return t
	}
	csp, err := parseCSP(policies)
	if err != nil {
		set("csp-header-invalid", -25)
		return t
	}
	or := func(names ...string) []string {
		for _, n := range names {
			if v, ok := csp[n]; ok {
				return slices.Clone(v)
			}
		}
		return []string{"*"}
	}
	objectSrc := or("object-src", "default-src")
	scriptSrc := or("script-src", "default-src")
	styleSrc := or("style-src", "default-src")
	// A hash or nonce makes browsers ignore 'unsafe-inline'.
	for _, list := range []*[]string{&scriptSrc, &styleSrc} {
		if hasHashOrNonce(*list) {
			*list = slices.DeleteFunc(*list, func(s string) bool { return s == "'unsafe-inline'" })
		}
	}
	if slices.Contains(scriptSrc, "'strict-dynamic'") {
		if hasHashOrNonce(scriptSrc) {
			scriptSrc = slices.DeleteFunc(scriptSrc, func(s string) bool {
				return s == "'self'" || s == "'unsafe-inline'" || slices.ContainsFunc(dangerouslyBroad, func(b string) bool { return strings.HasPrefix(s, b) })
			})
		} else {
			set("csp-header-invalid", -25)
		}
	}
	var active, passive []string
	for d, sources := range csp {
		if d != "img-src" && d != "media-src" && d != "script-src" {
			active = append(active, sources...)
		}
	}
	active = append(active, scriptSrc...)
	for _, d := range []string{"img-src", "media-src"} {
		if v, ok := csp[d]; ok {
			passive = append(passive, v...)
		} else {
			passive = append(passive, csp["default-src"]...)
		}
	}
	insecure := func(sources []string) bool {
		return slices.ContainsFunc(sources, func(s string) bool { return strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "ftp:") })
	}
	if anyOf(scriptSrc, append(slices.Clone(dangerouslyBroad), unsafeInline...)) || anyOf(objectSrc, dangerouslyBroad) {
		set("csp-implemented-with-unsafe-inline", -20)
	}
	if insecure(active) {
		set("csp-implemented-with-insecure-scheme", -20)
	}
	if slices.Contains(scriptSrc, "'unsafe-eval'") || slices.Contains(styleSrc, "'unsafe-eval'") {
		set("csp-implemented-with-unsafe-eval", -10)
	}
	if insecure(passive) {
		set("csp-implemented-with-insecure-scheme-in-passive-content-only", -10)
	}
	if anyOf(styleSrc, append(slices.Clone(dangerouslyBroad), unsafeInline...)) {
		set("csp-implemented-with-unsafe-inline-in-style-src-only", 0)
	}
	if d := csp["default-src"]; len(d) == 1 && d[0] == "'none'" {
		set("csp-implemented-with-no-unsafe-default-src-none", 10)
	}
	set("csp-implemented-with-no-unsafe", 5)
	return t
}

// cookiesTest: the site sets no cookie. Grading cookies is not needed
// until it does, and then the test below fails and says so.
func cookiesTest(h http.Header) observatoryTest {
	if len(h.Values("Set-Cookie")) > 0 {
		return observatoryTest{"cookies", "cookies-set: grade them before setting any", -40}
	}
	return observatoryTest{"cookies", "cookies-not-found", 0}
}

func corsTest(h http.Header) observatoryTest {
	acao := strings.TrimSpace(h.Get("Access-Control-Allow-Origin"))
	switch {
	case acao == "":
		return observatoryTest{"cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0}
	case acao == "*" && !strings.EqualFold(h.Get("Access-Control-Allow-Credentials"), "true"):
		return observatoryTest{"cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-public-access", 0}
	case strings.EqualFold(h.Get("Access-Control-Allow-Credentials"), "true"):
		return observatoryTest{"cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-universal-access", -50}
	}
	return observatoryTest{"cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-restricted-access", 0}
}

func referrerTest(values []string) observatoryTest {
	t := observatoryTest{Name: "referrer-policy"}
	if len(values) == 0 {
		t.Result = "referrer-policy-not-implemented"
		return t
	}
	good := []string{"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
	bad := []string{"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
	// The last value a browser knows wins.
	policy := ""
	for _, p := range strings.Split(strings.Join(values, ","), ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if slices.Contains(good, p) || slices.Contains(bad, p) {
			policy = p
		}
	}
	switch {
	case slices.Contains(good, policy):
		t.Result, t.Modifier = "referrer-policy-private", 5
	case slices.Contains(bad, policy):
		t.Result, t.Modifier = "referrer-policy-unsafe", -5
	default:
		t.Result, t.Modifier = "referrer-policy-header-invalid", -5
	}
	return t
}

// hstsTest grades the header alone: whether the host is on the browsers'
// preload list (+5) is not for the build to know.
func hstsTest(v string) observatoryTest {
	t := observatoryTest{Name: "strict-transport-security"}
	if v == "" {
		t.Result, t.Modifier = "hsts-not-implemented", -20
		return t
	}
	maxAge := -1
	for _, p := range strings.Split(v, ";") {
		p = strings.ToLower(strings.TrimSpace(p))
		if n, ok := strings.CutPrefix(p, "max-age="); ok {
			maxAge, _ = strconv.Atoi(strings.Trim(n, `"`))
		}
	}
	switch {
	case strings.Contains(v, ",") || maxAge < 0:
		t.Result, t.Modifier = "hsts-header-invalid", -20
	case maxAge < 15552000:
		t.Result, t.Modifier = "hsts-implemented-max-age-less-than-six-months", -10
	default:
		t.Result = "hsts-implemented-max-age-at-least-six-months"
	}
	return t
}

// sriTest: a page that loads no script needs no Subresource Integrity.
func sriTest(body []byte) observatoryTest {
	t := observatoryTest{Name: "subresource-integrity", Result: "sri-not-implemented-but-no-scripts-loaded"}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Result = "sri-not-implemented-response-not-html"
		return t
	}
	visit(doc, func(n *html.Node) {
		if n.Data == "script" && attr(n, "src") != "" {
			// Only same-origin relative scripts are allowed by the budget;
			// anything else is graded as the worst case here.
			if strings.Contains(attr(n, "src"), "//") && attr(n, "integrity") == "" {
				t.Result, t.Modifier = "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
			} else if t.Modifier == 0 {
				t.Result = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
			}
		}
	})
	return t
}

func xctoTest(v string) observatoryTest {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "nosniff":
		return observatoryTest{"x-content-type-options", "x-content-type-options-nosniff", 0}
	case "":
		return observatoryTest{"x-content-type-options", "x-content-type-options-not-implemented", -5}
	}
	return observatoryTest{"x-content-type-options", "x-content-type-options-header-invalid", -5}
}

func xfoTest(v string, frameAncestors bool) observatoryTest {
	t := observatoryTest{Name: "x-frame-options"}
	switch xfo := strings.ToLower(strings.TrimSpace(v)); {
	case frameAncestors:
		t.Result, t.Modifier = "x-frame-options-implemented-via-csp", 5
	case xfo == "deny" || xfo == "sameorigin":
		t.Result = "x-frame-options-sameorigin-or-deny"
	case strings.HasPrefix(xfo, "allow-from"):
		t.Result = "x-frame-options-allow-from-origin"
	case xfo == "":
		t.Result, t.Modifier = "x-frame-options-not-implemented", -20
	default:
		t.Result, t.Modifier = "x-frame-options-header-invalid", -20
	}
	return t
}

func corpTest(v string) observatoryTest {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return observatoryTest{"cross-origin-resource-policy", "cross-origin-resource-policy-not-implemented", 0}
	case "same-origin":
		return observatoryTest{"cross-origin-resource-policy", "cross-origin-resource-policy-implemented-with-same-origin", 10}
	case "same-site":
		return observatoryTest{"cross-origin-resource-policy", "cross-origin-resource-policy-implemented-with-same-site", 10}
	case "cross-origin":
		return observatoryTest{"cross-origin-resource-policy", "cross-origin-resource-policy-implemented-with-cross-origin", 0}
	}
	return observatoryTest{"cross-origin-resource-policy", "cross-origin-resource-policy-header-invalid", -5}
}

// The grader itself, on headers whose grades are known.
func TestObservatoryGrader(t *testing.T) {
	page := []byte(`<!doctype html><title>x</title><p>x`)
	cases := []struct {
		name    string
		headers map[string]string
		score   int
	}{
		// Only penalties: no CSP -25, no X-Content-Type-Options -5, no
		// X-Frame-Options -20, no HSTS -20.
		{"nothing", nil, 30},
		{"the usual basics", map[string]string{
			"Strict-Transport-Security": "max-age=31536000", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
		}, 75},
		// Bonuses do not count below 90: 100 - 20 (unsafe-inline script) - 5 = 75.
		{"unsafe CSP", map[string]string{
			"Content-Security-Policy":   "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
			"Strict-Transport-Security": "max-age=31536000", "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin",
		}, 75},
		{"unsafe-inline styles cost the CSP bonus", map[string]string{
			"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", "X-Content-Type-Options": "nosniff",
			"Strict-Transport-Security": "max-age=63072000",
		}, 105},
		{"a hash makes unsafe-inline inert", map[string]string{
			"Content-Security-Policy": "default-src 'none'; style-src 'sha256-abc' 'unsafe-inline'", "X-Content-Type-Options": "nosniff",
			"X-Frame-Options": "DENY", "Strict-Transport-Security": "max-age=63072000",
		}, 110},
		{"a short HSTS and an unsafe referrer policy", map[string]string{
			"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'", "X-Content-Type-Options": "nosniff",
			"Strict-Transport-Security": "max-age=86400", "Referrer-Policy": "unsafe-url",
		}, 85},
		{"a duplicate directive makes the policy invalid", map[string]string{
			"Content-Security-Policy": "default-src 'none'; default-src 'self'", "X-Content-Type-Options": "nosniff",
			"X-Frame-Options": "DENY", "Strict-Transport-Security": "max-age=63072000",
		}, 75},
		{"everything", map[string]string{
			"Content-Security-Policy":   "default-src 'none'; style-src 'sha256-abc'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
			"Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload", "X-Content-Type-Options": "nosniff",
			"Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin",
		}, 130},
	}
	for _, c := range cases {
		h := http.Header{}
		for k, v := range c.headers {
			h.Set(k, v)
		}
		if score, tests := observatory(h, page); score != c.score {
			t.Errorf("%s: score %d, want %d\n%+v", c.name, score, c.score, tests)
		}
	}
	if grade(100) != "A+" || grade(99) != "A" || grade(30) != "D" || grade(0) != "F" {
		t.Error("grade chart")
	}
}

// servedHeaders are the rules the CDN applies to the built site.
func servedHeaders(t *testing.T) []cdn.Rule {
	rules, err := cdn.Load(built, "../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// builtPages lists every HTML page of the built site and the path it is
// served at.
func builtPages(t *testing.T) map[string]string {
	pages := map[string]string{}
	filepath.WalkDir(built, func(p string, d os.DirEntry, err error) error {
		if err == nil && filepath.Ext(p) == ".html" {
			rel, _ := filepath.Rel(built, p)
			rel = filepath.ToSlash(rel)
			pages[rel] = "/" + strings.TrimSuffix(rel, "index.html")
		}
		return err
	})
	if len(pages) < 4 {
		t.Fatalf("only %d pages built", len(pages))
	}
	return pages
}

func TestEveryPageGradesAPlus(t *testing.T) {
	rules := servedHeaders(t)
	for rel, urlPath := range builtPages(t) {
		body, _ := os.ReadFile(filepath.Join(built, rel))
		score, tests := observatory(cdn.HeadersFor(urlPath, rules), body)
		if grade(score) != "A+" {
			t.Errorf("%s grades %s (%d), want A+:", urlPath, grade(score), score)
			for _, x := range tests {
				t.Errorf("  %s: %s (%+d)", x.Name, x.Result, x.Modifier)
			}
		}
		if urlPath == "/en/" {
			t.Logf("%s: %d (%s)", urlPath, score, grade(score))
		}
	}
}

// The policy the build writes is strict: nothing but named styles and
// same-origin images, and nothing inline allowed wholesale.
func TestPolicyIsStrictAndAllowsEveryInlineStyle(t *testing.T) {
	rules := servedHeaders(t)
	for rel, urlPath := range builtPages(t) {
		h := cdn.HeadersFor(urlPath, rules)
		policies := h.Values("Content-Security-Policy")
		if len(policies) != 1 {
			t.Fatalf("%s: %d policies", urlPath, len(policies))
		}
		csp, err := parseCSP(policies)
		if err != nil {
			t.Fatal(err)
		}
		for d, want := range map[string]string{"default-src": "'none'", "base-uri": "'none'", "form-action": "'none'", "frame-ancestors": "'none'"} {
			if strings.Join(csp[d], " ") != want {
				t.Errorf("%s: %s %v, want %s", urlPath, d, csp[d], want)
			}
		}
		for _, s := range csp["style-src"] {
			if s != "'self'" && !strings.HasPrefix(s, "'sha256-") {
				t.Errorf("%s: style-src allows %s", urlPath, s)
			}
		}
		if strings.Contains(policies[0], "unsafe-") {
			t.Errorf("%s: %s", urlPath, policies[0])
		}
		body, _ := os.ReadFile(filepath.Join(built, rel))
		// Hashes are base64 and case-sensitive: compare with the header as sent.
		sent := strings.Fields(strings.ReplaceAll(policies[0], ";", " "))
		styles := htmldoc.Parse(body).Styles()
		if len(styles) == 0 {
			t.Errorf("%s: no inline style found; the test would prove nothing", rel)
		}
		for _, s := range styles {
			if !slices.Contains(sent, cdn.StyleHash(s)) {
				t.Errorf("%s: the policy does not allow its inline style %s", rel, cdn.StyleHash(s))
			}
		}
		// A style attribute would need 'unsafe-hashes'; the policy has none.
		doc, _ := html.Parse(bytes.NewReader(body))
		visit(doc, func(n *html.Node) {
			if attr(n, "style") != "" {
				t.Errorf("%s: <%s style=%q> would be blocked by the policy", rel, n.Data, attr(n, "style"))
			}
		})
	}
}

func TestSecurityHeadersOfEveryResponse(t *testing.T) {
	rules := servedHeaders(t)
	for _, p := range []string{"/", "/en/", "/404.html", "/a/icon.svg", "/version.json"} {
		h := cdn.HeadersFor(p, rules)
		for name, want := range map[string]string{
			"Strict-Transport-Security":    "max-age=63072000",
			"X-Content-Type-Options":       "nosniff",
			"Referrer-Policy":              "no-referrer",
			"Cross-Origin-Resource-Policy": "same-origin",
			"Content-Security-Policy":      "default-src 'none'",
		} {
			if !strings.HasPrefix(h.Get(name), want) {
				t.Errorf("%s: %s = %q, want %s…", p, name, h.Get(name), want)
			}
		}
		if h.Get("Permissions-Policy") == "" || h.Get("X-Robots-Tag") != "" {
			t.Errorf("%s: Permissions-Policy %q, X-Robots-Tag %q (production is indexed)", p, h.Get("Permissions-Policy"), h.Get("X-Robots-Tag"))
		}
	}
}
