package cdn

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// RedirectsName is the file Netlify reads for redirect rules. Its rules
// are applied before netlify.toml's [[redirects]], and within the file
// the first rule that matches a request wins.
const RedirectsName = "_redirects"

// legacyCodes are language codes browsers still send for languages whose
// code has since changed (Tagalog's tl for Filipino, Hebrew's iw, ...).
// A language answers those of them that golang.org/x/text reads as the
// same language, so that a reader whose browser asks for "tl" reaches
// the Filipino page.
var legacyCodes = []string{"in", "iw", "ji", "mo", "tl"}

// AcceptLanguages are the codes a Netlify Language condition is given for
// a published language. Netlify compares them with the language part of
// Accept-Language (es-MX is es, zh-TW is zh), so a language answers its
// base language and any legacy code for it (fil answers tl). A code with a
// script or a region (zh-hant) answers nothing: its language part alone
// cannot tell a reader of Traditional Chinese (zh-TW) from one of
// Simplified (zh-CN), so those readers choose on the root page rather than
// be sent to a script they may not read.
func AcceptLanguages(code string) []string {
	tag := language.Make(code)
	base, _ := tag.Base()
	if base.String() != strings.ToLower(code) {
		return nil
	}
	codes := []string{base.String()}
	for _, legacy := range legacyCodes {
		if b, _ := language.Make(legacy).Base(); b == base && legacy != base.String() {
			codes = append(codes, legacy)
		}
	}
	return codes
}

// Redirects is the _redirects file for a site publishing these languages
// (in the order of hugo.toml's weights; drafts only in previews), whose
// source language is source:
//
//   - the root, which lets a reader choose a language, sends a browser that
//     asks for one we publish straight to it. The source language (English)
//     comes first: how a CDN matches a Language condition against a header
//     that lists several languages is not documented (netlify-cli reads
//     only the first, cut to two letters; a CDN that takes any listed
//     language takes the first rule that matches). With English first, the
//     reader's first choice wins when the CDN reads the first language, and
//     when it reads any, no reader is sent to a language they ranked below
//     English (a Spanish reader whose browser also lists English may get
//     English, and its language links). The root has an index.html, and
//     Netlify serves an existing file rather than apply an unforced rule
//     ("shadowing"), so these rules are forced (302!). A language code two
//     languages answer goes to the first of them only.
//   - each language's missing pages get that language's 404 page; these
//     are not forced, so every existing file is still served.
func Redirects(published []string, source string) []byte {
	order := slices.Clone(published)
	if i := slices.Index(order, source); i >= 0 {
		order = append([]string{source}, slices.Delete(order, i, i+1)...)
	}
	var b bytes.Buffer
	b.WriteString("# Written by `statement build` from hugo.toml's published languages; do not edit.\n")
	b.WriteString("# The first rule that matches wins; netlify.toml's rules come after these.\n")
	b.WriteString("\n# The language chooser sends a browser to the language it asks for.\n")
	taken := map[string]bool{}
	for _, code := range order {
		var answers []string
		for _, a := range AcceptLanguages(code) {
			if !taken[a] {
				taken[a] = true
				answers = append(answers, a)
			}
		}
		if len(answers) > 0 {
			fmt.Fprintf(&b, "/  /%s/  302!  Language=%s\n", code, strings.Join(answers, ","))
		}
	}
	b.WriteString("\n# Each language's missing pages get its own 404 page.\n")
	for _, code := range order {
		fmt.Fprintf(&b, "/%s/*  /%s/404.html  404\n", code, code)
	}
	return b.Bytes()
}

// WriteRedirects writes the _redirects file into dir (see Redirects).
func WriteRedirects(dir string, published []string, source string) error {
	return os.WriteFile(filepath.Join(dir, RedirectsName), Redirects(published, source), 0o644)
}
