package ciconfig

import (
	"fmt"
	"path/filepath"
	"testing"

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
