// Command ciannotate turns what a CI step's tools print into GitHub
// workflow annotations on the lines they are about, so that a failing
// gofmt, go vet, go test or actionlint shows on the pull request's diff
// and not only in the log. .ci/run uses it under CI_FORMAT=github:
//
//	go test -json ./... | ciannotate gotest      the failures, and annotations at each t.Error's file:line
//	go vet ./... 2>&1   | ciannotate compiler    file:line:col: lines, as compilers and go vet print them
//	gofmt -l FILES      | ciannotate gofmt       the files gofmt would change, at the first line it changes
//	actionlint -format '{{json .}}' | ciannotate actionlint
//
// It copies what a person needs to read to standard output (for gotest,
// the output of failing tests and each package's summary, not every
// passing test), followed by the annotations. Paths are made relative to
// the repository (the working directory), as GitHub needs.
//
// GitHub shows at most 10 error annotations per step; past nine, the
// tenth says how many more there are and that the log has them.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// perStep is how many error annotations GitHub shows for one step.
const perStep = 10

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ciannotate gotest|compiler|gofmt|actionlint < OUTPUT")
		os.Exit(2)
	}
	in := bufio.NewReader(os.Stdin)
	var (
		found diag.List
		err   error
	)
	switch os.Args[1] {
	case "gotest":
		found, err = goTest(in, os.Stdout, modulePath("go.mod"))
	case "compiler":
		found, err = compiler(in, os.Stdout)
	case "gofmt":
		found, err = gofmtFiles(in, os.Stdout)
	case "actionlint":
		found, err = actionlint(in, os.Stdout)
	default:
		fmt.Fprintf(os.Stderr, "ciannotate: unknown input %q: use gotest, compiler, gofmt or actionlint\n", os.Args[1])
		os.Exit(2)
	}
	if werr := diag.Write(os.Stdout, capped(found), diag.GitHub, false); err == nil {
		err = werr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ciannotate:", err)
		os.Exit(2)
	}
}

// capped keeps what GitHub will show: nine problems and a tenth
// annotation that counts the rest, when there are more than ten.
func capped(l diag.List) diag.List {
	if len(l) <= perStep {
		return l
	}
	out := append(diag.List{}, l[:perStep-1]...)
	out.Errorf("", 0, 0, "more problems", "%d more problems in this step than GitHub shows as annotations: the step's log lists every one", len(l)-(perStep-1))
	return out
}

// modulePath reads the module line of go.mod, to turn a package's import
// path into its directory.
func modulePath(gomod string) string {
	f, err := os.Open(gomod)
	if err != nil {
		return ""
	}
	defer f.Close()
	return readModulePath(f)
}

func readModulePath(r io.Reader) string {
	s := bufio.NewScanner(r)
	for s.Scan() {
		var mod string
		if n, _ := fmt.Sscanf(s.Text(), "module %s", &mod); n == 1 {
			return mod
		}
	}
	return ""
}
