// Package postprocess turns Hugo's output into what is published: every
// text file minified, a 404 page at the root where the CDN looks for it,
// and the CDN's _headers file with a Content-Security-Policy that allows
// exactly the inline style sheets the pages carry, by hash.
package postprocess

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"dhcs.ca.gov/statement/internal/htmldoc"
	"dhcs.ca.gov/statement/internal/workers"
)

// Options for one post-processing run.
type Options struct {
	// SourceLanguage's 404 page becomes the root 404.html.
	SourceLanguage string
	// Preview builds tell search engines not to index them.
	Preview bool
	// Minified says Hugo has already minified the tree as Run would (it
	// rendered with HugoConfig and --minify), so Run only reads the pages'
	// inline styles.
	Minified bool
}

// HeadersName is the file Netlify reads for per-path response headers.
const HeadersName = "_headers"

// Run post-processes the rendered tree in dir.
func Run(dir string, o Options) error {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if mt, ok := mediaTypes[filepath.Ext(path)]; ok && (!o.Minified || mt == "text/html") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Files are independent: minify them on every core. The policy sorts
	// the style hashes, so the order they are found in does not matter.
	m := newMinifier()
	styles := make([][][]byte, len(files))
	errs := make([]error, len(files))
	workers.Each(len(files), func(i int) {
		styles[i], errs[i] = file(m, dir, files[i], o.Minified)
	})
	for _, err := range errs {
		if err != nil {
			return err // the first, as a walk that stops there would
		}
	}
	if err := Root404(dir, o.SourceLanguage); err != nil {
		return err
	}
	return WriteHeaders(dir, slices.Concat(styles...), o.Preview)
}

// Root404 puts the source language's 404 page at the root of dir, where
// the CDN looks for it.
func Root404(dir, sourceLanguage string) error {
	if err := copyFile(filepath.Join(dir, sourceLanguage, "404.html"), filepath.Join(dir, "404.html")); err != nil {
		return fmt.Errorf("root 404 page: %w", err)
	}
	return nil
}

// IsPage reports whether Run reads a file's inline styles: the styles
// WriteHeaders needs are those of these files.
func IsPage(rel string) bool { return mediaTypes[path.Ext(rel)] == "text/html" }

// WriteHeaders writes the _headers file into dir, for pages with the
// given inline styles (see Headers).
func WriteHeaders(dir string, styles [][]byte, preview bool) error {
	return os.WriteFile(filepath.Join(dir, HeadersName), Headers(styles, preview), 0o644)
}

// file minifies one file in place, unless it already is, and returns a
// page's inline styles.
func file(m *minify.M, dir, path string, minified bool) ([][]byte, error) {
	mediatype := mediaTypes[filepath.Ext(path)]
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !minified {
		small, err := m.Bytes(mediatype, data)
		if err != nil {
			rel, _ := filepath.Rel(dir, path)
			return nil, fmt.Errorf("minifying %s: %w", filepath.ToSlash(rel), err)
		}
		if err := os.WriteFile(path, small, 0o644); err != nil {
			return nil, err
		}
		data = small
	}
	if mediatype != "text/html" {
		return nil, nil
	}
	return InlineStyles(data), nil
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
	".json": "application/json",
}

// HugoConfig is the Hugo configuration (minify.tdewolff) under which
// Hugo's --minify writes what newMinifier does: the same minifier
// package, with the same settings where Hugo's defaults differ. The build
// has Hugo minify while it renders, on every core, rather than read and
// write every file again; TestHugoMinifiesAsRunDoes holds the two
// together.
func HugoConfig() map[string]any {
	return map[string]any{"tdewolff": map[string]any{
		"html": map[string]any{
			"keepDocumentTags": true, "keepEndTags": true, "keepQuotes": true,
			"keepDefaultAttrVals": false, "keepSpecialComments": false, "keepWhitespace": false,
		},
		"svg": map[string]any{"keepNamespaces": []string{}},
	}}
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		// <html lang dir> must stay, and explicit document tags keep the
		// pages easy to check.
		KeepDocumentTags: true,
		KeepEndTags:      true,
		KeepQuotes:       true,
	})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("text/xml", xml.Minify)
	m.AddFunc("application/json", json.Minify)
	return m
}

// InlineStyles returns the contents of every <style> element of a page,
// exactly as the browser will hash them.
func InlineStyles(page []byte) [][]byte { return htmldoc.Parse(page).Styles() }

// StyleHash is the CSP source expression that allows one inline style.
func StyleHash(style []byte) string {
	sum := sha256.Sum256(style)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Policy is the Content-Security-Policy for pages with the given inline
// styles: nothing is allowed unless named, nothing from another origin.
func Policy(styles [][]byte) string {
	var hashes []string
	for _, s := range styles {
		hashes = append(hashes, StyleHash(s))
	}
	slices.Sort(hashes)
	hashes = slices.Compact(hashes)
	style := "'none'"
	if len(hashes) > 0 {
		style = strings.Join(hashes, " ")
	}
	return strings.Join([]string{
		"default-src 'none'",
		"style-src " + style,
		"img-src 'self'",
		// The pages run no script (script-src falls back to 'none'), so
		// this allows nothing a page does. It lets tools that fetch
		// through the page's context read the site's own files: Lighthouse
		// (and PageSpeed Insights) fetch robots.txt so, and report it
		// missing under connect-src 'none'.
		"connect-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
		"upgrade-insecure-requests",
	}, "; ")
}

// Headers is the _headers file: the policy for every path, and for
// previews a noindex. The headers that do not change with the content
// (HSTS, caching, ...) are in netlify.toml.
func Headers(styles [][]byte, preview bool) []byte {
	var b bytes.Buffer
	b.WriteString("/*\n")
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", Policy(styles))
	if preview {
		b.WriteString("  X-Robots-Tag: noindex\n")
	}
	return b.Bytes()
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
