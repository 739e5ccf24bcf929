// Command netlifyheaders prints, as JSON, the response-header rules the
// CDN applies to a built site (package cdn): the output's _headers,
// then netlify.toml's [[headers]], each with its path as a regular
// expression. The browser suite's server reads it, so that it sends what
// the Go tests grade.
//
//	go run ./tools/netlifyheaders [-config netlify.toml] public
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"dhcs.ca.gov/statement/internal/output/cdn"
)

func main() {
	config := flag.String("config", "netlify.toml", "the site's netlify.toml")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: netlifyheaders [-config netlify.toml] DIR")
		os.Exit(2)
	}
	rules, err := cdn.Load(flag.Arg(0), *config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "netlifyheaders:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(rules)
}
