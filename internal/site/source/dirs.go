package source

import (
	"path/filepath"

	"github.com/BurntSushi/toml"
)

// protectedDirs are the folders of a site repository that a build must
// never publish into: what Hugo reads by default, the translators'
// archive, and the repository's own folders.
var protectedDirs = []string{
	"content", "data", I18nDir, "themes", "layouts", "assets", "static", "archetypes",
	"resources", "translations", ".git", ".github", ".ci", "cmd", "internal", "tools", "docs", "testdata",
}

// hugoDirKeys are hugo.toml's settings that name a folder Hugo reads.
var hugoDirKeys = []string{"contentDir", "dataDir", "i18nDir", "layoutDir", "staticDir", "assetDir", "themesDir", "archetypeDir", "resourceDir"}

// SourceDirs lists the folders, relative to root or absolute, whose files
// make the site or belong to its authors: the standard ones and every
// folder hugo.toml names (for the site, for each language, and module
// mounts). It reads hugo.toml leniently: when the file does not load, the
// standard folders are still listed.
func SourceDirs(root string) []string {
	dirs := append([]string{}, protectedDirs...)
	var config map[string]any
	if _, err := toml.DecodeFile(filepath.Join(root, ConfigFile), &config); err != nil {
		return dirs
	}
	addFrom := func(m map[string]any) {
		for _, key := range hugoDirKeys {
			switch v := m[key].(type) {
			case string:
				dirs = append(dirs, v)
			case []any:
				for _, s := range v {
					if s, ok := s.(string); ok {
						dirs = append(dirs, s)
					}
				}
			}
		}
	}
	addFrom(config)
	if langs, ok := config["languages"].(map[string]any); ok {
		for _, lang := range langs {
			if m, ok := lang.(map[string]any); ok {
				addFrom(m)
			}
		}
	}
	if module, ok := config["module"].(map[string]any); ok {
		if mounts, ok := module["mounts"].([]map[string]any); ok {
			for _, m := range mounts {
				if s, ok := m["source"].(string); ok {
					dirs = append(dirs, s)
				}
			}
		}
	}
	var out []string
	for _, d := range dirs {
		if d != "" && d != "." {
			out = append(out, filepath.FromSlash(d))
		}
	}
	return out
}
