package render

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// These tests pin the Hugo behaviour the theme and the build rely on. If a
// Hugo upgrade breaks one, read the failure before changing the test: the
// site depends on it.

var site = map[string]string{
	"hugo.toml": `baseURL = "https://example.org/"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "section", "page"]
[languages.en]
label = "English"
locale = "en-US"
weight = 1
contentDir = "content/en"
[languages.es]
label = "Español"
locale = "es-US"
weight = 2
contentDir = "content/es"
`,
	"content/en/_index.md": "---\ntitle: Home\n---\nHello.\n",
	"content/es/_index.md": "---\ntitle: Inicio\n---\nHola.\n",
	"i18n/en.toml":         "date_day = \"January 2, 2006\"\n",
	"i18n/es.toml":         "date_day = \"2 de January de 2006\"\n[event.some-id]\nother = \"Texto del evento\"\n",
	"data/facts.yaml":      "updated: \"2026-01-02\"\n",
	"layouts/home.html": `<html lang="{{ site.Language.Locale }}">` +
		`[{{ time.Format (i18n "date_day") (time.AsTime hugo.Data.facts.updated) }}]` +
		`[{{ i18n "event.some-id" }}]{{ warnf "a warning from %s" "the template" }}</html>`,
	"layouts/404.html":   "not found",
	"layouts/alias.html": "CHOOSER {{ len .Page.AllTranslations }}",
}

func TestBuildRendersWhatTheThemeReliesOn(t *testing.T) {
	src := testfs.Tree(t, site)
	out := filepath.Join(t.TempDir(), "out")
	l := Build(Options{Source: src, Destination: out, Environment: "production"})
	if l.HasErrors() {
		t.Fatalf("build failed: %v", l)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// The root is rendered with layouts/alias.html, given the default
	// language's home page: the language chooser depends on it.
	if got := read("index.html"); got != "CHOOSER 2" {
		t.Errorf("root page = %q: Hugo no longer renders the root with the alias template", got)
	}
	// Month names are localized by Hugo; word order comes from i18n.
	if got := read("es/index.html"); !strings.Contains(got, "[2 de enero de 2026]") {
		t.Errorf("Spanish date not localized: %q", got)
	}
	// Nested i18n tables are message ids joined with dots.
	if got := read("es/index.html"); !strings.Contains(got, "[Texto del evento]") {
		t.Errorf("nested i18n key not found: %q", got)
	}
	// A missing translation is empty (no fallback text), so the theme
	// can fall back to English and say so.
	if got := read("en/index.html"); !strings.Contains(got, "[]") {
		t.Errorf("missing i18n key did not render empty: %q", got)
	}
	// There is no root 404; package cdn copies the source language's.
	if _, err := os.Stat(filepath.Join(out, "404.html")); !os.IsNotExist(err) {
		t.Error("Hugo now writes a root 404.html; cdn.Root404 would overwrite it")
	}
	if _, err := os.Stat(filepath.Join(out, "en", "404.html")); err != nil {
		t.Error("no per-language 404 page:", err)
	}
	// Warnings come back as diagnostics, not as noise on stderr.
	found := false
	for _, d := range l {
		if d.Severity == diag.Warning && strings.Contains(d.Message, "a warning from the template") {
			found = true
		}
	}
	if !found {
		t.Errorf("template warning not captured: %v", l)
	}
}

// buildBroken builds the test site with one file replaced and returns
// the diagnostics; the build must fail.
func buildBroken(t *testing.T, name, text string) diag.List {
	t.Helper()
	files := maps.Clone(site)
	files[name] = text
	l := Build(Options{Source: testfs.Tree(t, files), Destination: filepath.Join(t.TempDir(), "out"), Environment: "production"})
	if !l.HasErrors() {
		t.Fatalf("a broken %s built", name)
	}
	return l
}

func TestTemplateErrorsPointAtTheTemplate(t *testing.T) {
	l := buildBroken(t, "layouts/home.html", "line one\n{{ .NoSuchMethod }}\n")
	var d diag.Diagnostic
	for _, x := range l {
		if x.Severity == diag.Error {
			d = x
		}
	}
	if d.File != "layouts/home.html" || d.Line != 2 || !strings.Contains(d.Message, "NoSuchMethod") {
		t.Errorf("got %s", d)
	}
}

func TestConfigErrorsPointAtTheConfig(t *testing.T) {
	l := buildBroken(t, "hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \n")
	if s := l[len(l)-1].String(); !strings.Contains(s, "hugo.toml") {
		t.Errorf("the error does not name hugo.toml: %s", s)
	}
}

// The build tells Hugo what it computed through an overlay on hugo.toml:
// a language left out, and each language's params. The overlay wins over
// hugo.toml and merges into it (the rest of each language stays).
func TestOverlayDisablesLanguagesAndSetsParams(t *testing.T) {
	files := maps.Clone(site)
	files["layouts/home.html"] = `[{{ site.Language.Label }}|{{ site.Language.Params.stale }}|{{ delimit (site.Language.Params.english | default slice) "," }}]`
	src := testfs.Tree(t, files)
	out := filepath.Join(t.TempDir(), "out")
	overlay := "[languages.es]\ndisabled = true\n[languages.en.params]\nstale = true\nenglish = [\"event.a\", \"note.b\"]\n"
	l := Build(Options{Source: src, Destination: out, Environment: "production", Overlay: []byte(overlay)})
	if l.HasErrors() {
		t.Fatalf("build failed: %v", l)
	}
	data, err := os.ReadFile(filepath.Join(out, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data); got != "[English|true|event.a,note.b]" {
		t.Errorf("en page %q: the overlay's params did not reach the template, or hugo.toml's label was lost", got)
	}
	if _, err := os.Stat(filepath.Join(out, "es")); !os.IsNotExist(err) {
		t.Error("a language the overlay disables was rendered")
	}
}

func TestServeAcceptsOnlyItsFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--renderToDisk"}, {"--port", "1", "-d", "public"}, {"--destination=public"}, {"--renderStaticToDisk"},
		{"--renderToMemory=false"}, {"--renderToMemory"}, {"--cleanDestinationDir"}, {"--source", "x"},
		{"--config", "evil.toml"}, {"--themesDir=/tmp"}, {"--cacheDir", "/tmp/c"}, {"--tlsAuto"}, {"--pprof"},
		{"--watch=false"}, {"--nope"}, {"public"}, {"--port"}, {"--port", "--renderToDisk"}, {"--port="},
		{"-port", "1"}, {"---port", "1"}, {"-p1313"}, {"--appendPort=no"}, {"-"}, {"--"}, {"--bind", ""},
	} {
		if ServeRefused(args) == "" {
			t.Errorf("%q is not refused", args)
		}
	}
	for _, args := range [][]string{
		nil, {"--port", "1314", "--bind", "127.0.0.1", "--navigateToChanged"}, {"-p", "1314", "-N", "-O"},
		{"--port=1314", "--baseURL=http://localhost/", "-b", "http://x/"}, {"--appendPort=false", "--liveReloadPort", "443"},
		{"--disableLiveReload", "--disableBrowserError", "--noHTTPCache=true", "--openBrowser"},
	} {
		if a := ServeRefused(args); a != "" {
			t.Errorf("%q: %q is refused", args, a)
		}
	}
}
