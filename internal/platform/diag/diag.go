// Package diag is the one shape every problem the tool finds takes: a
// position in a source or output file, a severity, a rule name and a
// message with an optional fix, and the three ways to print a list of them
// (compiler-style text, one JSON document, GitHub workflow annotations).
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity says whether a problem stops a build.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Diagnostic is one problem at one place.
type Diagnostic struct {
	File       string   `json:"file"`
	Line       int      `json:"line,omitempty"`
	Column     int      `json:"column,omitempty"`
	Severity   Severity `json:"severity"`
	Rule       string   `json:"rule"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
	// Language is the code of the language whose translation the problem
	// is about, for `--strict --lang`; empty for what every language
	// shares (English, the data, the templates, the output).
	Language string `json:"language,omitempty"`
}

// List collects diagnostics from every check so that one run reports all
// of them, not only the first.
type List []Diagnostic

// Errorf adds an error.
func (l *List) Errorf(file string, line, col int, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Column: col, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning.
func (l *List) Warnf(file string, line, col int, rule, format string, args ...any) {
	*l = append(*l, Diagnostic{File: file, Line: line, Column: col, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics found elsewhere.
func (l *List) Add(more ...Diagnostic) { *l = append(*l, more...) }

// Suggest sets the fix of the diagnostic added last.
func (l List) Suggest(format string, args ...any) {
	if len(l) > 0 {
		l[len(l)-1].Suggestion = fmt.Sprintf(format, args...)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Strict turns every warning into an error, for `--strict` builds.
func (l List) Strict() List {
	out := slices.Clone(l)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// StrictFor is Strict for the named languages only: a warning about
// another language's translation stays a warning, while warnings about
// what every language shares become errors as Strict makes them. With no
// languages named it is Strict.
func (l List) StrictFor(languages ...string) List {
	if len(languages) == 0 {
		return l.Strict()
	}
	out := slices.Clone(l)
	for i, d := range out {
		if d.Language == "" || slices.Contains(languages, d.Language) {
			out[i].Severity = Error
		}
	}
	return out
}

// ForLanguage marks every diagnostic of the list as being about the
// translation into lang.
func (l List) ForLanguage(lang string) {
	for i := range l {
		l[i].Language = lang
	}
}

// Sort orders diagnostics by file, line and column, so that output is
// stable and an editor reads a file's problems top to bottom.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Format names an output form.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, json or github", s)
}

// Write prints the list in the given form. Colour is used only for text
// when the caller says the destination is a terminal that wants it.
func Write(w io.Writer, l List, f Format, colour bool) error {
	switch f {
	case JSON:
		return writeJSON(w, l)
	case GitHub:
		return writeGitHub(w, l)
	default:
		return writeText(w, l, colour)
	}
}

// position renders file:line:col, leaving out what is unknown.
func (d Diagnostic) position() string {
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	default:
		return d.File
	}
}

// String is the text form: path:line:col: error: message [rule].
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s [%s]", d.position(), d.Severity, d.Message, d.Rule)
	if d.Suggestion != "" {
		s += "\n\tfix: " + d.Suggestion
	}
	return s
}

func writeText(w io.Writer, l List, colour bool) error {
	var b strings.Builder
	for _, d := range l {
		s := d.String()
		if colour {
			code := "31" // red
			if d.Severity == Warning {
				code = "33" // yellow
			}
			label := string(d.Severity) + ":"
			s = strings.Replace(s, label, "\x1b["+code+";1m"+label+"\x1b[0m", 1)
		}
		b.WriteString(s)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Document is the JSON form of a list. A command that reports more than
// its problems embeds it in its own document, so every command's JSON
// starts the same way.
type Document struct {
	Errors      int          `json:"errors"`
	Warnings    int          `json:"warnings"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// NewDocument counts the list; an empty list is [], not null.
func NewDocument(l List) Document {
	errs, warns := l.Count()
	if l == nil {
		l = List{}
	}
	return Document{errs, warns, l}
}

// WriteDocument prints any document as the JSON form prints a list.
func WriteDocument(w io.Writer, doc any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func writeJSON(w io.Writer, l List) error {
	return WriteDocument(w, NewDocument(l))
}

// writeGitHub prints workflow commands; GitHub shows them on the lines of
// the pull request's diff.
func writeGitHub(w io.Writer, l List) error {
	var b strings.Builder
	for _, d := range l {
		kind := "error"
		if d.Severity == Warning {
			kind = "warning"
		}
		// A problem of no one file (a whole step's) has no file property:
		// GitHub then shows it on the run, not on a line.
		fmt.Fprintf(&b, "::%s ", kind)
		if d.File != "" {
			fmt.Fprintf(&b, "file=%s,", escapeProperty(d.File))
			if d.Line > 0 {
				fmt.Fprintf(&b, "line=%d,", d.Line)
			}
			if d.Column > 0 {
				fmt.Fprintf(&b, "col=%d,", d.Column)
			}
		}
		fmt.Fprintf(&b, "title=%s::", escapeProperty(d.Rule))
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\nfix: " + d.Suggestion
		}
		b.WriteString(escapeData(msg))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// The escapes GitHub's runner applies to workflow command values.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
