package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/l10n/workflow"
	"dhcs.ca.gov/statement/internal/site/source"
)

const i18nUsage = `statement i18n: the translators' commands.

  statement i18n status [LANG] [--format text|json]
      every language (or LANG): page, strings, events and notes translated of the
      total, stale units with what changed in English, draft or published,
      and what to do next
  statement i18n scaffold LANG
      add every missing file and entry of LANG, holding the English text
      (counted as untranslated until you translate it); never overwrites
  statement i18n done LANG UNIT... | --all
      record that the units (ids as status prints them, e.g. skip_link,
      event.court-clarification, note.2026-01-02.2, page) are translated
      from the current English; --all marks every stale unit and every
      untranslated one whose text is no longer the English
  statement i18n add LANG --label NAME [--dir ltr|rtl]
      start a new language: add it to hugo.toml as a draft (previews build
      it, production leaves it out) and scaffold its files; publishing it
      is removing draft = true
  statement i18n export LANG --format xliff|po [--all] --out FILE
      write what LANG lacks or has stale (--all: every unit) as XLIFF 1.2
      or gettext PO for a translation vendor: each unit's English, the
      current translation to start from, and the English it was made from
  statement i18n import FILE
      read a vendor's XLIFF or PO file back: every unit is checked first
      (known id, current English, link addresses, heading ids,
      placeholders, no raw HTML); one problem anywhere and nothing is
      written, otherwise the language's files are updated and the units
      recorded as translated from the current English
`

func runI18n(args []string, stdout, stderr io.Writer) int {
	return dispatch("statement i18n", i18nUsage, map[string]command{
		"status":   runI18nStatus,
		"scaffold": locked("i18n scaffold", runI18nScaffold),
		"done":     locked("i18n done", runI18nDone),
		"add":      locked("i18n add", runI18nAdd),
		"export":   runI18nExport,
		"import":   locked("i18n import", runI18nImport),
	}, args, stdout, stderr)
}

// commandFlags is a flag set for a command without the build's flags.
func commandFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n", summary)
		fs.PrintDefaults()
	}
	return fs
}

// loadForTranslators loads the site as a preview would (drafts and future
// events are not errors for a translator) and stops only when the English
// itself cannot be read.
func loadForTranslators(stderr io.Writer) (*source.Site, bool) {
	site, l := source.Load(".", source.Options{Today: today().First()})
	if len(site.Units) == 0 {
		report(l, "text", io.Discard, stderr)
		fmt.Fprintln(stderr, "statement i18n: the English source did not load; fix the errors above first")
		return nil, false
	}
	return site, true
}

func runI18nStatus(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n status", "statement i18n status [LANG] [--format text|json]: how complete and current every translation (or LANG's) is.", stderr)
	format := fs.String("format", "text", "text or json")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	// Flags may follow LANG too ("i18n status es --format json").
	var only []string
	for fs.NArg() > 0 {
		only = append(only, fs.Arg(0))
		if code, stop := parse(fs, fs.Args()[1:], stdout); stop {
			return code
		}
	}
	if len(only) > 1 {
		fmt.Fprintf(stderr, "statement i18n status: unexpected argument %q; name one language or none\n", only[1])
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "statement i18n status: unknown format %q: use text or json\n", *format)
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	status := workflow.Status(site)
	if len(only) == 1 {
		i := slices.IndexFunc(status, func(ls workflow.Language) bool { return ls.Code == only[0] })
		if i < 0 {
			fmt.Fprintf(stderr, "statement i18n status: no translation %q (%s configures the languages)\n", only[0], source.ConfigFile)
			return exitUsage
		}
		status = status[i : i+1]
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"languages": status}); err != nil {
			return exitUsage
		}
		return exitOK
	}
	writeStatus(stdout, status)
	return exitOK
}

