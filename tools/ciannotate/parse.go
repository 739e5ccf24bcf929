package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// compilerLine is file:line[:col]: message, as the Go compiler, go vet
// (with "vet: " before it for a type error) and many other tools print.
var compilerLine = regexp.MustCompile(`^(?:vet: )?(\S+?\.[A-Za-z0-9]+):(\d+)(?::(\d+))?: (.+)$`)

// compiler copies the input and annotates each file:line:col: line.
func compiler(in io.Reader, out io.Writer) (diag.List, error) {
	var l diag.List
	s := bufio.NewScanner(in)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		line := s.Text()
		fmt.Fprintln(out, line)
		if d, ok := parseCompilerLine(line, "", "go vet"); ok {
			l.Add(d)
		}
	}
	return l, s.Err()
}

// parseCompilerLine reads one file:line:col: line; dir is the directory
// its path is relative to, when not the repository.
func parseCompilerLine(line, dir, rule string) (diag.Diagnostic, bool) {
	m := compilerLine.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return diag.Diagnostic{}, false
	}
	n, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag.Diagnostic{File: repoPath(dir, m[1]), Line: n, Column: col, Severity: diag.Error, Rule: rule, Message: m[4]}, true
}

// repoPath makes a path the tools print relative to the repository.
func repoPath(dir, file string) string {
	if path.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, ok := strings.CutPrefix(file, wd+"/"); ok {
				return rel
			}
		}
		return file
	}
	return path.Clean(path.Join(dir, file))
}

// testEvent is one line of `go test -json` (cmd/test2json).
type testEvent struct {
	Action     string
	Package    string
	ImportPath string // build-output, build-fail
	Test       string
	Output     string
}

// testKey names a test, or a package when test is empty.
type testKey struct{ pkg, test string }

// A t.Error's position as the testing package prints it, indented under
// its test; and testscript's position of the failing line of a script.
var (
	testLine   = regexp.MustCompile(`^\s+([^\s:]+\.go):(\d+): (.*)$`)
	scriptLine = regexp.MustCompile(`FAIL: (\S+\.txt(?:ar)?):(\d+): (.*)$`)
)

// goTest reads `go test -json`, prints the output of failing tests and
// every package's summary line, and annotates every failing test (the
// innermost: a test whose subtest failed is not counted again) at the
// places its output names, or without a place when it names none.
func goTest(in io.Reader, out io.Writer, module string) (diag.List, error) {
	var l diag.List
	output := map[testKey][]string{}
	var failed []testKey
	dec := json.NewDecoder(in)
	for {
		var e testEvent
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return l, fmt.Errorf("reading go test -json: %w", err)
		}
		pkg := e.Package
		if pkg == "" {
			pkg = e.ImportPath
		}
		k := testKey{pkg, e.Test}
		switch e.Action {
		case "build-output":
			fmt.Fprint(out, e.Output)
			if d, ok := parseCompilerLine(e.Output, "", "go build"); ok {
				l.Add(d)
			}
		case "output":
			if e.Test == "" && e.Output != "PASS\n" {
				fmt.Fprint(out, e.Output) // the package's own lines: ok, FAIL, a panic outside a test
			}
			output[k] = append(output[k], e.Output)
		case "fail":
			failed = append(failed, k)
			if e.Test != "" {
				fmt.Fprint(out, strings.Join(output[k], ""))
			}
		case "pass", "skip":
			delete(output, k)
		}
	}
	for _, k := range failed {
		if k.test == "" || hasFailedSubtest(failed, k.pkg, k.test) {
			continue
		}
		dir := strings.TrimPrefix(strings.TrimPrefix(k.pkg, module), "/")
		title := k.test + " (" + dir + ")"
		before := len(l)
		for _, d := range testFailures(output[k], dir) {
			// A helper outside the repository logs under its own name
			// (testscript's testscript.go:609 before a script's log):
			// only the repository's files are places on the diff.
			if _, err := os.Stat(d.File); err != nil {
				continue
			}
			d.Rule = title
			l.Add(d)
		}
		if len(l) == before {
			if d, ok := panicAt(output[k], dir); ok {
				d.Rule = title
				l.Add(d)
			} else {
				l.Errorf("", 0, 0, title, "%s failed; its output names no line: see the step's log", k.test)
			}
		}
	}
	// A package that failed with no test failing in it: a build failure,
	// a panic in TestMain or init, a timeout.
	for _, k := range failed {
		if k.test == "" && !hasFailedSubtest(failed, k.pkg, "") && !hasBuildAnnotation(l, k.pkg, module) {
			l.Errorf("", 0, 0, k.pkg, "the package's tests failed outside any test (a build error, a panic, a timeout): see the step's log")
		}
	}
	return l, nil
}

