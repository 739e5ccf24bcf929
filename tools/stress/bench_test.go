package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/hugorun"
	"dhcs.ca.gov/statement/internal/source"
	"dhcs.ca.gov/statement/tools/stress/gen"
)

// The generated trees are big, so they are built only when asked for:
//
//	go test ./tools/stress -run '^$' -bench . -benchtime 1x -stress.size 12x500x300
//
// See docs/PERFORMANCE.md for what the figures mean.
var (
	stressSize   = flag.String("stress.size", "", "the generated tree at 1×, as LANGSxPAGESxEVENTS (e.g. 12x500x300); empty: only the real site")
	stressScales = flag.String("stress.scales", "1,4", "the multiples of the tree's pages to measure, comma-separated")
)

// BenchmarkReal compares bare Hugo with the full build on the real site.
func BenchmarkReal(b *testing.B) { compare(b, "../..") }

// BenchmarkStress does the same on generated trees, at each scale.
func BenchmarkStress(b *testing.B) {
	if *stressSize == "" {
		b.Skip("no -stress.size: generated trees are measured only when asked for")
	}
	size, err := parseSize(*stressSize)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range strings.Split(*stressScales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("bad -stress.scales %q", *stressScales)
		}
		s := size.Scale(n)
		b.Run(fmt.Sprintf("%dx", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "site")
			start := time.Now()
			if err := gen.Generate("../..", dir, s); err != nil {
				b.Fatal(err)
			}
			b.Logf("generated %s in %s", s, time.Since(start).Round(time.Millisecond))
			compare(b, dir)
		})
	}
}

func parseSize(s string) (gen.Size, error) {
	var z gen.Size
	if _, err := fmt.Sscanf(s, "%dx%dx%d", &z.Langs, &z.Pages, &z.Events); err != nil {
		return z, fmt.Errorf("-stress.size %q: want LANGSxPAGESxEVENTS: %v", s, err)
	}
	return z, nil
}

// stages in the order the build runs them (digest runs during render).
var stages = []string{"validate", "render", "postprocess", "budget", "linkcheck", "manifest", "publish", "digest"}

// compare runs, in every iteration, bare Hugo (--minify, the same config
// and overlay) and then the full build on the same tree, each into a new
// directory, and reports both times, their ratio, each stage's share of
// the full build and each one's peak memory.
func compare(b *testing.B, root string) {
	site, l := source.Load(root, source.Options{Production: true})
	if l.HasErrors() {
		b.Fatalf("%s does not validate: %v", root, l)
	}
	overlay := build.Overlay(site, build.Production)
	abs, err := filepath.Abs(root)
	if err != nil {
		b.Fatal(err)
	}
	var bare, full time.Duration
	var bareRSS, fullRSS uint64
	stage := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		out := b.TempDir()
		resetPeak()
		b.StartTimer()

		start := time.Now()
		hl := hugorun.Build(hugorun.Options{Source: abs, Destination: filepath.Join(out, "bare"), Environment: string(build.Production), Overlay: overlay, Minify: true})
		bare += time.Since(start)

		b.StopTimer()
		if hl.HasErrors() {
			b.Fatalf("bare Hugo: %v", hl)
		}
		bareRSS = max(bareRSS, peak())
		resetPeak()
		b.StartTimer()

		start = time.Now()
		fl, err := build.Run(build.Options{Root: root, Out: filepath.Join(out, "public"), Context: build.Production,
			Timing: func(s string, d time.Duration) { stage[s] += d }})
		full += time.Since(start)

		b.StopTimer()
		if err != nil || len(fl) > 0 {
			b.Fatalf("the build did not publish cleanly: %v %v", err, fl)
		}
		fullRSS = max(fullRSS, peak())
		os.RemoveAll(out)
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(bare.Seconds()/n, "bare-s/op")
	b.ReportMetric(full.Seconds()/n, "full-s/op")
	b.ReportMetric(full.Seconds()/bare.Seconds(), "full/bare")
	for _, s := range stages {
		b.ReportMetric(100*stage[s].Seconds()/full.Seconds(), s+"-%")
	}
	if bareRSS > 0 {
		b.ReportMetric(float64(bareRSS)/(1<<20), "bare-peak-MiB")
		b.ReportMetric(float64(fullRSS)/(1<<20), "full-peak-MiB")
	}
	var parts []string
	for _, s := range slices.Sorted(func(yield func(string) bool) {
		for k := range stage {
			if !yield(k) {
				return
			}
		}
	}) {
		parts = append(parts, fmt.Sprintf("%s %.3fs", s, stage[s].Seconds()/n))
	}
	b.Logf("bare %.3fs, full %.3fs (%.3f×); %s", bare.Seconds()/n, full.Seconds()/n, full.Seconds()/bare.Seconds(), strings.Join(parts, ", "))
}

// resetPeak returns freed memory to the system and restarts the kernel's
// count of the process's peak resident memory (Linux: clear_refs 5), so
// that peak measures one run. Elsewhere peak reports nothing.
func resetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peak is the process's peak resident memory since resetPeak (VmHWM), or 0
// where the system does not say.
func peak() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
