package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"statement": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// The scenarios in testdata/script run the command as an editor or CI
// would, each on a fresh copy of this repository's site.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"} {
				if err := copyTree(filepath.Join("..", "..", part), filepath.Join(env.WorkDir, part)); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":  snapshot,
			"unchanged": unchanged,
		},
	})
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dest := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dest, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dest, data, 0o644)
	})
}

// treeDigest hashes every path, mode and byte under dir.
func treeDigest(ts *testscript.TestScript, dir string) string {
	h := sha256.New()
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		h.Write([]byte(rel + "\x00" + info.Mode().String() + "\x00"))
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	ts.Check(err)
	return hex.EncodeToString(h.Sum(nil))
}

// snapshot DIR records DIR's digest; unchanged DIR asserts it is the same.
func snapshot(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	ts.Setenv("SNAPSHOT_"+args[0], treeDigest(ts, args[0]))
}

func unchanged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: unchanged DIR")
	}
	same := ts.Getenv("SNAPSHOT_"+args[0]) == treeDigest(ts, args[0])
	if same == neg {
		ts.Fatalf("%s changed: %v", args[0], !same)
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"--help"}, exitOK, "statement build"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"build", "--format", "xml"}, exitUsage, `unknown format "xml"`},
		{[]string{"build", "--context", "staging"}, exitUsage, `unknown context "staging"`},
		{[]string{"build", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"build", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"validate", "--help"}, exitOK, "write nothing"},
		{[]string{"check", "--help"}, exitOK, "statement check"},
		{[]string{"serve", "--help"}, exitOK, "live reload"},
		{[]string{"i18n"}, exitUsage, "statement i18n status"},
		{[]string{"i18n", "--help"}, exitOK, "statement i18n scaffold LANG"},
		{[]string{"i18n", "translate"}, exitUsage, `statement i18n: unknown command "translate"`},
		{[]string{"i18n", "status", "--format", "github"}, exitUsage, `unknown format "github"`},
		{[]string{"i18n", "scaffold"}, exitUsage, "name one language"},
		{[]string{"i18n", "done", "es"}, exitUsage, "or --all"},
		{[]string{"i18n", "export", "es"}, exitUsage, "name one language, a format and a file"},
		{[]string{"i18n", "export", "es", "--format", "xliff"}, exitUsage, "name one language, a format and a file"},
		{[]string{"i18n", "import"}, exitUsage, "name one file"},
		{[]string{"i18n", "import", "no-such-file.xlf"}, exitUsage, "no-such-file.xlf"},
		{[]string{"i18n", "add", "hy"}, exitUsage, "name the language and its name in itself"},
		{[]string{"i18n", "import", "--help"}, exitOK, "XLIFF or PO"},
		{[]string{"revise", "--help"}, exitOK, "--minor: a correction"},
		{[]string{"revise", "--major", "--minor", "--note", "x"}, exitUsage, "one of them"},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		all := stdout.String() + stderr.String()
		if code != c.code || !strings.Contains(all, c.out) {
			t.Errorf("statement %v: exit %d, want %d; output lacks %q:\n%s", c.args, code, c.code, c.out, all)
		}
	}
}

func TestValidateReportsContentProblemsWithExitOne(t *testing.T) {
	dir := t.TempDir()
	for _, part := range []string{"hugo.toml", "content", "data", "i18n", "themes", "translations"} {
		if err := copyTree(filepath.Join("..", "..", part), filepath.Join(dir, part)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "data", "timeline.yaml"), []byte("- id: a\n  date: \"2025-13\"\n  text: x\n"), 0o644)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"validate"}, &stdout, &stderr); code != exitProblem {
		t.Fatalf("exit %d, want %d\n%s", code, exitProblem, stderr.String())
	}
	if !strings.Contains(stderr.String(), "data/timeline.yaml:2:9: error:") {
		t.Errorf("stderr: %s", stderr.String())
	}
}
