package build

import (
	"flag"
	"testing"

	"dhcs.ca.gov/statement/internal/output/checks"
)

var scanDir = flag.String("scan.dir", "", "a built tree for BenchmarkScan and BenchmarkLinks (e.g. a stress site's public/); empty: the real site")

const benchBase = "https://statement.dhcs.ca.gov/"

// benchTree is the built tree the benchmarks read: -scan.dir, or the real
// site built for this package's tests.
func benchTree() string {
	if *scanDir != "" {
		return *scanDir
	}
	return built
}

// BenchmarkScan measures the one pass over the output on its own, without
// Hugo's heap beside it: go test ./internal/build -run '^$' -bench Scan
// -scan.dir /tmp/stress/public (see docs/PERFORMANCE.md).
func BenchmarkScan(b *testing.B) {
	dir := benchTree()
	for b.Loop() {
		if _, err := checks.Scan(dir, checks.Options{Display: "public", BaseURL: benchBase, Source: "../..", Build: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinks measures the link check across the site, from pages the
// pass has parsed (the linkcheck stage of the build).
func BenchmarkLinks(b *testing.B) {
	dir := benchTree()
	for b.Loop() {
		b.StopTimer()
		// Internal remembers what it resolved: a new model each time.
		found, err := checks.Scan(dir, checks.Options{Display: "public", BaseURL: benchBase, Source: "../.."})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if l := found.Links.Internal(); l.HasErrors() {
			b.Fatal(l)
		}
	}
}
