package build

import (
	"flag"
	"testing"

	"dhcs.ca.gov/statement/internal/linkcheck"
)

var scanDir = flag.String("scan.dir", "", "a built tree to scan in BenchmarkScan (e.g. a stress site's public/); empty: the real site")

// BenchmarkScan measures the one pass over the output on its own, without
// Hugo's heap beside it: go test ./internal/build -run '^$' -bench Scan
// -scan.dir /tmp/stress/public (see docs/PERFORMANCE.md).
func BenchmarkScan(b *testing.B) {
	dir := built
	if *scanDir != "" {
		dir = *scanDir
	}
	for b.Loop() {
		if _, err := scan(dir, "public", "https://statement.dhcs.ca.gov/"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLinks measures the link check across the site, from pages the
// pass has parsed (the linkcheck stage of the build).
func BenchmarkLinks(b *testing.B) {
	dir := built
	if *scanDir != "" {
		dir = *scanDir
	}
	const base = "https://statement.dhcs.ca.gov/"
	found, err := scan(dir, "public", base)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		checked, err := linkcheck.LoadParsed(dir, linkcheck.Options{Display: "public", BaseURL: base, Source: "../.."}, found.links)
		if err != nil {
			b.Fatal(err)
		}
		if l := checked.Internal(); l.HasErrors() {
			b.Fatal(l)
		}
	}
}
