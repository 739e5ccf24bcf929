// Package timeline is the model of data/timeline.yaml: the dated events
// shown under the statement. It decodes the file field by field, so that
// every problem is reported at its line, and checks the rules an editor
// can break: missing fields, dates that are not real dates, ids used twice,
// events out of order. The theme reads the same file once it has passed.
package timeline

import (
	"fmt"
	"net/url"
	"regexp"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
	"dhcs.ca.gov/statement/internal/site/yamlsrc"
)

// Event is one dated step of the timeline.
type Event struct {
	ID   string
	Date calendar.Date
	// Text is the English text; translations live in each language's own
	// file, keyed by ID.
	Text string
	// Sources are addresses where a reader can check the event.
	Sources []string
	Line    int
}

var fields = []string{"id", "date", "text", "sources"}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// decode checks a timeline given as bytes.
func decode(data []byte, file string) ([]Event, diag.List) {
	root, l := yamlsrc.Parse(data, file)
	if root == nil {
		return nil, l
	}
	events, more := FromNode(root, file)
	return events, append(l, more...)
}

// FromNode checks a timeline already parsed.
func FromNode(root *yamlsrc.Node, file string) ([]Event, diag.List) {
	var l diag.List
	if root.Kind != yamlsrc.SequenceNode {
		l.Errorf(file, root.Line, root.Column, "timeline-shape", "the timeline must be a list of events, each starting with \"- id:\"; found %s", yamlsrc.Describe(root))
		return nil, l
	}
	var events []Event
	seen := map[string]int{}
	for i, n := range root.Content {
		what := eventName(n, i)
		f := yamlsrc.Fields(n, file, what, fields, &l)
		if n.Kind != yamlsrc.MappingNode {
			continue
		}
		ev := Event{Line: n.Line}
		id, idNode, okID := yamlsrc.String(f, "id", n, file, what, &l)
		if okID {
			switch first, dup := seen[id]; {
			case dup:
				l.Errorf(file, idNode.Line, idNode.Column, "timeline-duplicate-id", "the id %q is already used by the event on line %d", id, first)
				l.Suggest("give this event an id of its own; ids are how translations find an event")
			case !idPattern.MatchString(id):
				l.Errorf(file, idNode.Line, idNode.Column, "timeline-id", "the id %q may hold only lower-case letters, digits and single hyphens", id)
			default:
				seen[id] = n.Line
			}
			ev.ID = id
		}
		if s, dateNode, ok := yamlsrc.String(f, "date", n, file, what, &l); ok {
			d, err := calendar.ParseDate(s)
			if !dateNode.Quoted && err == nil {
				// Unquoted, Hugo's YAML reads 2025 as a number and hands
				// the theme that, not text (2025-08-12 stays text today,
				// but the rule is one rule: dates are in quotes).
				l.Errorf(file, dateNode.Line, dateNode.Column, "timeline-date", "%s: the date %s must be in quotes", what, s)
				l.Suggest("write date: \"%s\"", s)
			} else if err != nil {
				l.Errorf(file, dateNode.Line, dateNode.Column, "timeline-date", "%s: %v", what, err)
			} else {
				ev.Date = d
			}
		}
		if text, textNode, ok := yamlsrc.String(f, "text", n, file, what, &l); ok {
			if text == "" {
				l.Errorf(file, textNode.Line, textNode.Column, "timeline-text", "%s has an empty text", what)
			}
			ev.Text = text
		}
		if src, ok := f["sources"]; ok {
			ev.Sources = sources(src.Value, file, what, &l)
		}
		events = append(events, ev)
	}
	if len(events) == 0 {
		l.Errorf(file, root.Line, root.Column, "timeline-shape", "the timeline has no events")
	}
	checkOrder(events, file, &l)
	return events, l
}

// checkOrder wants events oldest first, as editors read the file. An event
// known only to a month sorts before a day in that month.
func checkOrder(events []Event, file string, l *diag.List) {
	var prev *Event
	for i := range events {
		ev := &events[i]
		if ev.Date.Precision == 0 {
			continue
		}
		if prev != nil && ev.Date.First().Before(prev.Date.First()) {
			l.Errorf(file, ev.Line, 1, "timeline-order", "event %q (%s) comes after event %q (%s) but is older", ev.ID, ev.Date, prev.ID, prev.Date)
			l.Suggest("list events oldest first: move it above line %d", prev.Line)
		}
		prev = ev
	}
}

// eventName is how messages name an event: by its id when it has one, by
// its position otherwise.
func eventName(n *yamlsrc.Node, i int) string {
	if n.Kind == yamlsrc.MappingNode {
		for j := 0; j+1 < len(n.Content); j += 2 {
			if k, v := n.Content[j], n.Content[j+1]; k.Value == "id" && v.Kind == yamlsrc.ScalarNode && v.Value != "" {
				return fmt.Sprintf("event %q", v.Value)
			}
		}
	}
	return fmt.Sprintf("event %d", i+1)
}

// sources reads an event's optional list of https addresses.
func sources(n *yamlsrc.Node, file, what string, l *diag.List) []string {
	if n.Kind != yamlsrc.SequenceNode {
		l.Errorf(file, n.Line, n.Column, "timeline-sources", "%s: sources must be a list of addresses, each on a line starting with \"- \"; found %s", what, yamlsrc.Describe(n))
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if item.Kind != yamlsrc.ScalarNode {
			l.Errorf(file, item.Line, item.Column, "timeline-sources", "%s: each source must be one address, found %s", what, yamlsrc.Describe(item))
			continue
		}
		u, err := url.Parse(item.Value)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			l.Errorf(file, item.Line, item.Column, "timeline-sources", "%s: source %q must be a full https:// address", what, item.Value)
			continue
		}
		out = append(out, item.Value)
	}
	return out
}
