// Command statement builds, checks and previews the statement site. It
// refuses bad source, renders with the embedded Hugo, checks the result
// and publishes it atomically. Run `statement --help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"

	"dhcs.ca.gov/statement/internal/build"
	"dhcs.ca.gov/statement/internal/output/budget"
	"dhcs.ca.gov/statement/internal/output/checks"
	"dhcs.ca.gov/statement/internal/output/linkcheck/external"
	"dhcs.ca.gov/statement/internal/output/publish"
	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/platform/interrupt"
	"dhcs.ca.gov/statement/internal/platform/sitelock"
	"dhcs.ca.gov/statement/internal/preview"
	"dhcs.ca.gov/statement/internal/render"
)

// Exit codes.
const (
	exitOK      = 0
	exitProblem = 1 // the content or the output has problems
	exitUsage   = 2 // usage or environment error
)

const usage = `statement builds the statement site: it checks the source, renders it
with the embedded Hugo, checks the result and publishes it in one step.

Usage:
  statement build    [--out DIR] [--force] [--no-wait] [--context production|preview] [--strict [--lang LANG]...] [--format text|json|github]
  statement validate [--context production|preview] [--strict [--lang LANG]...] [--verbose] [--format text|json|github]
  statement check    [--external] [--format text|json|github] [DIR]
  statement i18n status [LANG] [--format text|json]
  statement i18n scaffold LANG
  statement i18n add LANG --label NAME [--dir ltr|rtl]
  statement i18n done LANG UNIT... | --all  [--unchanged]
  statement i18n review LANG UNIT... | --all --by "NAME (credential)"
  statement i18n export LANG --format xliff|po [--all] --out FILE
  statement i18n import FILE [--reviewed-by "NAME (credential)"]
  statement revise   --major|--minor --note "..." [--date YYYY-MM-DD]
  statement revise   --amend REVISION --note "..."
  statement serve    [an allow-list of hugo server flags, e.g. --port N --bind 127.0.0.1]

Run it from the repository root. "statement COMMAND --help" explains a command.

Exit status: 0 all good; 1 the content or the output has problems (each one
is reported); 2 usage or environment error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	return dispatch("statement", usage, map[string]command{
		"build":    runBuild,
		"validate": runValidate,
		"check":    runCheck,
		"serve":    runServe,
		"i18n":     runI18n,
		"revise":   locked("revise", runRevise),
	}, args, stdout, stderr)
}

// command runs one (sub)command on its arguments and returns the exit code.
type command func(args []string, stdout, stderr io.Writer) int

// dispatch runs the command args[0] names, or prints the usage.
func dispatch(prog, usage string, commands map[string]command, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if cmd, ok := commands[args[0]]; ok {
		if prog == "statement" {
			recoverInterrupted(stderr)
		}
		return cmd(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n\n%s", prog, args[0], usage)
	return exitUsage
}

// locked runs a command that writes into the site holding the site's
// lock, so that it never interleaves with a build or another writer; it
// waits for the lock, saying why.
func locked(what string, cmd command) command {
	return func(args []string, stdout, stderr io.Writer) int {
		lock, err := sitelock.Acquire(".", what, sitelock.Tell(stderr, what))
		if err != nil {
			fmt.Fprintf(stderr, "statement %s: %v\n", what, err)
			return exitUsage
		}
		defer lock.Release()
		recoverLocked(stderr) // interrupted while this one waited
		return cmd(args, stdout, stderr)
	}
}

// common holds the flags several commands share.
type common struct {
	format  string
	context string
	strict  bool
	langs   languageFlag
}

// languageFlag collects --lang, which may be given more than once.
type languageFlag []string

func (f *languageFlag) String() string { return strings.Join(*f, ",") }

func (f *languageFlag) Set(s string) error {
	*f = append(*f, s)
	return nil
}

func newFlags(name, summary string, stderr io.Writer, c *common, withContext bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.format, "format", "text", "how to print problems: text, json or github (workflow annotations)")
	if withContext {
		fs.StringVar(&c.context, "context", string(build.DefaultContext(os.Getenv)), "production, or preview (deploy previews; warns where production fails)")
		fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors")
		fs.Var(&c.langs, "lang", "with --strict, hold only this language's translation strictly (repeatable); warnings about other translations stay warnings")
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nFlags:\n", summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse reads flags; it returns an exit code when the command should stop.
// Help asked for is printed once, on stdout; a bad flag is named on
// stderr (by package flag) with the usage after it.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // package flag calls it for -h too; print it below, once
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		stderr := fs.Output()
		fs.SetOutput(stdout)
		fs.Usage()
		fs.SetOutput(stderr)
		return exitOK, true
	case err != nil:
		fs.Usage()
		return exitUsage, true
	}
	return 0, false
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var c common
	var out string
	var force, noWait bool
	fs := newFlags("build", `statement build: check the source, render it, check the output and replace the output directory in one step.
