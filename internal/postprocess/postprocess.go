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
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	nethtml "golang.org/x/net/html"
)

// Options for one post-processing run.
type Options struct {
	// SourceLanguage's 404 page becomes the root 404.html.
	SourceLanguage string
	// Preview builds tell search engines not to index them.
	Preview bool
}

// HeadersName is the file Netlify reads for per-path response headers.
const HeadersName = "_headers"

// Run post-processes the rendered tree in dir.
func Run(dir string, o Options) error {
	m := newMinifier()
	var styles [][]byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		mediatype, ok := mediaTypes[filepath.Ext(path)]
		if !ok {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		small, err := m.Bytes(mediatype, data)
		if err != nil {
			rel, _ := filepath.Rel(dir, path)
			return fmt.Errorf("minifying %s: %w", filepath.ToSlash(rel), err)
		}
		if mediatype == "text/html" {
			styles = append(styles, InlineStyles(small)...)
		}
		return os.WriteFile(path, small, 0o644)
	})
	if err != nil {
		return err
	}
	if err := copyFile(filepath.Join(dir, o.SourceLanguage, "404.html"), filepath.Join(dir, "404.html")); err != nil {
		return fmt.Errorf("root 404 page: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, HeadersName), Headers(styles, o.Preview), 0o644)
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
	".json": "application/json",
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
func InlineStyles(page []byte) [][]byte {
	var out [][]byte
	z := nethtml.NewTokenizer(bytes.NewReader(page))
	inStyle := false
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return out
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			inStyle = string(name) == "style"
			if inStyle {
				// An empty <style></style> has no text token; it still
				// needs its hash.
				out = append(out, nil)
			}
		case nethtml.TextToken:
			if inStyle {
				out[len(out)-1] = append(out[len(out)-1], z.Raw()...)
			}
		case nethtml.EndTagToken:
			inStyle = false
		}
	}
}

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
