package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

// docs/EDITING.md is a walkthrough of the common changes, and this test
// runs it, so that the commands and what they print cannot drift from the
// tool. Each part between <!-- walkthrough: NAME --> and the next marker
// (or <!-- end walkthrough -->) runs on a fresh copy of the frozen site
// (testdata/site), its fenced blocks in order:
//
//   - ```console: each "$ go run ./cmd/statement ARGS" runs the command;
//     the lines after it are what it prints (stdout and stderr as a
//     terminal shows them), exactly, where a line "..." stands for any
//     number of lines and "(exit status N)", last, for a command that
//     does not exit 0 (the terminal does not print that line);
//   - ```LANG append PATH: the block is added at the end of PATH;
//   - ```LANG create PATH: the block is PATH's new content;
//   - ```diff edit PATH: lines "-old" and "+new" (and " context") make
//     one replacement in PATH.
//
// Other blocks (```sh, ```yaml without an action) are shown, not run.
func TestEditingWalkthroughs(t *testing.T) {
	walks, err := readWalkthroughs("../../docs/EDITING.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(walks) < 6 {
		t.Fatalf("docs/EDITING.md has %d walkthroughs; want the six common changes and more", len(walks))
	}
	// The walkthroughs' today, whatever day the tests run: the day after
	// the fixture's latest revision, as the walkthroughs say.
	defer func(real func() calendar.Date) { today = real }(today)
	today = func() calendar.Date { return calendar.Date{Year: 2026, Month: 11, Day: 28, Precision: calendar.Day} }
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := testfs.CopyFixture(filepath.Join("..", ".."), dir); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			for _, b := range w.blocks {
				b.run(t)
			}
		})
	}
}

type walkthrough struct {
	name   string
	blocks []block
}

// block is one fenced block of a walkthrough.
type block struct {
	line   int    // where it starts in EDITING.md
	info   string // the fence's info string
	text   string
	action string // "console", "append", "create", "edit" or "" (shown only)
	path   string
}

var (
	walkMarker = regexp.MustCompile(`^<!-- (walkthrough: ([a-z0-9-]+)|end walkthrough) -->$`)
	fence      = regexp.MustCompile("^```(.*)$")
)

func readWalkthroughs(path string) ([]walkthrough, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var walks []walkthrough
	var cur *walkthrough
	var open *block
	var body strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if open != nil {
			if line == "```" {
				open.text = body.String()
				if cur != nil {
					cur.blocks = append(cur.blocks, *open)
				}
				open = nil
				continue
			}
			body.WriteString(line + "\n")
			continue
		}
		if m := walkMarker.FindStringSubmatch(line); m != nil {
			if cur != nil {
				walks = append(walks, *cur)
				cur = nil
			}
			if m[2] != "" {
				cur = &walkthrough{name: m[2]}
			}
			continue
		}
		if m := fence.FindStringSubmatch(line); m != nil {
			b := &block{line: n, info: m[1]}
			f := strings.Fields(m[1])
			switch {
			case len(f) == 1 && f[0] == "console":
				b.action = "console"
			case len(f) == 3 && (f[1] == "append" || f[1] == "create" || f[1] == "edit"):
				b.action, b.path = f[1], f[2]
			case len(f) > 1:
				return nil, fmt.Errorf("%s:%d: unknown action %q in the fence", path, n, m[1])
			}
			open = b
			body.Reset()
		}
	}
	if cur != nil {
		walks = append(walks, *cur)
	}
	return walks, sc.Err()
}

func (b block) run(t *testing.T) {
	t.Helper()
	where := fmt.Sprintf("docs/EDITING.md:%d", b.line)
	switch b.action {
	case "append":
		old, err := os.ReadFile(b.path)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		writeFile(t, where, b.path, string(old)+b.text)
	case "create":
		if _, err := os.Stat(b.path); err == nil {
			t.Fatalf("%s: %s exists already", where, b.path)
		}
		writeFile(t, where, b.path, b.text)
	case "edit":
		var old, new []string
		for _, line := range strings.Split(strings.TrimSuffix(b.text, "\n"), "\n") {
			switch {
			case strings.HasPrefix(line, "-"):
				old = append(old, line[1:])
			case strings.HasPrefix(line, "+"):
				new = append(new, line[1:])
			case strings.HasPrefix(line, " "):
				old, new = append(old, line[1:]), append(new, line[1:])
			default:
				t.Fatalf("%s: a diff line starts with -, + or a space: %q", where, line)
			}
		}
		data, err := os.ReadFile(b.path)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		from, to := strings.Join(old, "\n")+"\n", strings.Join(new, "\n")+"\n"
		if !strings.Contains(string(data), from) {
			t.Fatalf("%s: %s does not contain the lines the diff removes:\n%s", where, b.path, from)
		}
		writeFile(t, where, b.path, strings.Replace(string(data), from, to, 1))
	case "console":
		runConsole(t, where, b.text)
	}
}

func writeFile(t *testing.T, where, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
}

const docCommand = "$ go run ./cmd/statement "

// runConsole runs each command of a console block and holds what it
// prints to the lines the document shows.
func runConsole(t *testing.T, block, text string) {
	t.Helper()
	var file string
	var first int
	fmt.Sscanf(strings.Replace(block, ":", " ", 1), "%s %d", &file, &first)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := 0; i < len(lines); {
		cmd := lines[i]
		where := fmt.Sprintf("%s:%d", file, first+1+i)
		if !strings.HasPrefix(cmd, docCommand) {
			t.Fatalf("%s: a console block holds commands %q..., found %q", where, docCommand, cmd)
		}
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "$ ") {
			j++
		}
		want, wantCode := lines[i+1:j], 0
		if n := len(want); n > 0 {
			if _, err := fmt.Sscanf(want[n-1], "(exit status %d)", &wantCode); err == nil {
				want = want[:n-1]
			}
		}
		args, err := shellWords(strings.TrimPrefix(cmd, docCommand))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		var out bytes.Buffer
		code := run(args, &out, &out)
		got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			got = nil
		}
		if code != wantCode || !matchLines(want, got) {
			t.Errorf("%s: %s\nexit %d, the document says %d; it prints:\n%s\nthe document shows:\n%s",
				where, cmd, code, wantCode, out.String(), strings.Join(want, "\n"))
		}
		i = j
	}
}

// matchLines holds got to want line by line; "..." in want stands for any
// number of lines.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if want[0] == "..." {
		for k := 0; k <= len(got); k++ {
			if matchLines(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && strings.TrimRight(got[0], " ") == want[0] && matchLines(want[1:], got[1:])
}

// shellWords splits a command line as a shell would, for the quoting the
// document uses: '...' and "..." (with \" inside).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' && quote == 0:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case quote == 0 && (c == '\'' || c == '"'):
			quote, inWord = c, true
		case c == quote:
			quote = 0
		case quote == '"' && c == '\\' && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote in %q", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	got, err := shellWords(`revise --major --note "Added the court's \"March\" ruling." --date 2026-11-28 'a b'`)
	want := []string{"revise", "--major", "--note", `Added the court's "March" ruling.`, "--date", "2026-11-28", "a b"}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, %v", got, err)
	}
}
