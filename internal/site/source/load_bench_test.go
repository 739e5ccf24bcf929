package source

import "testing"

// BenchmarkLoadRealSite measures validation of the real site, the first
// stage of every build (docs/PERFORMANCE.md).
func BenchmarkLoadRealSite(b *testing.B) {
	for b.Loop() {
		if _, l := Load("../../..", Options{Production: true}); l.HasErrors() {
			b.Fatal(l)
		}
	}
}
