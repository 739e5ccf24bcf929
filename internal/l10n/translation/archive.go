package translation

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ArchiveDir keeps every English text a translation was made from, one
// file per hash. It is written by the tool (`revise`, `i18n done`,
// `i18n scaffold`), never by hand, and committed, so that `i18n status`
// can show a translator what changed in English since they translated.
const ArchiveDir = "translations/english"

// Archive stores the English text of each unit under its hash. Files are
// named by their content, so they are never rewritten, and two
// translators adding the same one do not conflict.
func Archive(root string, units []Unit) error {
	if err := os.MkdirAll(filepath.Join(root, ArchiveDir), 0o755); err != nil {
		return err
	}
	for rel, data := range ArchiveFiles(root, units) {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ArchiveFiles is what Archive would write: each file not archived yet,
// by its path relative to root (with slashes), with its text. i18n import
// writes them in the same transaction as the translations.
func ArchiveFiles(root string, units []Unit) map[string][]byte {
	files := map[string][]byte{}
	for _, u := range units {
		rel := ArchiveDir + "/" + u.Hash() + ".txt"
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			continue
		}
		files[rel] = []byte(normalize(u.Text) + "\n")
	}
	return files
}

// Archived returns the English text stored under hash.
func Archived(root, hash string) (string, bool) {
	if hash == "" || strings.ContainsAny(hash, `/\.`) {
		return "", false
	}
	data, err := os.ReadFile(filepath.Join(root, ArchiveDir, hash+".txt"))
	if errors.Is(err, os.ErrNotExist) || err != nil {
		return "", false
	}
	return normalize(string(data)), true
}

func normalize(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
