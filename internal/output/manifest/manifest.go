// Package manifest describes a built site to machines: version.json (the
// version, the languages and each file's checksum) and SHA256SUMS, and
// takes the snapshots of the source that tell whether it changed while a
// build was running.
package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"dhcs.ca.gov/statement/internal/platform/workers"
)

// Language is one published language as version.json reports it.
type Language struct {
	Code      string `json:"code"`
	Locale    string `json:"locale"`
	Label     string `json:"label"`
	Direction string `json:"direction"`
	// EnglishRevision is the date of the English revision a translation
	// matches; for English itself, the current revision.
	EnglishRevision string `json:"english_revision"`
}

// File is one output file and its checksum.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest is version.json: what was published, from what, and a checksum
// for every file, so that anyone can prove what the site said.
type Manifest struct {
	Version     string     `json:"version"`
	Updated     string     `json:"updated"`
	FirstIssued string     `json:"first_issued"`
	Source      string     `json:"source"`
	Languages   []Language `json:"languages"`
	Files       []File     `json:"files"`
}

// Names of the files the manifest step writes into the output.
const (
	ManifestName = "version.json"
	SumsName     = "SHA256SUMS"
)

// writeManifest checksums every file under dir and writes version.json and
// SHA256SUMS (in the format `sha256sum -c` reads) beside them. The
// manifest does not list itself or the sums file.
func writeManifest(dir string, m Manifest) error { return WriteManifestKnown(dir, m, nil) }

// FileOf is the manifest's entry for a file of the tree at rel.
func FileOf(rel string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Path: rel, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
}

// WriteManifestKnown is writeManifest for a tree some of whose files the
// caller has already read and summed (FileOf), by path; it reads only the
// others. The build sums each page in the pass that reads it for the
// checks; the caller vouches that those files have not changed since.
func WriteManifestKnown(dir string, m Manifest, known map[string]File) error {
	files, err := checksum(dir, known)
	if err != nil {
		return err
	}
	m.Files = files
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644); err != nil {
		return err
	}
	var sums bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Path)
	}
	return os.WriteFile(filepath.Join(dir, SumsName), sums.Bytes(), 0o644)
}

func checksum(dir string, known map[string]File) ([]File, error) {
	var files []File
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName || rel == SumsName {
			return nil
		}
		files = append(files, File{Path: rel})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Reading and hashing is most of the work, and files are
	// independent: on every core.
	errs := make([]error, len(files))
	workers.Each(len(files), func(i int) {
		f := &files[i]
		if k, ok := known[f.Path]; ok {
			*f = k
			return
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			errs[i] = err
			return
		}
		*f = FileOf(f.Path, data)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// Snapshot is the source as read at one moment: the digest the manifest
// records, of the files that make the site (names and contents, in a fixed
// order, so that it names exactly what was built without depending on git
// or the machine), and each file's own checksum, so that two
// snapshots can say which files changed between them.
type Snapshot struct {
	Digest string
	Files  map[string]string // slash path from the root → sha256
}

// ReadSnapshot reads every file under parts (files or folders, relative
// to root; missing ones are skipped).
func ReadSnapshot(root string, parts []string) (Snapshot, error) {
	snap := Snapshot{Files: map[string]string{}}
	h := sha256.New()
	for _, part := range parts {
		base := filepath.Join(root, part)
		if _, err := os.Stat(base); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
			h.Write(data)
			sum := sha256.Sum256(data)
			snap.Files[rel] = hex.EncodeToString(sum[:])
			return nil
		})
		if err != nil {
			return Snapshot{}, err
		}
	}
	snap.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	return snap, nil
}

// Changed lists the files added, removed or changed between s and later,
// in order.
func (s Snapshot) Changed(later Snapshot) []string {
	var out []string
	for path, sum := range s.Files {
		if later.Files[path] != sum {
			out = append(out, path)
		}
	}
	for path := range later.Files {
		if _, ok := s.Files[path]; !ok {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}
