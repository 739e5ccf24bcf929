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
	"dhcs.ca.gov/statement/internal/output/publish"
	"dhcs.ca.gov/statement/internal/platform/interrupt"
	"dhcs.ca.gov/statement/internal/platform/journal"
	"dhcs.ca.gov/statement/internal/site/source"
)

const i18nUsage = `statement i18n: the translators' commands.

  statement i18n status [LANG] [--format text|json]
      every language (or LANG): page, strings, events and notes translated
      of the total, stale units with what changed in English, units
      reviewed by a qualified translator of the total, draft or published,
      handled by a vendor (its last translations were imported) or not,
      and what to do next
  statement i18n scaffold LANG
      add every missing file and entry of LANG, holding the English text
      (counted as untranslated until you translate it); never overwrites
  statement i18n done LANG UNIT... | --all [--unchanged]
      record that the units (ids as status prints them, e.g. skip_link,
      event.court-clarification, note.2026-01-02.2, page) are translated
      from the current English; --all marks every stale unit whose
      translation was updated and every untranslated one whose text is no
      longer the English. A stale unit whose translation has not changed
      since the English did is refused unless --unchanged (the English
      change needs no change in the translation); a page whose blocks were
      joined or split by hand is refused until it is fixed
  statement i18n add LANG --label NAME [--dir ltr|rtl]
      start a new language: add it to hugo.toml as a draft (previews build
      it, production leaves it out) and scaffold its files; publishing it
      is removing draft = true
  statement i18n export LANG --format xliff|po [--all] --out FILE
      write what LANG lacks or has stale (--all: every unit) as XLIFF 1.2
      or gettext PO for a translation vendor: each unit's English, the
      current translation to start from, and the English it was made from
  statement i18n review LANG UNIT... | --all --by "NAME (credential)"
      record that a qualified translator reviewed the units (--all: every
      unit translated from the current English) as they are now; an edit
      of the translation or of the English afterwards undoes it. Each
      translated page says whether it was reviewed, and when
  statement i18n import FILE [--reviewed-by "NAME (credential)"]
      read a vendor's XLIFF or PO file back: every unit is checked first
      (known id, current English, link addresses, heading ids,
      placeholders, no raw HTML); one problem anywhere and nothing is
      written, otherwise the language's files are updated and the units
      recorded as translated from the current English; with
      --reviewed-by, the units the file marks approved (XLIFF
      approved="yes", state signed-off or final) as reviewed by them
`

