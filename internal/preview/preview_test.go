package preview

import (
	"strconv"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// The box lists errors and warnings apart, each with where, what and the
// fix, escaped; a source with no problems gets no box.
func TestBoxCarriesTheProblems(t *testing.T) {
	var l diag.List
	l.Errorf("data/timeline.yaml", 23, 3, "yaml-unknown-field", "event %q has an unknown field %q", "x", "txet")
	l.Suggest("did you mean %q?", "text")
	l.Warnf("i18n/es.toml", 0, 0, "i18n-incomplete", "not translated")
	box := string(Box(l))
	for _, want := range []string{
		`<section class="preview-problems"`,
		`finds 1 error(s), 1 warning(s)`,
		`<li><code>data/timeline.yaml:23:3</code>: error: event &#34;x&#34; has an unknown field &#34;txet&#34; [yaml-unknown-field]<br>fix: did you mean &#34;text&#34;?</li>`,
		`<summary>1 warning(s), which do not stop a build</summary>`,
		`<li><code>i18n/es.toml</code>: warning: not translated [i18n-incomplete]</li>`,
	} {
		if !strings.Contains(box, want) {
			t.Errorf("no %s in\n%s", want, box)
		}
	}
	if b := Box(nil); b != nil {
		t.Errorf("a box with no problems: %s", b)
	}
}

// The box goes right after <body ...>, whatever its attributes.
func TestInsertAfterBody(t *testing.T) {
	got := string(insertAfterBody([]byte(`<html><BODY class="x"><p>page`), []byte("BOX")))
	if got != `<html><BODY class="x">BOX<p>page` {
		t.Errorf("%s", got)
	}
	if got := string(insertAfterBody([]byte(`text`), []byte("BOX"))); got != "BOXtext" {
		t.Errorf("%s", got)
	}
}

// Hugo listens on loopback at a port of its own; its pages link to, and
// reload through, the preview's address; the other flags go through.
func TestHugoFlags(t *testing.T) {
	for _, c := range []struct {
		args       []string
		listen     string
		base, rest string
	}{
		{nil, "127.0.0.1:1313", "http://localhost:4000/", ""},
		{[]string{"--port", "8080", "--bind=0.0.0.0", "-N"}, "0.0.0.0:8080", "http://localhost:4000/", "-N"},
		{[]string{"-b", "https://example.org/preview", "--appendPort=false", "--disableLiveReload"}, "127.0.0.1:1313", "https://example.org/preview/", "--disableLiveReload"},
		{[]string{"--baseURL=http://box.lan/", "-p=9000"}, "127.0.0.1:9000", "http://box.lan:4000/", ""},
	} {
		a, rest := where(c.args)
		flags, err := a.hugoFlags(4000, 5000)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(flags, " ")
		want := "--port 5000 --bind 127.0.0.1 --baseURL " + c.base + " --appendPort=false --liveReloadPort 4000"
		if got != want || strings.Join(rest, " ") != c.rest || a.bind+":"+itoa(a.port) != c.listen {
			t.Errorf("%q: %s, rest %q, listen %s:%d", c.args, got, rest, a.bind, a.port)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
