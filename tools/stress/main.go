// Command stress writes a stress site for measuring the build: the real
// theme and config shape, N languages × M pages × K timeline events, every
// translation fresh and every link resolving (see package gen).
//
//	go run ./tools/stress -out /tmp/stress                       # a small site
//	go run ./tools/stress -langs 12 -pages 2000 -events 200 -out /tmp/stress
//
// Then build it with the statement command, run in the generated
// directory: (cd /tmp/stress && statement build). docs/PERFORMANCE.md has
// the benchmarks that use it.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"dhcs.ca.gov/statement/tools/stress/gen"
)

func main() {
	langs := flag.Int("langs", 4, fmt.Sprintf("languages, English included (1 to %d)", gen.MaxLangs))
	pages := flag.Int("pages", 20, "pages besides the statement, in every language")
	events := flag.Int("events", 20, "timeline events")
	out := flag.String("out", "", "directory to write (must not exist or be empty)")
	repo := flag.String("repo", ".", "the statement repository, whose theme and release facts are copied")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: stress [-langs N] [-pages M] [-events K] [-repo DIR] -out DIR")
		os.Exit(2)
	}
	size := gen.Size{Langs: *langs, Pages: *pages, Events: *events}
	start := time.Now()
	if err := gen.Generate(*repo, *out, size); err != nil {
		fmt.Fprintln(os.Stderr, "stress:", err)
		os.Exit(1)
	}
	fmt.Printf("stress: wrote %s (%s) in %s\n", *out, size, time.Since(start).Round(time.Millisecond))
}
