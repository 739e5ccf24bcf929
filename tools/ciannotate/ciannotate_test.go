package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// annotations renders a list as GitHub would receive it.
func annotations(l diag.List) string {
	var b bytes.Buffer
	diag.Write(&b, l, diag.GitHub, false)
	return b.String()
}

func TestGoTestAnnotatesEachFailingTestAtItsLines(t *testing.T) {
	root, _ := filepath.Abs("../..")
	recorded, err := os.ReadFile("testdata/fail.json")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root) // as .ci/run runs it, from the repository
	var out bytes.Buffer
	l, err := goTest(strings.NewReader(strings.ReplaceAll(string(recorded), "ROOT", root)), &out, "dhcs.ca.gov/statement")
	if err != nil {
		t.Fatal(err)
	}
	const file = "tools/ciannotate/testdata/fail/x_test.go"
	const pkg = " (tools/ciannotate/testdata/fail)"
	want := "" +
		"::error file=" + file + ",line=11,title=TestA/sub" + pkg + "::first line%0Asecond line\n" +
		"::error file=" + file + ",line=14,title=TestB" + pkg + "::b broke\n" +
		"::error file=" + file + ",line=16,title=TestD" + pkg + "::panic: boom [recovered, repanicked]\n"
	if got := annotations(l); got != want {
		t.Errorf("annotations:\n%s\nwant (TestA itself is not counted again, TestC passed):\n%s", got, want)
	}
	log := out.String()
	for _, s := range []string{"--- FAIL: TestB", "b broke", "FAIL\tdhcs.ca.gov/statement/tools/ciannotate/testdata/fail"} {
		if !strings.Contains(log, s) {
			t.Errorf("the log lacks %q:\n%s", s, log)
		}
	}
	if strings.Contains(log, "TestC") {
		t.Error("the log shows a passing test")
	}
}

func TestGoTestAnnotatesAScriptAtItsLine(t *testing.T) {
	t.Chdir("../..")
	events := `{"Action":"output","Package":"m/cmd/statement","Test":"TestScripts/build","Output":"        testscript.go:609: WORK=$WORK\n"}
{"Action":"output","Package":"m/cmd/statement","Test":"TestScripts/build","Output":"            > exec statement build\n"}
{"Action":"output","Package":"m/cmd/statement","Test":"TestScripts/build","Output":"        FAIL: testdata/script/i18n_add.txtar:12: unexpected command failure\n"}
{"Action":"fail","Package":"m/cmd/statement","Test":"TestScripts/build"}
{"Action":"fail","Package":"m/cmd/statement","Test":"TestScripts"}
{"Action":"fail","Package":"m/cmd/statement"}
`
	l, err := goTest(strings.NewReader(events), &bytes.Buffer{}, "m")
	if err != nil {
		t.Fatal(err)
	}
	// testscript.go is go-internal's, not a file of the repository.
	want := "::error file=cmd/statement/testdata/script/i18n_add.txtar,line=12,title=TestScripts/build (cmd/statement)::unexpected command failure\n"
	if got := annotations(l); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestGoTestAnnotatesABuildFailure(t *testing.T) {
	events := `{"ImportPath":"m/internal/x [m/internal/x.test]","Action":"build-output","Output":"# m/internal/x\n"}
{"ImportPath":"m/internal/x [m/internal/x.test]","Action":"build-output","Output":"internal/x/x.go:3:9: undefined: y\n"}
{"ImportPath":"m/internal/x [m/internal/x.test]","Action":"build-fail"}
{"Action":"output","Package":"m/internal/x","Output":"FAIL\tm/internal/x [build failed]\n"}
{"Action":"fail","Package":"m/internal/x"}
{"Action":"fail","Package":"m/internal/y"}
`
	l, err := goTest(strings.NewReader(events), &bytes.Buffer{}, "m")
	if err != nil {
		t.Fatal(err)
	}
	want := "::error file=internal/x/x.go,line=3,col=9,title=go build::undefined: y\n" +
		"::error title=m/internal/y::the package's tests failed outside any test (a build error, a panic, a timeout): see the step's log\n"
	if got := annotations(l); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestCompilerLines(t *testing.T) {
	in := "# m/internal/x\n./internal/x/x.go:7:2: fmt.Sprintf call has arguments but no formatting directives\nvet: internal/y/y.go:3:1: expected declaration\nnothing here\n"
	var out bytes.Buffer
	l, err := compiler(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	want := "::error file=internal/x/x.go,line=7,col=2,title=go vet::fmt.Sprintf call has arguments but no formatting directives\n" +
		"::error file=internal/y/y.go,line=3,col=1,title=go vet::expected declaration\n"
	if got := annotations(l); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if out.String() != in {
		t.Errorf("the log is not the tool's output: %q", out.String())
	}
}

func TestGofmtAtTheFirstChangedLine(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("a.go", []byte("package a\n\nfunc f() {\n\treturn\n}\nfunc  g() {}\n"), 0o644)
	l, err := gofmtFiles(strings.NewReader("a.go\n"), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want := "::error file=a.go,line=6,title=gofmt::gofmt would change this file (from this line on): run gofmt -w a.go\n"
	if got := annotations(l); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestActionlintJSON(t *testing.T) {
	in := `[{"message":"shellcheck reported issue in this script: SC2086:info:1:6: Double quote to prevent globbing","filepath":".github/workflows/ci.yml","line":40,"column":9,"kind":"shellcheck","snippet":"x"}]`
	var out bytes.Buffer
	l, err := actionlint(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	want := "::error file=.github/workflows/ci.yml,line=40,col=9,title=actionlint [shellcheck]::shellcheck reported issue in this script%3A SC2086:info:1:6: Double quote to prevent globbing\n"
	want = strings.Replace(want, "%3A", ":", 1) // only properties escape ':'
	if got := annotations(l); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if !strings.HasPrefix(out.String(), ".github/workflows/ci.yml:40:9: shellcheck reported") {
		t.Errorf("log: %q", out.String())
	}
	if l, err := actionlint(strings.NewReader("\n"), &out); err != nil || len(l) != 0 {
		t.Errorf("no findings: %v %v", l, err)
	}
}

func TestCappedAtWhatGitHubShows(t *testing.T) {
	var l diag.List
	for i := 1; i <= 25; i++ {
		l.Errorf("f.go", i, 0, "r", "problem %d", i)
	}
	c := capped(l)
	if len(c) != perStep {
		t.Fatalf("%d annotations, GitHub shows %d", len(c), perStep)
	}
	if last := c[perStep-1]; last.File != "" || !strings.Contains(last.Message, fmt.Sprint(25-(perStep-1))+" more problems") {
		t.Errorf("the last annotation does not count the rest: %+v", last)
	}
	if len(capped(l[:perStep])) != perStep {
		t.Error("ten problems were cut")
	}
}