func writeStatus(w io.Writer, status []workflow.Language) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LANGUAGE\tSTATE\tPAGE\tSTRINGS\tEVENTS\tNOTES\tSTALE\tNEXT")
	for _, ls := range status {
		state := "published"
		if ls.Draft {
			state = "draft"
		}
		c := func(k translation.Kind) string { return fmt.Sprintf("%d/%d", ls.Counts[k].Done, ls.Counts[k].Total) }
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", ls.Code, state, c(translation.Page), c(translation.String), c(translation.Event), c(translation.Note), ls.Stale, ls.Next)
	}
	tw.Flush()
	for _, ls := range status {
		for i, r := range ls.Removed {
			if i == 0 {
				fmt.Fprintf(w, "\n%s (%s): blocks the English page no longer has; the build leaves them out, and `statement i18n done %s --all` removes them:\n", ls.Code, ls.Label, ls.Code)
			}
			fmt.Fprintf(w, "  %s:%d: %s\n", r.File, r.Line, r.Text)
		}
		if len(ls.Units) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s):\n", ls.Code, ls.Label)
		for _, u := range ls.Units {
			where := u.File
			if u.Line > 0 {
				where = fmt.Sprintf("%s:%d", u.File, u.Line)
			}
			fmt.Fprintf(w, "  %s: %s %s (English, %s)\n", where, u.ID, u.State, u.English)
			switch {
			case u.Diff != "":
				fmt.Fprintf(w, "    the English changed since it was translated:\n")
				for _, line := range strings.Split(u.Diff, "\n") {
					fmt.Fprintf(w, "      %s\n", line)
				}
			case u.State == translation.Stale:
				fmt.Fprintf(w, "    the English changed; what it was is not archived, so compare with the English now:\n      %s\n", oneLine(u.Text))
			default:
				fmt.Fprintf(w, "    English: %s\n", oneLine(u.Text))
			}
			if u.Command != "" {
				fmt.Fprintf(w, "    when translated: %s\n", u.Command)
			}
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func runI18nScaffold(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n scaffold", "statement i18n scaffold LANG: add every missing file and entry of LANG with its English text, marked untranslated.", stderr)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "statement i18n scaffold: name one language, e.g. statement i18n scaffold hmn")
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	written, err := workflow.Scaffold(site, fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n scaffold:", err)
		return exitProblem
	}
	if len(written) == 0 {
		fmt.Fprintf(stdout, "%s has every file and entry already; nothing changed\n", fs.Arg(0))
		return exitOK
	}
	for _, f := range written {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(stdout, "translate the entries marked TODO, then run `statement i18n done %s ...` as `statement i18n status` shows\n", fs.Arg(0))
	return exitOK
}

func runI18nDone(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n done", "statement i18n done LANG UNIT... | --all: record that units are translated from the current English.", stderr)
	all := fs.Bool("all", false, "mark every stale unit, and every untranslated one whose text is no longer the English")
	// Translators write `done es --all` as often as `done --all es`; the
	// flag package stops at the first argument, so take --all from anywhere.
	var rest []string
	for _, a := range args {
		if a == "--all" || a == "-all" {
			*all = true
		} else {
			rest = append(rest, a)
		}
	}
	if code, stop := parse(fs, rest, stdout); stop {
		return code
	}
	if fs.NArg() < 1 || (fs.NArg() == 1 && !*all) {
		fmt.Fprintln(stderr, "statement i18n done: name a language and the units you translated (or --all), e.g. statement i18n done es skip_link")
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	marked, skipped, err := workflow.Done(site, fs.Arg(0), fs.Args()[1:], *all)
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n done:", err)
		return exitProblem
	}
	for _, id := range marked {
		fmt.Fprintf(stdout, "marked %s as translated from the current English\n", id)
	}
	for _, id := range skipped {
		fmt.Fprintf(stdout, "left %s: it still holds the English text\n", id)
	}
	if len(marked) == 0 {
		fmt.Fprintln(stdout, "nothing to mark")
	}
	return exitOK
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (`export es --format po` as well as
// `export --format po es`), which the flag package alone does not.
func parseInterspersed(fs *flag.FlagSet, args []string, stdout io.Writer) (positional []string, code int, stop bool) {
	for {
		if code, stop := parse(fs, args, stdout); stop {
			return nil, code, true
		}
		if fs.NArg() == 0 {
			return positional, 0, false
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func runI18nExport(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n export", "statement i18n export LANG --format xliff|po [--all] --out FILE: what LANG lacks or has stale, for a translation vendor.", stderr)
	format := fs.String("format", "", "xliff (XLIFF 1.2) or po (gettext)")
	all := fs.Bool("all", false, "every unit, current ones too")
	out := fs.String("out", "", "the file to write")
	pos, code, stop := parseInterspersed(fs, args, stdout)
	if stop {
		return code
	}
	if len(pos) != 1 || *out == "" || (*format != "xliff" && *format != "po") {
		fmt.Fprintln(stderr, "statement i18n export: name one language, a format and a file, e.g. statement i18n export es --format xliff --out es.xlf")
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	f, err := workflow.Export(site, pos[0], *all)
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n export:", err)
		return exitProblem
	}
	var b bytes.Buffer
	if *format == "xliff" {
		err = vendorfile.WriteXLIFF(&b, f)
	} else {
		err = vendorfile.WritePO(&b, f)
	}
	if err == nil {
		err = os.WriteFile(*out, b.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n export:", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "wrote %d units of %s to %s\n", len(f.Units), pos[0], *out)
	if len(f.Units) == 0 {
		fmt.Fprintf(stdout, "%s has nothing missing or stale; --all exports every unit\n", pos[0])
	}
	return exitOK
}

func runI18nImport(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n import", "statement i18n import FILE: read a vendor's XLIFF or PO file back into the language's files.", stderr)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "statement i18n import: name one file, e.g. statement i18n import es.xlf")
		return exitUsage
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n import:", err)
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	written, imported, left, l := workflow.Import(site, fs.Arg(0), data)
	if l.HasErrors() {
		report(l, "text", io.Discard, stderr)
		fmt.Fprintln(stderr, "statement i18n import: nothing was written")
		return exitProblem
	}
	for _, f := range written {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(stdout, "imported %d units as translated from the current English\n", len(imported))
	if len(left) > 0 {
		fmt.Fprintf(stdout, "left %d units the file does not have ready (empty, or marked as needing work): %s\n", len(left), strings.Join(left, " "))
	}
	return exitOK
}

func runI18nAdd(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n add", "statement i18n add LANG --label NAME [--dir ltr|rtl]: start a new language as a draft.", stderr)
	label := fs.String("label", "", "the language's name in itself, shown in the language list")
	dir := fs.String("dir", "ltr", "ltr, or rtl for a right-to-left script")
	pos, code, stop := parseInterspersed(fs, args, stdout)
	if stop {
		return code
	}
	if len(pos) != 1 || *label == "" {
		fmt.Fprintln(stderr, "statement i18n add: name the language and its name in itself, e.g. statement i18n add hy --label Հայերեն")
		return exitUsage
	}
	written, err := workflow.AddLanguage(".", pos[0], *label, *dir)
	for _, f := range written {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n add:", err)
		return exitProblem
	}
	fmt.Fprintf(stdout, "%s is a draft: `statement build --context preview` and `statement serve` show it, production leaves it out.\n", pos[0])
	fmt.Fprintf(stdout, "Translate it (`statement i18n status`, or `statement i18n export %s --format xliff --out %s.xlf` for a vendor); publish it by removing draft = true under [languages.%s.params] in hugo.toml.\n", pos[0], pos[0], pos[0])
	return exitOK
}
