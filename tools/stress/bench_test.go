package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/render"
	"dhcs.ca.gov/statement/internal/site/source"
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
	stressProf   = flag.String("stress.cpuprofile", "", "write a CPU profile of each full build to this file, suffixed with the benchmark's name")
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

// stages in the order the build runs them (build.Options.Timing); digest,
// the source read again, runs beside check, postprocess and linkcheck.
var stages = []string{"snapshot", "validate", "render", "check", "postprocess", "linkcheck", "manifest", "publish", "digest"}

// compare runs, in every iteration, bare Hugo (--minify, the same config
// and overlay) and then the full build on the same tree, each into a new
// directory and each in a process of its own, as the command runs: so
// that neither inherits the other's heap, and the peak resident memory
// of each is its own. The times compared are the processes', start to
// exit, as `time hugo --minify` and `time statement build` would show
// them. It reports both, their ratio, each stage's share of the build
// (in-process), and each one's peak memory.
func compare(b *testing.B, root string) {
	// Bare Hugo gets the build's configuration overlay as a file, made
	// here: its process does nothing but render.
	site, l := source.Load(root, source.Options{Production: true})
	if l.HasErrors() {
		b.Fatalf("%s does not validate: %v", root, l)
	}
	overlay := filepath.Join(b.TempDir(), "overlay.toml")
	if err := os.WriteFile(overlay, build.Overlay(site, build.Production), 0o644); err != nil {
		b.Fatal(err)
	}
	var bare, full, bareIn, fullIn, bareRSS, fullRSS, bareCPU, fullCPU float64
	stage := map[string]float64{}
	b.ResetTimer() // ns/op: both processes, start to end
	for i := 0; i < b.N; i++ {
		out := b.TempDir()
		prof := ""
		if *stressProf != "" {
			prof = *stressProf + "." + strings.ReplaceAll(b.Name(), "/", "-")
		}
		// Taking turns at going first, so that neither always meets the
		// machine in the same state (a page cache, another tenant).
		var br, fr result
		if i%2 == 0 {
			br = child(b, "bare", root, filepath.Join(out, "bare"), overlay, "")
			fr = child(b, "full", root, filepath.Join(out, "public"), "", prof)
		} else {
			fr = child(b, "full", root, filepath.Join(out, "public"), "", prof)
			br = child(b, "bare", root, filepath.Join(out, "bare"), overlay, "")
		}
		bare, full = bare+br.process, full+fr.process
		bareCPU, fullCPU = bareCPU+br.cpu, fullCPU+fr.cpu
		bareIn, fullIn = bareIn+br.Seconds, fullIn+fr.Seconds
		bareRSS = max(bareRSS, float64(br.PeakRSS))
		fullRSS = max(fullRSS, float64(fr.PeakRSS))
		for s, d := range fr.Stages {
			stage[s] += d
		}
		os.RemoveAll(out)
	}
	n := float64(b.N)
	b.ReportMetric(bare/n, "bare-s/op")
	b.ReportMetric(full/n, "full-s/op")
	b.ReportMetric(full/bare, "full/bare")
	// CPU time, the processes' user and system time: what the work costs,
	// whatever else the shared machine was running at the time.
	b.ReportMetric(fullCPU/bareCPU, "full/bare-cpu")
	var parts []string
	for _, s := range stages {
		if d, ok := stage[s]; ok {
			b.ReportMetric(100*d/fullIn, s+"-%")
			parts = append(parts, fmt.Sprintf("%s %.3fs", s, d/n))
		}
	}
	if bareRSS > 0 {
		b.ReportMetric(bareRSS/(1<<20), "bare-peak-MiB")
		b.ReportMetric(fullRSS/(1<<20), "full-peak-MiB")
	}
	b.Logf("processes: bare %.3fs (peak %.0f MiB), full %.3fs (peak %.0f MiB): %.3f×; CPU: bare %.3fs, full %.3fs: %.3f×; in-process: render %.3fs, build %.3fs (%.3f×): %s",
		bare/n, bareRSS/(1<<20), full/n, fullRSS/(1<<20), full/bare, bareCPU/n, fullCPU/n, fullCPU/bareCPU, bareIn/n, fullIn/n, fullIn/bareIn, strings.Join(parts, ", "))
}

// result is what a child process reports.
type result struct {
	Seconds float64            // the render or build alone, in the process
	Stages  map[string]float64 // the full build's stages, in seconds
	PeakRSS uint64             // the process's peak resident memory, bytes (Linux)
	Error   string
	process float64 // the process, start to exit, as the parent saw it
	cpu     float64 // the process's user and system CPU time
}

// child runs one render or build in a new process (this test binary, in
// TestChild) and returns what it measured.
func child(b *testing.B, what, root, out, overlay, cpuprofile string) result {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "STRESS_CHILD="+what, "STRESS_ROOT="+root, "STRESS_OUT="+out,
		"STRESS_OVERLAY="+overlay, "STRESS_CPUPROFILE="+cpuprofile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Seconds()
	if err != nil {
		b.Fatalf("%s: %v\n%s%s", what, err, stdout.String(), stderr.String())
	}
	for line := range strings.Lines(stdout.String()) {
		if j, ok := strings.CutPrefix(line, "STRESS_RESULT "); ok {
			var r result
			if err := json.Unmarshal([]byte(j), &r); err != nil {
				b.Fatal(err)
			}
			if r.Error != "" {
				b.Fatalf("%s: %s", what, r.Error)
			}
			r.process = took
			r.cpu = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
			return r
		}
	}
	b.Fatalf("%s reported nothing:\n%s%s", what, stdout.String(), stderr.String())
	return result{}
}

// TestChild is one measured run, in a process of its own; see child.
func TestChild(t *testing.T) {
	what := os.Getenv("STRESS_CHILD")
	if what == "" {
		t.Skip("run by the benchmarks")
	}
	root, out := os.Getenv("STRESS_ROOT"), os.Getenv("STRESS_OUT")
	r := result{Stages: map[string]float64{}}
	switch what {
	case "bare":
		overlay, err := os.ReadFile(os.Getenv("STRESS_OVERLAY"))
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(root)
		start := time.Now()
		l := render.Build(render.Options{Source: abs, Destination: out, Environment: string(build.Production), Overlay: overlay, Minify: true})
		r.Seconds = time.Since(start).Seconds()
		if l.HasErrors() {
			r.Error = fmt.Sprint(l)
		}
	case "full":
		if p := os.Getenv("STRESS_CPUPROFILE"); p != "" {
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
		start := time.Now()
		l, err := build.Run(build.Options{Root: root, Out: out, Context: build.Production,
			Timing: func(s string, d time.Duration) { r.Stages[s] += d.Seconds() }})
		r.Seconds = time.Since(start).Seconds()
		if err != nil || len(l) > 0 {
			r.Error = fmt.Sprint(err, l)
		}
	}
	r.PeakRSS = build.PeakRSS()
	j, _ := json.Marshal(r)
	fmt.Printf("STRESS_RESULT %s\n", j)
}