func runI18n(args []string, stdout, stderr io.Writer) int {
	return dispatch("statement i18n", i18nUsage, map[string]command{
		"status":   runI18nStatus,
		"scaffold": locked("i18n scaffold", runI18nScaffold),
		"done":     locked("i18n done", runI18nDone),
		"add":      locked("i18n add", runI18nAdd),
		"export":   runI18nExport,
		"import":   locked("i18n import", runI18nImport),
		"review":   locked("i18n review", runI18nReview),
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
	fmt.Fprintln(tw, "LANGUAGE\tSTATE\tPAGE\tSTRINGS\tEVENTS\tNOTES\tSTALE\tREVIEWED\tNEXT")
	for _, ls := range status {
		state := "published"
		if ls.Draft {
			state = "draft"
		}
		c := func(k translation.Kind) string { return fmt.Sprintf("%d/%d", ls.Counts[k].Done, ls.Counts[k].Total) }
		if ls.Vendor {
			state += ", vendor"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d/%d\t%s\n", ls.Code, state, c(translation.Page), c(translation.String), c(translation.Event), c(translation.Note), ls.Stale, ls.Reviewed.Done, ls.Reviewed.Total, ls.Next)
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
			if u.State == translation.Missing && u.Line == 0 {
				// Not in the translation's file yet: point at the English.
				fmt.Fprintf(w, "  %s: %s missing in %s\n", u.English, u.ID, u.File)
			} else {
				fmt.Fprintf(w, "  %s: %s %s (English, %s)\n", where, u.ID, u.State, u.English)
			}
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
			if u.Add != "" {
				fmt.Fprintf(w, "    to add it with the English text to translate: %s\n", u.Add)
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
	fs := commandFlags("i18n done", "statement i18n done LANG UNIT... | --all [--unchanged]: record that units are translated from the current English.", stderr)
	all := fs.Bool("all", false, "mark every stale unit whose translation was updated, and every untranslated one whose text is no longer the English")
	unchanged := fs.Bool("unchanged", false, "also mark stale units whose translation has not changed: the English change needs none")
	// Translators write `done es --all` as often as `done --all es`; the
	// flag package stops at the first argument, so take the flags from
	// anywhere.
	var rest []string
	for _, a := range args {
		switch a {
		case "--all", "-all":
			*all = true
		case "--unchanged", "-unchanged":
			*unchanged = true
		default:
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
	marked, left, err := workflow.Done(site, fs.Arg(0), fs.Args()[1:], workflow.DoneOptions{All: *all, Unchanged: *unchanged})
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n done:", err)
		return exitProblem
	}
	for _, id := range marked {
		fmt.Fprintf(stdout, "marked %s as translated from the current English\n", id)
	}
	for _, x := range left {
		fmt.Fprintf(stdout, "left %s: %s\n", x.ID, x.Reason)
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
	// The rule every path a command writes follows (as build's --out):
	// never a source file or folder, nor anything but an earlier export.
	path, err := publish.ResolveFile(".", *out, source.SourceDirs("."), []string{source.ConfigFile}, vendorfile.IsExport)
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n export:", err)
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
		err = workflow.WriteExport(path, b.Bytes())
	}
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n export:", err)
		return exitUsage
	}
	words := workflow.ExportWords(f)
	fmt.Fprintf(stdout, "wrote %s of %s to %s: %d new and %d changed English words to translate\n", workflow.Counted(len(f.Units), "unit", "units"), pos[0], *out, words.New, words.Changed)
	if len(f.Units) == 0 {
		fmt.Fprintf(stdout, "%s has nothing missing or stale; --all exports every unit\n", pos[0])
	}
	return exitOK
}

func runI18nImport(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n import", "statement i18n import FILE [--reviewed-by \"NAME (credential)\"]: read a vendor's XLIFF or PO file back into the language's files.", stderr)
	reviewedBy := fs.String("reviewed-by", "", "the qualified translator who reviewed the file, \"NAME (credential)\": units it marks approved (XLIFF approved=\"yes\", state signed-off or final) are recorded as reviewed by them")
	pos, code, stop := parseInterspersed(fs, args, stdout)
	if stop {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "statement i18n import: name one file, e.g. statement i18n import es.xlf")
		return exitUsage
	}
	by := workflow.Reviewer{}
	if *reviewedBy != "" {
		name, err := translation.Reviewer(*reviewedBy)
		if err != nil {
			fmt.Fprintln(stderr, "statement i18n import: --reviewed-by:", err)
			return exitUsage
		}
		by = workflow.Reviewer{Name: name, Date: source.CaliforniaToday().String()}
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n import:", err)
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	uncatch := interrupt.Catch(stderr, func() string {
		if journal.Committed() {
			return "statement i18n import: interrupted after writing every file of the import"
		}
		return "statement i18n import: interrupted; nothing was written"
	})
	defer uncatch()
	written, imported, reviewed, left, l := workflow.Import(site, pos[0], data, by)
	if l.HasErrors() {
		report(l, "text", io.Discard, stderr)
		fmt.Fprintln(stderr, "statement i18n import: nothing was written")
		return exitProblem
	}
	if len(l) > 0 { // warnings: units translated from English that has changed since
		report(l, "text", io.Discard, stderr)
	}
	for _, f := range written {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(stdout, "imported %s as translated from the current English\n", workflow.Counted(len(imported), "unit", "units"))
	switch {
	case by.Name != "":
		fmt.Fprintf(stdout, "recorded %s as reviewed by %s on %s (the file marks them approved, signed-off or final)\n", workflow.Counted(len(reviewed), "unit", "units"), by.Name, by.Date)
	case len(imported) > 0:
		fmt.Fprintln(stdout, "recorded as not reviewed: if a qualified translator reviewed them, import with --reviewed-by \"NAME (credential)\" or run `statement i18n review`")
	}
	if len(left) > 0 {
		fmt.Fprintf(stdout, "left %s the file does not have ready (empty, or marked as needing work): %s\n", workflow.Counted(len(left), "unit", "units"), strings.Join(left, " "))
	}
	return exitOK
}

func runI18nReview(args []string, stdout, stderr io.Writer) int {
	fs := commandFlags("i18n review", "statement i18n review LANG UNIT... | --all --by \"NAME (credential)\": record that a qualified translator reviewed units as they are now.", stderr)
	all := fs.Bool("all", false, "every unit translated from the current English")
	by := fs.String("by", "", "the reviewer, \"NAME (credential)\", e.g. \"Ana Ruiz (ATA-certified, English>Spanish)\"")
	pos, code, stop := parseInterspersed(fs, args, stdout)
	if stop {
		return code
	}
	if len(pos) < 1 || (len(pos) == 1 && !*all) || *by == "" {
		fmt.Fprintln(stderr, "statement i18n review: name a language, the units reviewed (or --all) and the reviewer, e.g. statement i18n review es page --by \"Ana Ruiz (ATA-certified, English>Spanish)\"")
		return exitUsage
	}
	name, err := translation.Reviewer(*by)
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n review: --by:", err)
		return exitUsage
	}
	site, ok := loadForTranslators(stderr)
	if !ok {
		return exitProblem
	}
	reviewer := workflow.Reviewer{Name: name, Date: source.CaliforniaToday().String()}
	reviewed, left, err := workflow.Review(site, pos[0], pos[1:], *all, reviewer)
	if err != nil {
		fmt.Fprintln(stderr, "statement i18n review:", err)
		return exitProblem
	}
	for _, id := range reviewed {
		fmt.Fprintf(stdout, "recorded %s as reviewed by %s\n", id, reviewer.Name)
	}
	for _, x := range left {
		fmt.Fprintf(stdout, "left %s: %s\n", x.ID, x.Reason)
	}
	if len(reviewed) == 0 {
		fmt.Fprintln(stdout, "nothing to record")
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
