package timeline

import (
	"os"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Load reads and checks a timeline file, for tests; the build parses
// data files once in package source and calls FromNode.
func Load(path, file string) ([]Event, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Errorf(file, 0, 0, "timeline-missing", "cannot read the timeline: %v", err)
		return nil, l
	}
	return decode(data, file)
}
