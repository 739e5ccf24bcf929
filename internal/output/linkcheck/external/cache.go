package external

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// cacheVersion changes when the file's meaning does; an old file is then
// ignored rather than misread.
const cacheVersion = 1

// Cache remembers the links that worked, so that a scheduled job (or a
// second run the same day) does not ask the same hosts again. Broken and
// unclear answers are not kept: those are what someone is fixing, and the
// next run should see the fix.
type Cache struct {
	path   string
	expiry time.Duration

	mu      sync.Mutex
	entries map[string]Result
}

type cacheFile struct {
	Version int      `json:"version"`
	Results []Result `json:"results"`
}

// OpenCache reads the cache at path. A missing file is an empty cache; an
// unreadable one is an empty cache and an error saying why, which the
// caller reports as a warning: the check still runs.
func OpenCache(path string, expiry time.Duration) (*Cache, error) {
	c := &Cache{path: path, expiry: expiry, entries: map[string]Result{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		return c, fmt.Errorf("%s is not a link cache (%v); starting afresh", path, err)
	}
	if f.Version != cacheVersion {
		return c, nil
	}
	for _, r := range f.Results {
		c.entries[r.URL] = r
	}
	return c, nil
}

// Get returns the remembered result for url while it is fresh.
func (c *Cache) Get(url string, now time.Time) (Result, bool) {
	if c == nil {
		return Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.entries[url]
	if !ok || !c.fresh(r, now) {
		return Result{}, false
	}
	r.Cached = true
	return r, true
}

func (c *Cache) fresh(r Result, now time.Time) bool {
	return !now.Before(r.Checked) && now.Sub(r.Checked) < c.expiry
}

// Put remembers a result if it is worth remembering.
func (c *Cache) Put(r Result) {
	if c == nil || r.Verdict != OK {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[r.URL] = r
}

// Save writes the fresh entries, sorted so that the file reads well, in
// one rename so that an interrupted run leaves the old file whole.
func (c *Cache) Save(now time.Time) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	f := cacheFile{Version: cacheVersion, Results: []Result{}}
	for _, r := range c.entries {
		if c.fresh(r, now) {
			f.Results = append(f.Results, r)
		}
	}
	c.mu.Unlock()
	slices.SortFunc(f.Results, func(a, b Result) int { return strings.Compare(a.URL, b.URL) })
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".linkcheck-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path)
}
