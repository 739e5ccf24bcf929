// Package journal writes a set of files into a site as one transaction:
// after a crash at any moment (SIGKILL, a power cut) the next statement
// command finds either none of the new files or all of them, and says
// which. i18n import writes a language's page and strings with it, so
// that a page never goes out with the strings of another delivery.
//
// A transaction lives in one folder in the site root, Dir (git-ignored):
// the new files are staged there, then a commit record is renamed into
// place, then each staged file is renamed over its target, then the
// folder goes. Before the commit record, recovery removes the folder
// (rolled back: nothing was written); after it, recovery renames what is
// left (completed). Ctrl-C and SIGTERM roll back while staging and wait
// for the renames once committed (package interrupt).
package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"

	"dhcs.ca.gov/statement/internal/platform/interrupt"
)

// Dir is the transaction's folder, in the site root.
const Dir = ".statement.journal"

const (
	intentFile = "intent.json" // what the transaction is for, written first
	commitFile = "commit.json" // the commit point: present means complete it
)

// record names a transaction's command and its files, relative to the
// root with slashes, in the order of the staged files 0, 1, ...
type record struct {
	What  string   `json:"what"`
	Files []string `json:"files"`
}

// Step, when set, is called after each thing a transaction writes, with
// what it was ("stage i18n/es.toml", "commit", "rename i18n/es.toml",
// "done"): tests stop the process there, as a crash would.
var Step func(step string)

func step(s string) {
	if Step != nil {
		Step(s)
	}
}

var committed atomic.Bool

// Committed tells whether this process's last Write got past its commit
// point: then every file was written, also if the process is interrupted
// now.
func Committed() bool { return committed.Load() }

// ErrPending is a transaction an earlier command left: Recover first.
var ErrPending = errors.New("an interrupted command left " + Dir + "; run any statement command to finish or undo it first")

// Write replaces or creates each file of files (relative to root, with
// slashes) as one transaction for the command what. The caller holds the
// site's lock. On an error nothing was written, unless the error says so.
func Write(root, what string, files map[string][]byte) error {
	committed.Store(false)
	if len(files) == 0 {
		return nil
	}
	dir := filepath.Join(root, Dir)
	rec := record{What: what}
	for p := range files {
		rec.Files = append(rec.Files, p)
	}
	slices.Sort(rec.Files)
	// What would make a rename fail after the commit point is refused
	// before anything is written: once committed, there is no going back.
	for _, p := range rec.Files {
		if err := renameable(root, p); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); os.IsExist(err) {
		return ErrPending
	} else if err != nil {
		return err
	}
	// Interrupted while staging: nothing is written. A staged write that
	// races the clean-up fails, since nothing recreates the folder.
	release := interrupt.Defer(func() { os.RemoveAll(dir) })
	fail := func(err error) error {
		release()
		os.RemoveAll(dir)
		return err
	}
	if err := writeSynced(filepath.Join(dir, intentFile), mustJSON(rec)); err != nil {
		return fail(err)
	}
	step("intent")
	for i, p := range rec.Files {
		if err := writeSynced(filepath.Join(dir, strconv.Itoa(i)), files[p]); err != nil {
			return fail(err)
		}
		step("stage " + p)
	}
	var err error
	interrupt.Hold(func() {
		release()
		tmp := filepath.Join(dir, commitFile+".new")
		if err = writeSynced(tmp, mustJSON(rec)); err != nil {
			err = fail(err)
			return
		}
		if err = os.Rename(tmp, filepath.Join(dir, commitFile)); err != nil {
			err = fail(err)
			return
		}
		syncDir(dir)
		step("commit")
		committed.Store(true)
		err = complete(root, rec)
	})
	return err
}

// complete renames every staged file still there over its target, then
// removes the transaction's folder.
func complete(root string, rec record) error {
	dir := filepath.Join(root, Dir)
	for i, p := range rec.Files {
		staged := filepath.Join(dir, strconv.Itoa(i))
		if _, err := os.Lstat(staged); os.IsNotExist(err) {
			continue // renamed before an interruption
		}
		target := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("%w; the next statement command will try again", err)
		}
		if err := os.Rename(staged, target); err != nil {
			return fmt.Errorf("%w; the next statement command will try again", err)
		}
		step("rename " + p)
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	step("done")
	return nil
}

// renameable checks that a file can be renamed to p: p is not a folder,
// and every folder above it is a folder or can be made.
func renameable(root, p string) error {
	target := filepath.Join(root, filepath.FromSlash(p))
	if fi, err := os.Lstat(target); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder, where a file is to be written", p)
	}
	for d := filepath.Dir(target); len(d) > len(root); d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil && !fi.IsDir() {
			return fmt.Errorf("%s is a file, where a folder is needed for %s", d, p)
		}
		if err == nil {
			break
		}
	}
	return nil
}

// Pending tells whether a transaction's folder is in root.
func Pending(root string) bool {
	_, err := os.Lstat(filepath.Join(root, Dir))
	return err == nil
}

// Outcome is what Recover did with an interrupted transaction.
type Outcome struct {
	What      string   // the command ("i18n import"), "" if it had not said yet
	Completed bool     // true: every file written; false: none
	Files     []string // the transaction's files
}

// Recover finishes a transaction interrupted after its commit point, or
// rolls back one interrupted before it. found is false when there was
// none. The caller holds the site's lock, so that the transaction is not
// a live command's.
func Recover(root string) (out Outcome, found bool, err error) {
	dir := filepath.Join(root, Dir)
	if !Pending(root) {
		return Outcome{}, false, nil
	}
	var rec record
	if data, err := os.ReadFile(filepath.Join(dir, commitFile)); err == nil && json.Unmarshal(data, &rec) == nil && len(rec.Files) > 0 {
		return Outcome{What: rec.What, Completed: true, Files: rec.Files}, true, complete(root, rec)
	}
	if data, err := os.ReadFile(filepath.Join(dir, intentFile)); err == nil {
		json.Unmarshal(data, &rec) // torn when interrupted writing it: then nothing else was
	}
	return Outcome{What: rec.What, Files: rec.Files}, true, os.RemoveAll(dir)
}

func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings only
	}
	return data
}

// writeSynced writes a new file and makes sure it is on disk before the
// commit point can name it.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a folder's renames durable, where the system allows.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
