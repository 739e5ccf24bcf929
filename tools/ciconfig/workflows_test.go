package ciconfig

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/goccy/go-yaml"
)

// step is one step of a workflow job, as far as these tests read it.
type step struct {
	Name  string
	Uses  string
	Run   string
	With  map[string]string
	where string // file and job, for messages
}

type workflow struct {
	On   any
	Jobs map[string]struct {
		RunsOn    any `yaml:"runs-on"`
		Container any
		Steps     []step
	}
}

func workflowFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows: %v", err)
	}
	return files
}

func readWorkflow(t *testing.T, file string) workflow {
	t.Helper()
	var w workflow
	rel, _ := filepath.Rel(root, file)
	if err := yaml.Unmarshal([]byte(read(t, rel)), &w); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return w
}

// workflowSteps is every step of every job of every workflow.
func workflowSteps(t *testing.T) []step {
	t.Helper()
	var all []step
	for _, file := range workflowFiles(t) {
		rel, _ := filepath.Rel(root, file)
		for name, job := range readWorkflow(t, file).Jobs {
			for i, s := range job.Steps {
				s.where = fmt.Sprintf("%s, job %s, step %d", rel, name, i+1)
				all = append(all, s)
			}
		}
	}
	return all
}

// ci.yml runs .ci/run's steps, each once, in .ci/run's order: the script
// is the one list, the workflow only gives each step its own annotations.
func TestCIRunsEveryStepOfCIRun(t *testing.T) {
	out, err := exec.Command("bash", filepath.Join(root, ".ci/run"), "--list").Output()
	if err != nil {
		t.Fatalf(".ci/run --list: %v", err)
	}
	want := strings.Fields(string(out))
	var got []string
	for _, s := range readWorkflow(t, filepath.Join(root, ".github/workflows/ci.yml")).Jobs["ci"].Steps {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(s.Run), ".ci/run"); ok {
			got = append(got, strings.Fields(rest)...)
			if len(strings.Fields(rest)) != 1 {
				t.Errorf("ci.yml step %q runs %q: one .ci/run step per workflow step", s.Name, s.Run)
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ci.yml runs .ci/run %v\n.ci/run's steps are %v\nadd, remove or reorder ci.yml's steps to match", got, want)
	}
}

// An action is pinned by its commit, with the release it is in a comment
// (which Dependabot updates with the commit); a tag can be moved.
var pinned = regexp.MustCompile(`^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$`)

func TestActionsArePinnedByCommit(t *testing.T) {
	for _, file := range workflowFiles(t) {
		rel, _ := filepath.Rel(root, file)
		for i, line := range strings.Split(read(t, rel), "\n") {
			if !regexp.MustCompile(`^\s*(-\s+)?uses:`).MatchString(line) {
				continue
			}
			if strings.Contains(line, "uses: ./") {
				continue // an action of this repository
			}
			if !pinned.MatchString(line) {
				t.Errorf("%s:%d: %s\n\tpin the action by its full commit, with the release in a comment: uses: owner/name@<40 hex> # vX.Y.Z", rel, i+1, strings.TrimSpace(line))
			}
		}
		for name, job := range readWorkflow(t, file).Jobs {
			if label, _ := job.RunsOn.(string); strings.HasSuffix(label, "-latest") {
				t.Errorf("%s, job %s: runs-on %s moves under the job; name the release (e.g. ubuntu-24.04)", rel, name, label)
			}
		}
	}
}

// Dependabot watches every ecosystem the repository pins, weekly, one
// pull request per ecosystem (one group each), and Hugo on its own.
func TestDependabotCoversEveryPin(t *testing.T) {
	var cfg struct {
		Version int
		Updates []struct {
			Ecosystem string `yaml:"package-ecosystem"`
			Directory string
			Schedule  struct{ Interval string }
			Groups    map[string]struct {
				Patterns        []string
				ExcludePatterns []string `yaml:"exclude-patterns"`
			}
		}
	}
	if err := yaml.Unmarshal([]byte(read(t, ".github/dependabot.yml")), &cfg); err != nil {
		t.Fatalf(".github/dependabot.yml: %v", err)
	}
	want := map[string]bool{"gomod /": false, "npm /tools/browser": false, "npm /tools/node": false, "github-actions /": false}
	for _, u := range cfg.Updates {
		key := u.Ecosystem + " " + u.Directory
		if _, ok := want[key]; !ok {
			continue
		}
		want[key] = true
		if u.Schedule.Interval != "weekly" {
			t.Errorf("dependabot %s: %s, want weekly", key, u.Schedule.Interval)
		}
		catchAll := false
		for _, g := range u.Groups {
			if slices.Contains(g.Patterns, "*") {
				catchAll = true
			}
		}
		if !catchAll {
			t.Errorf("dependabot %s: no group with pattern \"*\": each update would be a pull request of its own", key)
		}
		if u.Ecosystem == "gomod" {
			hugo, ok := u.Groups["hugo"]
			if !ok || !slices.Contains(hugo.Patterns, "github.com/gohugoio/hugo") {
				t.Errorf("dependabot gomod: Hugo has no group of its own: %+v", u.Groups)
			}
			for name, g := range u.Groups {
				if name != "hugo" && slices.Contains(g.Patterns, "*") && !slices.Contains(g.ExcludePatterns, "github.com/gohugoio/hugo") {
					t.Errorf("dependabot gomod: group %s also takes Hugo", name)
				}
			}
		}
	}
	for key, seen := range want {
		if !seen {
			t.Errorf("dependabot watches no %s", key)
		}
	}
}

// The link check's cache keeps a working link for just under the
// schedule's week: a re-run during the week asks only about what did not
// work, and every Monday asks about everything again (an expiry of a day
// was always past when the next week's run restored the cache; one of a
// week or more would skip links some Mondays, as cron runs drift).
func TestLinkCacheExpiryFitsTheSchedule(t *testing.T) {
	var cfg struct {
		External struct {
			CacheExpiry string `toml:"cache_expiry"`
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "linkcheck.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	expiry, err := time.ParseDuration(cfg.External.CacheExpiry)
	if err != nil {
		t.Fatalf("linkcheck.toml: cache_expiry: %v", err)
	}
	var w struct {
		On struct {
			Schedule []struct{ Cron string }
		}
	}
	if err := yaml.Unmarshal([]byte(read(t, ".github/workflows/links.yml")), &w); err != nil {
		t.Fatal(err)
	}
	if len(w.On.Schedule) != 1 {
		t.Fatalf("links.yml: %d schedules, want one", len(w.On.Schedule))
	}
	f := strings.Fields(w.On.Schedule[0].Cron)
	if len(f) != 5 || f[2] != "*" || f[3] != "*" || strings.ContainsAny(f[4], "*,-/") {
		t.Fatalf("links.yml: cron %q is not weekly; this test knows only a weekly schedule", w.On.Schedule[0].Cron)
	}
	week := 7 * 24 * time.Hour
	if expiry >= week-2*time.Hour || expiry < week/2 {
		t.Errorf("linkcheck.toml: cache_expiry = %s; for a weekly check, want between half a week and a week less the two hours a scheduled run may drift", expiry)
	}
}
