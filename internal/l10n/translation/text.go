package translation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"
)

// An interface string, an event's text and a revision's note are go-i18n
// messages, and go-i18n runs each as a Go template when Hugo's i18n
// function looks it up: a translation that is a template can loop, call
// functions or empty itself. The model of a translated text is plain
// text with the English text's named placeholders ({{ .Date }}), each as
// often as English has it, and nothing that reads as an HTML tag. The
// theme escapes what it prints (no safeHTML on translated text); this is
// the rule the input is held to, by validate and by import alike.

// ModelRules are the rules of the diagnostics the model of what a
// translation may contain reports.
var ModelRules = []string{"i18n-placeholder", "page-structure", "page-html"}

// TextProblems says how a translated text departs from the model, given
// the English it translates; nil when it keeps to it. Each problem is a
// sentence naming what to change.
func TextProblems(english, translated string) []string {
	var out []string
	_, problems := templateFields(translated)
	out = append(out, problems...)
	if p := fieldMismatch(english, translated); p != "" {
		out = append(out, p)
	}
	if tags := tagLike(translated); len(tags) > 0 {
		out = append(out, fmt.Sprintf("%q reads as an HTML tag to a browser; the page prints the text as written, so write it without < (or with a space after it)", tags[0]))
	}
	return out
}

// fieldMismatch says how a translated text's placeholders differ from
// the English text's; "" when they are the same, each as often. It is
// the one problem of TextProblems that an English edit can cause.
func fieldMismatch(english, translated string) string {
	want, _ := templateFields(english)
	got, _ := templateFields(translated)
	switch {
	case sameFields(want, got):
		return ""
	case len(want) == 0:
		return fmt.Sprintf("must have no placeholder, as English has none; found %s", fieldList(got))
	}
	return fmt.Sprintf("must use the placeholders %s as English does, each as often; found %s", fieldList(want), fieldList(got))
}

// templateFields parses s as go-i18n will and returns the fields its
// actions print; problems names every other template construct.
func templateFields(s string) (fields, problems []string) {
	if !strings.Contains(s, "{{") {
		return nil, nil // the common case: no template at all
	}
	// Comments kept, which a plain parse drops; functions not looked up,
	// so that one is named as a function rather than "not defined".
	t := parse.New("text")
	t.Mode = parse.ParseComments | parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	_, err := t.Parse(s, "", "", trees)
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return nil, []string{fmt.Sprintf("is not plain text with placeholders: %s; keep only placeholders such as {{ .Date }}, written as in English", msg)}
	}
	for name, tree := range trees {
		if name != "text" {
			problems = append(problems, fmt.Sprintf("defines a template (%q): keep only placeholders such as {{ .Date }}", name))
			continue
		}
		if tree.Root == nil {
			continue
		}
		for _, n := range tree.Root.Nodes {
			switch n := n.(type) {
			case *parse.TextNode:
			case *parse.ActionNode:
				if f, ok := plainField(n.Pipe); ok {
					fields = append(fields, f)
					continue
				}
				problems = append(problems, fmt.Sprintf("%s is not a placeholder: only a field such as {{ .Date }} may be written between {{ and }}", n.String()))
			case *parse.CommentNode:
				problems = append(problems, "has a template comment {{/* */}}: remove it")
			default:
				problems = append(problems, fmt.Sprintf("%s is a template command: only placeholders such as {{ .Date }} may be written between {{ and }}", short(n.String())))
			}
		}
	}
	slices.Sort(problems)
	return fields, problems
}

// plainField is the field a pipeline prints when it is nothing but one
// field ({{ .Date }}): no variables, functions, pipes or arguments.
func plainField(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || p.IsAssign || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return "." + f.Ident[0], true
}

func sameFields(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func fieldList(f []string) string {
	if len(f) == 0 {
		return "none"
	}
	q := make([]string, len(f))
	for i, x := range f {
		q[i] = "{{ " + x + " }}"
	}
	return strings.Join(q, ", ")
}

// tagPattern is what a browser's tokenizer starts a tag, an end tag, a
// comment, a doctype or a processing instruction with.
var tagPattern = regexp.MustCompile(`<[A-Za-z/!?][^<>]{0,40}`)

// tagLike lists the places in s a browser would read as the start of
// markup.
func tagLike(s string) []string {
	return tagPattern.FindAllString(s, -1)
}
