package publish

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Target is the directory a build replaces.
type Target struct {
	// Named is the output as the user gave it, for messages.
	Named string
	// Path is the directory actually replaced: absolute, with every
	// symbolic link followed. A link named as the output stays a link;
	// the build is staged beside, and swapped into, what it points to.
	Path string
}

// Refusal is an output path a build must never replace. Its message says
// why, and what to pass instead.
type Refusal struct{ Reason string }

func (r *Refusal) Error() string { return r.Reason }

// Resolve decides where a build asked to publish into out may publish,
// or refuses. root is the site root; sources are the folders (relative
// to root, or absolute) whose files make the site. Refused whatever the
// flags: an empty name, the file system's root, the site root or a
// folder that holds it, a source folder or anything inside one (or
// holding one), and an existing path that is not a directory. Refused
// unless force is set: an existing directory with files in it that is
// neither a previous build of this tool nor a plain `hugo` build (see
// IsBuild).
func Resolve(root, out string, sources []string, force bool) (Target, error) {
	t := Target{Named: out}
	if strings.TrimSpace(out) == "" {
		return t, &Refusal{"--out is empty: name the output directory, e.g. --out public"}
	}
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return t, err
	}
	realRoot, err := realPath(absRoot, 0)
	if err != nil {
		return t, err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return t, err
	}
	if t.Path, err = realPath(abs, 0); err != nil {
		return t, err
	}
	instead := "; choose a folder of its own for the output, e.g. --out public"
	if err := refuseSource(out, t.Path, realRoot, sources, instead); err != nil {
		return t, err
	}
	fi, err := os.Stat(t.Path)
	switch {
	case os.IsNotExist(err):
		return t, nil
	case err != nil:
		return t, err
	case !fi.IsDir():
		return t, &Refusal{fmt.Sprintf("--out %s is a file, not a directory: a build replaces a whole directory%s", out, instead)}
	}
	entries, err := os.ReadDir(t.Path)
	if err != nil {
		return t, err
	}
	if len(entries) == 0 || force || IsBuild(t.Path) {
		return t, nil
	}
	return t, &Refusal{fmt.Sprintf("--out %s holds files that are not a site build (it has neither the version.json a statement build writes nor the index.html and sitemap.xml of a plain hugo build), and a build replaces the whole directory: choose an empty or new directory, or pass --force to replace it anyway", out)}
}

// refuseSource is the rule every path a command writes and the user names
// follows (build --out, i18n export --out): never the file system's root,
// the site root or a folder holding it, a source folder, anything inside
// one or a folder holding one. path is out with every link followed;
// instead ends each message with what to pass instead.
func refuseSource(out, path, realRoot string, sources []string, instead string) error {
	switch {
	case filepath.Dir(path) == path:
		return &Refusal{fmt.Sprintf("--out %s is the root of the file system%s", out, instead)}
	case path == realRoot:
		return &Refusal{fmt.Sprintf("--out %s is the site's own folder (where hugo.toml is): writing there would replace the source%s", out, instead)}
	case within(realRoot, path):
		return &Refusal{fmt.Sprintf("--out %s holds the site's source (%s): writing there would replace it%s", out, realRoot, instead)}
	}
	for _, s := range sources {
		if !filepath.IsAbs(s) {
			s = filepath.Join(realRoot, s)
		}
		real, err := realPath(s, 0)
		if err != nil {
			continue
		}
		name := displayName(realRoot, real)
		switch {
		case path == real:
			return &Refusal{fmt.Sprintf("--out %s is the source folder %s: writing there would replace it%s", out, name, instead)}
		case within(path, real):
			return &Refusal{fmt.Sprintf("--out %s is inside the source folder %s: the output must be outside the source%s", out, name, instead)}
		case within(real, path):
			return &Refusal{fmt.Sprintf("--out %s holds the source folder %s: writing there would replace it%s", out, name, instead)}
		}
	}
	return nil
}

// ResolveFile decides whether a command asked to write the file out
// (i18n export --out) may write it, by the rule builds follow (see
// refuseSource), and returns the path to write, with every link followed.
// root and sources are as for Resolve; sourceFiles are the site's own
// files (hugo.toml), relative to root. Also refused: a directory, and an
// existing file that previous holds is not (not a file this command
// wrote before), so that nothing but the command's own output is ever
// replaced.
func ResolveFile(root, out string, sources, sourceFiles []string, previous func(data []byte) bool) (string, error) {
	if strings.TrimSpace(out) == "" {
		return "", &Refusal{"--out is empty: name the file to write"}
	}
	realRoot, err := realAbs(root)
	if err != nil {
		return "", err
	}
	path, err := realAbs(out)
	if err != nil {
		return "", err
	}
	instead := "; name a new file outside the source folders, e.g. --out es.xlf"
	if err := refuseSource(out, path, realRoot, sources, instead); err != nil {
		return "", err
	}
	for _, f := range sourceFiles {
		if real, err := realPath(filepath.Join(realRoot, f), 0); err == nil && real == path {
			return "", &Refusal{fmt.Sprintf("--out %s is the site's source file %s: writing there would replace it%s", out, f, instead)}
		}
	}
	fi, err := os.Stat(path)
	switch {
	case os.IsNotExist(err):
		return path, nil
	case err != nil:
		return "", err
	case fi.IsDir():
		return "", &Refusal{fmt.Sprintf("--out %s is a folder; name a file in it%s", out, instead)}
	case !fi.Mode().IsRegular():
		return "", &Refusal{fmt.Sprintf("--out %s is not a regular file%s", out, instead)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !previous(data) {
		return "", &Refusal{fmt.Sprintf("--out %s is a file this command did not write, and writing would replace it: name a new file, or remove this one first", out)}
	}
	return path, nil
}

// realAbs is p made absolute, with every link followed.
func realAbs(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return realPath(abs, 0)
}

// IsBuild tells whether dir holds a previous build: this tool's (a
// version.json manifest with a version and a list of files) or a plain
// `hugo` run's (index.html and sitemap.xml at the top, as Hugo writes
// them for this site).
func IsBuild(dir string) bool {
	if data, err := os.ReadFile(filepath.Join(dir, "version.json")); err == nil {
		var m struct {
			Version string            `json:"version"`
			Files   []json.RawMessage `json:"files"`
		}
		if json.Unmarshal(data, &m) == nil && m.Version != "" && len(m.Files) > 0 {
			return true
		}
	}
	for _, name := range []string{"index.html", "sitemap.xml"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// realPath is p with every symbolic link followed, also when p or some
// of its parents do not exist yet (a link may point to a directory a
// build will create).
func realPath(p string, depth int) (string, error) {
	if depth > 40 {
		return "", fmt.Errorf("%s: too many levels of symbolic links", p)
	}
	r, evalErr := filepath.EvalSymlinks(p)
	if evalErr == nil {
		return r, nil
	}
	fi, err := os.Lstat(p)
	switch {
	case err == nil && fi.Mode()&os.ModeSymlink != 0: // a link to nothing yet
		dest, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		return realPath(filepath.Clean(dest), depth+1)
	case err == nil:
		return "", evalErr
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p, nil
	}
	rp, err := realPath(parent, depth+1)
	if err != nil {
		return "", err
	}
	return filepath.Join(rp, filepath.Base(p)), nil
}

// within tells whether child is strictly inside parent.
func within(child, parent string) bool {
	rel, err := filepath.Rel(parent, child)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func displayName(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel) + "/"
	}
	return p
}
