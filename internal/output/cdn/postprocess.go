// Package cdn is what the CDN (Netlify) is given and how it will serve it.
// It adds to Hugo's output what the CDN needs: a 404 page at the root
// where it looks for it, the _headers file with a Content-Security-Policy
// that allows exactly the inline style sheets the pages carry, by hash,
// and the _redirects file that sends a browser from / to the published
// language its Accept-Language asks for and serves each language's own
// 404 page for its missing addresses.
// It also reads the header rules back as Netlify applies them (Load), so
// that the tests and the browser suite judge what readers will get. Hugo
// minifies while it renders, with the settings of HugoConfig; the build's
// one pass (package checks) reads the pages' inline styles.
package cdn

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// HeadersName is the file Netlify reads for per-path response headers.
const HeadersName = "_headers"

// Root404 puts the source language's 404 page at the root of dir, where
// the CDN looks for it.
func Root404(dir, sourceLanguage string) error {
	if err := copyFile(filepath.Join(dir, sourceLanguage, "404.html"), filepath.Join(dir, "404.html")); err != nil {
		return fmt.Errorf("root 404 page: %w", err)
	}
	return nil
}

// WriteHeaders writes the _headers file into dir, for pages with the
// given inline styles (see Headers).
func WriteHeaders(dir string, styles [][]byte, preview bool) error {
	return os.WriteFile(filepath.Join(dir, HeadersName), Headers(styles, preview), 0o644)
}

// HugoConfig is the Hugo configuration (minify.tdewolff) for Hugo's
// --minify: <html lang dir>, the document tags and end tags stay (the
// checks and browsers rely on them), and quotes too. The build has Hugo
// minify while it renders, on every core, rather than read and write
// every file again (docs/PERFORMANCE.md, round 1).
func HugoConfig() map[string]any {
	return map[string]any{"tdewolff": map[string]any{
		"html": map[string]any{
			"keepDocumentTags": true, "keepEndTags": true, "keepQuotes": true,
			"keepDefaultAttrVals": false, "keepSpecialComments": false, "keepWhitespace": false,
		},
		"svg": map[string]any{"keepNamespaces": []string{}},
	}}
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
