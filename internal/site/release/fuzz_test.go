package release

import (
	"os"
	"path/filepath"
	"testing"

	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

func seed(f *testing.F, name string) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "site", "data", name))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzRelease(f *testing.F) {
	seed(f, "release.yaml")
	f.Add([]byte("number: 25-20\ncontact: []\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, _ := yamlsrc.Parse(data, "data/release.yaml")
		if root == nil {
			return
		}
		r, l := ReleaseFromNode(root, "data/release.yaml")
		if !l.HasErrors() && (r.Number == "" || r.Email == "" || r.PhoneE164 == "" || r.FirstIssued.Precision == 0) {
			t.Fatalf("passed incomplete: %+v", r)
		}
	})
}

func FuzzHistory(f *testing.F) {
	seed(f, "revisions.yaml")
	f.Add([]byte("- date: \"2025-06-13\"\n  type: minor\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root, _ := yamlsrc.Parse(data, "data/revisions.yaml")
		if root == nil {
			return
		}
		h, l := HistoryFromNode(root, "data/revisions.yaml")
		if l.HasErrors() {
			return
		}
		if len(h) == 0 || h.Updated().Precision == 0 || h.VersionID() == "" {
			t.Fatalf("passed without an updated date: %+v", h)
		}
	})
}