On any problem, and on Ctrl-C, the previous output stays exactly as it was.
The output is never the site's folder, a folder holding it, or a source folder;
a symbolic link named as the output is followed and stays a link.`, stderr, &c, true)
	fs.StringVar(&out, "out", "public", "the output directory, replaced as a whole (a previous build, an empty or a new directory)")
	fs.BoolVar(&force, "force", false, "replace an output directory that holds files but is not a previous build")
	fs.BoolVar(&noWait, "no-wait", false, "when another statement command is working on this site, stop (exit 2) instead of waiting for it")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	opts, code := options(c, stderr)
	if code != 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "statement build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	opts.Out = out
	opts.Force = force
	if !noWait {
		opts.Waiting = func(busy *sitelock.BusyError) {
			fmt.Fprintf(stderr, "statement build: waiting: %v (--no-wait stops instead)\n", busy)
		}
	}
	var published atomic.Bool
	opts.Published = func() { published.Store(true) }
	stop := interrupt.Catch(stderr, func() string {
		if published.Load() {
			return fmt.Sprintf("statement build: interrupted after publishing %s/", out)
		}
		return fmt.Sprintf("statement build: interrupted; nothing was published, %s is unchanged", out)
	})
	defer stop()
	opts.BaseURL = build.PreviewBaseURL(opts.Context, os.Getenv)
	var pages []budget.Page
	opts.PageSizes = func(p []budget.Page) { pages = p }
	opts.ExactSizes = c.format == "json" // every page's size is in the document
	l, err := build.Run(opts)
	if c.format == "json" {
		// One document: the problems, and what every page weighs.
		diag.WriteDocument(stdout, struct {
			diag.Document
			Pages []budget.Page `json:"pages"`
		}{diag.NewDocument(l), append([]budget.Page{}, pages...)})
		code = exitOK
		if l.HasErrors() {
			code = exitProblem
		}
	} else {
		code = report(l, c.format, stdout, stderr)
	}
	var refused *publish.Refusal
	var busy *sitelock.BusyError
	switch {
	case errors.As(err, &refused), errors.As(err, &busy):
		fmt.Fprintf(stderr, "statement build: %v; nothing was published\n", err)
		return exitUsage
	case errors.Is(err, publish.ErrOutputMoved):
		fmt.Fprintf(stderr, "statement build: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "statement build: %v; nothing was published, %s is unchanged\n", err, out)
		return exitUsage
	}
	if code != exitOK {
		fmt.Fprintf(stderr, "statement build: nothing published; %s is unchanged\n", out)
		return code
	}
	if c.format == "text" {
		fmt.Fprintf(stderr, "statement build: published %s/\n", out)
		if p, ok := budget.Largest(pages); ok {
			fmt.Fprintf(stderr, "statement build: largest page %s: %d bytes, %d of %d bytes gzip-compressed\n", p.Path, p.Raw(), p.TotalGzipBytes, p.BudgetBytes)
		}
	}
	return exitOK
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	var c common
	var verbose bool
	fs := newFlags("validate", "statement validate: run every check that build runs before rendering, and write nothing.\nErrors come first; each language's translation warnings are one line, naming `statement i18n status LANG`,\nunless --verbose, --lang or a --format for machines asks for every one.", stderr, &c, true)
	fs.BoolVar(&verbose, "verbose", false, "list every translation warning, not one line per language")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	opts, code := options(c, stderr)
	if code != 0 {
		return code
	}
	site, l := build.ValidateSite(opts)
	if verbose || len(c.langs) > 0 {
		code = report(l, c.format, stdout, stderr)
	} else {
		code = reportBrief(l, c.format, "validate --verbose", stdout, stderr)
	}
	if c.format == "text" && code == exitOK {
		// One line, so that all being well is not silence.
		verdict := "no problems"
		if len(l) > 0 {
			verdict = "no errors; the warnings above do not stop a build"
		}
		fmt.Fprintf(stderr, "statement validate: checked %s for %s: %s\n", site.Summary(), opts.Context, verdict)
	}
	return code
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var c common
	var outside bool
	fs := newFlags("check", "statement check [--external] [DIR]: check the links, assets, fragments and hreflang alternates of a built site (default: public).\nWith --external, also ask other sites whether the addresses it links to still work\n(settings, ignore list and cache: "+external.ConfigFile+", see docs/DEVELOPING.md).", stderr, &c, false)
	fs.BoolVar(&outside, "external", false, "also check links to other sites (slow; never part of build)")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	// Flags may follow DIR too ("check public --format json").
	var dirs []string
	for fs.NArg() > 0 {
		dirs = append(dirs, fs.Arg(0))
		if code, stop := parse(fs, fs.Args()[1:], stdout); stop {
			return code
		}
	}
	if _, err := diag.ParseFormat(c.format); err != nil {
		fmt.Fprintln(stderr, "statement:", err)
		return exitUsage
	}
	if len(dirs) > 1 {
		fmt.Fprintf(stderr, "statement check: unexpected argument %q; check one directory at a time\n", dirs[1])
		return exitUsage
	}
	dir := "public"
	if len(dirs) > 0 {
		dir = dirs[0]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // Ctrl-C stops --external early
	defer stop()
	r, err := checks.Links(ctx, ".", dir, outside)
	if err != nil {
		fmt.Fprintf(stderr, "statement check: %v\n", err)
		return exitUsage
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(stderr, "statement check: warning: %s\n", w)
	}
	code := report(r.Problems, c.format, stdout, stderr)
	if r.Summary != "" {
		errs, warns := r.Problems.Count()
		fmt.Fprintf(stderr, "statement check: %s; %d error(s), %d warning(s)\n", r.Summary, errs, warns)
	}
	return code
}

func runServe(args []string, stdout, stderr io.Writer) int {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprint(stdout, `statement serve [hugo server flags, e.g. --port 1314 --bind 127.0.0.1]: preview the site
as it is, with live reload. It starts with unrecorded changes and with
problems: every problem validate finds is listed at the top of each page
(in the preview only) and here, and checked again on every change. The
preview is served from memory; it never writes public/, nor anything else.

