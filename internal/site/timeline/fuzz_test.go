package timeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func FuzzDecode(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "site", "data", "timeline.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	paths, _ := filepath.Glob(filepath.Join("..", "source", "testdata", "bad", "timeline-*.txtar"))
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".yaml") {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		events, l := decode(data, "data/timeline.yaml")
		if l.HasErrors() {
			return
		}
		// A timeline that passes is one the theme can render.
		if len(events) == 0 {
			t.Fatal("no errors and no events")
		}
		for i, ev := range events {
			if ev.ID == "" || ev.Text == "" || ev.Date.Precision == 0 {
				t.Fatalf("event %d passed incomplete: %+v", i, ev)
			}
			if i > 0 && ev.Date.First().Before(events[i-1].Date.First()) {
				t.Fatalf("events passed out of order")
			}
		}
	})
}