// testFailures finds the positions a failing test's output names, each
// with its message and the more-indented lines that continue it.
func testFailures(lines []string, dir string) []diag.Diagnostic {
	var found []diag.Diagnostic
	var indent int
	for _, raw := range lines {
		line := strings.TrimRight(raw, "\n")
		if m := scriptLine.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			found = append(found, diag.Diagnostic{File: repoPath(dir, m[1]), Line: n, Severity: diag.Error, Message: m[3]})
			indent = -1
			continue
		}
		if m := testLine.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			found = append(found, diag.Diagnostic{File: repoPath(dir, m[1]), Line: n, Severity: diag.Error, Message: m[3]})
			indent = len(line) - len(strings.TrimLeft(line, " \t"))
			continue
		}
		// Continuation of the last message: more indented than it.
		if len(found) > 0 && indent >= 0 && strings.TrimSpace(line) != "" &&
			len(line)-len(strings.TrimLeft(line, " \t")) > indent && !strings.HasPrefix(strings.TrimSpace(line), "--- ") {
			found[len(found)-1].Message += "\n" + strings.TrimSpace(line)
		}
	}
	return found
}

// A goroutine's frame in a panic's trace: a tab, then an absolute path.
var frameLine = regexp.MustCompile(`^\t(/\S+\.go):(\d+)`)

// panicAt places a test's panic at the innermost frame in the repository.
func panicAt(lines []string, dir string) (diag.Diagnostic, bool) {
	message := ""
	for _, line := range lines {
		if message == "" && strings.HasPrefix(line, "panic: ") {
			message = strings.TrimSpace(line)
		}
		m := frameLine.FindStringSubmatch(line)
		if message == "" || m == nil {
			continue
		}
		if file := repoPath(dir, m[1]); !path.IsAbs(file) {
			n, _ := strconv.Atoi(m[2])
			return diag.Diagnostic{File: file, Line: n, Severity: diag.Error, Message: message}, true
		}
	}
	return diag.Diagnostic{}, false
}

func hasFailedSubtest(failed []testKey, pkg, test string) bool {
	prefix := test + "/"
	for _, f := range failed {
		if f.pkg == pkg && f.test != "" && (test == "" || strings.HasPrefix(f.test, prefix)) {
			return true
		}
	}
	return false
}

func hasBuildAnnotation(l diag.List, pkg, module string) bool {
	dir := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	for _, d := range l {
		if d.Rule == "go build" && (dir == "" || strings.HasPrefix(d.File, dir+"/")) {
			return true
		}
	}
	return false
}

// gofmtFiles annotates each file gofmt -l names at the first line that
// formatting changes.
func gofmtFiles(in io.Reader, out io.Writer) (diag.List, error) {
	var l diag.List
	s := bufio.NewScanner(in)
	for s.Scan() {
		file := strings.TrimSpace(s.Text())
		if file == "" {
			continue
		}
		fmt.Fprintln(out, file)
		line := 0
		if src, err := os.ReadFile(file); err == nil {
			line = firstChangedLine(src)
		}
		l.Errorf(repoPath("", file), line, 0, "gofmt", "gofmt would change this file (from this line on): run gofmt -w %s", file)
	}
	return l, s.Err()
}

// firstChangedLine is the first line formatting changes in a Go file,
// or 0 if it cannot be formatted (gofmt -l reports its syntax error).
func firstChangedLine(src []byte) int {
	formatted, err := format.Source(src)
	if err != nil {
		return 0
	}
	a, b := bytes.Split(src, []byte("\n")), bytes.Split(formatted, []byte("\n"))
	for i := range a {
		if i >= len(b) || !bytes.Equal(a[i], b[i]) {
			return i + 1
		}
	}
	return len(a)
}

// actionlintError is one finding in actionlint's JSON output
// (-format '{{json .}}').
type actionlintError struct {
	Message  string
	Filepath string
	Line     int
	Column   int
	Kind     string
}

// actionlint prints each finding as file:line:col: message [kind] and
// annotates it.
func actionlint(in io.Reader, out io.Writer) (diag.List, error) {
	var l diag.List
	data, err := io.ReadAll(in)
	if err != nil {
		return l, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return l, nil
	}
	var errs []actionlintError
	if err := json.Unmarshal(data, &errs); err != nil {
		return l, fmt.Errorf("reading actionlint's JSON: %w (it printed: %.200s)", err, data)
	}
	for _, e := range errs {
		fmt.Fprintf(out, "%s:%d:%d: %s [%s]\n", e.Filepath, e.Line, e.Column, e.Message, e.Kind)
		l.Errorf(repoPath("", e.Filepath), e.Line, e.Column, "actionlint ["+e.Kind+"]", "%s", e.Message)
	}
	return l, nil
}