Hugo server flags it accepts (any other is refused):
  `+render.ServeFlags+`
`)
			return exitOK
		}
	}
	if a := render.ServeRefused(args); a != "" {
		fmt.Fprintf(stderr, "statement serve: %s is not one of the flags serve accepts: %s; the preview is served from memory and writes nothing on disk\n", a, render.ServeFlags)
		return exitUsage
	}
	err := preview.Run(preview.Options{Root: ".", Today: today(), Hugo: args, Terminal: stderr, Colour: wantsColour(stderr)})
	var failed *render.BuildError
	if errors.As(err, &failed) {
		diag.Write(stderr, diag.List{failed.Diagnostic}, diag.Text, wantsColour(stderr))
		fmt.Fprintln(stderr, "statement serve: Hugo cannot build the site (above); fix it, then run statement serve again")
		return exitProblem
	}
	if err != nil {
		fmt.Fprintln(stderr, "statement serve:", err)
		return exitUsage
	}
	return exitOK
}

func options(c common, stderr io.Writer) (build.Options, int) {
	if _, err := diag.ParseFormat(c.format); err != nil {
		fmt.Fprintln(stderr, "statement:", err)
		return build.Options{}, exitUsage
	}
	ctx, err := build.ParseContext(c.context)
	if err != nil {
		fmt.Fprintln(stderr, "statement:", err)
		return build.Options{}, exitUsage
	}
	if err := build.CheckLanguages(".", c.strict, c.langs); err != nil {
		fmt.Fprintln(stderr, "statement:", err)
		return build.Options{}, exitUsage
	}
	return build.Options{Root: ".", Context: ctx, Strict: c.strict, Languages: c.langs, Today: today().First()}, 0
}

// report prints the diagnostics: text on stderr for people, json and
// github on stdout for machines. It returns the exit code they call for.
func report(l diag.List, format string, stdout, stderr io.Writer) int {
	f, _ := diag.ParseFormat(format)
	w := stderr
	if f != diag.Text {
		w = stdout
	}
	diag.Write(w, l, f, f == diag.Text && wantsColour(stderr))
	if f == diag.Text && len(l) > 0 {
		errs, warns := l.Count()
		fmt.Fprintf(stderr, "%d error(s), %d warning(s)\n", errs, warns)
	}
	if l.HasErrors() {
		return exitProblem
	}
	return exitOK
}

// reportBrief is report for an editor's terminal: in text, the errors
// first and each language's translation warnings as one line naming the
// command that lists them (more: how to list them here). Machines (json,
// github) get every diagnostic.
func reportBrief(l diag.List, format, more string, stdout, stderr io.Writer) int {
	if f, _ := diag.ParseFormat(format); f != diag.Text {
		return report(l, format, stdout, stderr)
	}
	diag.WriteBrief(stderr, l, wantsColour(stderr), more)
	if len(l) > 0 {
		errs, warns := l.Count()
		fmt.Fprintf(stderr, "%d error(s), %d warning(s)\n", errs, warns)
	}
	if l.HasErrors() {
		return exitProblem
	}
	return exitOK
}

// wantsColour is true only for a terminal, and never with NO_COLOR set.
func wantsColour(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
