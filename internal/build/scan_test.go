package build

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"dhcs.ca.gov/statement/internal/budget"
	"dhcs.ca.gov/statement/internal/linkcheck"
	"dhcs.ca.gov/statement/internal/postprocess"
)

// The one pass over the staged pages finds what each check finds reading
// the tree on its own: the budget's pages and problems, the link
// checker's page models, the pages' inline styles.
func TestScanFindsWhatEachCheckFinds(t *testing.T) {
	const base = "https://statement.dhcs.ca.gov/"
	got, err := scan(built, "public", base)
	if err != nil {
		t.Fatal(err)
	}
	pages, l, err := budget.Check(built, "public", base)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.pages, pages) || !reflect.DeepEqual(got.budget, l) {
		t.Errorf("the budget in the pass differs from budget.Check:\n%+v\n%+v", got.pages, pages)
	}
	var styles [][]byte
	for rel := range got.links {
		data, err := os.ReadFile(filepath.Join(built, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		if want := linkcheck.Parse(rel, data); !reflect.DeepEqual(got.links[rel], want) {
			t.Errorf("%s: the link checker's page differs from linkcheck.Parse", rel)
		}
		if postprocess.IsPage(rel) {
			styles = append(styles, postprocess.InlineStyles(data)...)
		}
		if sum := got.sums[rel]; sum.Path != rel || sum.SHA256 == "" {
			t.Errorf("%s: no checksum", rel)
		}
	}
	if len(got.links) < 10 {
		t.Errorf("only %d pages", len(got.links))
	}
	if p1, p2 := postprocess.Policy(got.styles), postprocess.Policy(styles); p1 != p2 {
		t.Errorf("the policy from the pass differs:\n%s\n%s", p1, p2)
	}
	distinct := map[string]bool{}
	for _, s := range styles {
		distinct[string(s)] = true
	}
	if len(got.styles) != len(distinct) {
		t.Errorf("%d styles kept, want each of the %d once", len(got.styles), len(distinct))
	}
}
