package release

import (
	"os"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Loading from a path is for tests; the build parses data files once in
// package source and calls ReleaseFromNode and HistoryFromNode.

func readYAML(path, file string) (*yamlsrc.Node, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Errorf(file, 0, 0, "data-missing", "cannot read: %v", err)
		return nil, l
	}
	return yamlsrc.Parse(data, file)
}

// LoadRelease reads and checks data/release.yaml.
func LoadRelease(path, file string) (Release, diag.List) {
	root, l := readYAML(path, file)
	if root == nil {
		return Release{}, l
	}
	r, more := ReleaseFromNode(root, file)
	return r, append(l, more...)
}

// LoadHistory reads and checks data/revisions.yaml.
func LoadHistory(path, file string) (History, diag.List) {
	root, l := readYAML(path, file)
	if root == nil {
		return nil, l
	}
	h, more := HistoryFromNode(root, file)
	return h, append(l, more...)
}
