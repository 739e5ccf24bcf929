package timeline

import (
	"fmt"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/site/calendar"
)

// generated writes a timeline of n events, one a day from 1990 on.
func generated(n int) []byte {
	var b strings.Builder
	for i := range n {
		d := calendar.Date{Year: 1990 + i/336, Month: 1 + i%336/28, Day: 1 + i%28, Precision: calendar.Day}
		fmt.Fprintf(&b, "- id: event-%d\n  date: %q\n  text: Event number %d, in a sentence of ordinary length for the statement.\n  sources:\n    - https://www.example.gov/%d\n", i, d.String(), i, i)
	}
	return []byte(b.String())
}

// Validating grows linearly with the timeline: compare ns/op of the 1,000
// and 10,000 event runs (about 10x apart when linear).
func BenchmarkDecode(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		data := generated(n)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				events, l := decode(data, "data/timeline.yaml")
				if l.HasErrors() || len(events) != n {
					b.Fatalf("%d events, %v", len(events), l)
				}
			}
		})
	}
}
