package checks

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/output/budget"
	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
)

const base = "https://statement.example.gov/"

// One pass finds what every check of the build needs: each page weighed,
// the budget's and the policy's problems, the distinct inline styles, a
// checksum for every page, and the link check's model of the site.
func TestScan(t *testing.T) {
	r, err := Scan("testdata/site", Options{Display: "public", BaseURL: base, Build: true, ExactSizes: true})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range r.Pages {
		paths = append(paths, p.Path)
		if p.GzipBytes == 0 || p.TotalGzipBytes < p.GzipBytes {
			t.Errorf("%s not weighed: %+v", p.Path, p)
		}
	}
	if want := []string{"en/index.html", "es/index.htm", "index.html"}; !slices.Equal(paths, want) {
		t.Errorf("pages %q, want %q (every page, .htm too, in path order)", paths, want)
	}
	// The style sheet and what it loads are the page's needs.
	if en := r.Pages[0]; len(en.Needs) != 2 || en.Needs[0].Path != "a/site.css" || en.Needs[1].Path != "a/bg.png" {
		t.Errorf("en/index.html needs %+v", en.Needs)
	}
	diagtest.Expect(t, r.Budget, diagtest.Want{File: "public/en/index.html", Rule: "budget-script", Line: 4, Col: 34})
	var styles []string
	for _, s := range r.Styles {
		styles = append(styles, string(s))
	}
	slices.Sort(styles)
	if want := []string{"a{color:red}", "b{color:blue}"}; !slices.Equal(styles, want) {
		t.Errorf("styles %q, want each distinct one once: %q", styles, want)
	}
	for _, p := range paths {
		data, _ := os.ReadFile("testdata/site/" + p)
		if s := r.Sums[p]; s.Path != p || s.Size != int64(len(data)) || s.SHA256 == "" {
			t.Errorf("%s: checksum %+v", p, s)
		}
	}
	diagtest.Expect(t, r.Links.Internal(),
		diagtest.Want{File: "public/es/index.htm", Rule: "link-fragment", Line: 4},
		diagtest.Want{File: "public/index.html", Rule: "link-broken", Line: 4, Msg: "fr/index.html"})
	if st := r.Links.Stats(); st.Pages != 3 || st.StyleSheets != 1 || st.Files != 5 {
		t.Errorf("stats %+v", st)
	}
}

// Without ExactSizes, only the page that weighs most before compression
// is compressed (the others cannot exceed the budget), for the summary.
func TestScanCompressesTheLargest(t *testing.T) {
	r, err := Scan("testdata/site", Options{Display: "public", BaseURL: base, Build: true})
	if err != nil {
		t.Fatal(err)
	}
	var measured []string
	for _, p := range r.Pages {
		if p.Measured() {
			measured = append(measured, p.Path)
		}
	}
	if largest, _ := budget.Largest(r.Pages); !slices.Equal(measured, []string{largest.Path}) || largest.TotalGzipBytes <= largest.GzipBytes {
		t.Errorf("compressed %q; the largest is %+v", measured, largest)
	}
}

// Without Build, only the links' models are read.
func TestScanLinksOnly(t *testing.T) {
	r, err := Scan("testdata/site", Options{Display: "public", BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 0 || len(r.Budget) != 0 || len(r.Sums) != 0 || len(r.Styles) != 0 {
		t.Errorf("a links-only scan weighed or summed pages: %+v", r)
	}
	if l := r.Links.Internal(); len(l) != 2 {
		t.Errorf("links: %v", l)
	}
}

func TestLinksReportsTheBaseURLProblem(t *testing.T) {
	r, err := Links(context.Background(), t.TempDir(), "testdata/site", false)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Problems.HasErrors() || r.Summary != "" || !strings.Contains(diagtest.Dump(r.Problems), "hugo.toml") {
		t.Errorf("a source without a base URL: %+v", r)
	}
}
