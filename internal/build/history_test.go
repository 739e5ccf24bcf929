package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"dhcs.ca.gov/statement/internal/output/htmldoc"
)

// TestHistoryListsMajorRevisionsNewestFirst: "See all updates" leads to
// the list of major revisions, each with its date and note, in every
// language.
func TestHistoryListsMajorRevisionsNewestFirst(t *testing.T) {
	for _, l := range published(t) {
		doc := parsePage(t, l.Code+"/index.html")
		see := find(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "#history" })
		if len(see) != 1 || collapse(htmldoc.TextOf(see[0])) == "" {
			t.Errorf("%s: no \"See all updates\" link", l.Code)
		}
		sections := find(doc, func(n *html.Node) bool { return n.Data == "section" && attr(n, "class") == "history" })
		if len(sections) != 1 || len(find(sections[0], func(n *html.Node) bool { return attr(n, "id") == "history" })) != 1 {
			t.Fatalf("%s: no history section with id history", l.Code)
		}
		var got []string
		for _, li := range find(sections[0], byTag("li")) {
			tm := find(li, byTag("time"))
			if len(tm) != 1 || collapse(htmldoc.TextOf(find(li, byTag("p"))[0])) == "" {
				t.Fatalf("%s: an update without its date and note", l.Code)
			}
			got = append(got, attr(li, "id")+"@"+attr(tm[0], "datetime"))
		}
		want := "update-2026-01-02.2@2026-01-02 update-2025-06-13.1@2025-06-13"
		if strings.Join(got, " ") != want {
			t.Errorf("%s: updates %v, want %s", l.Code, got, want)
		}
	}
	es := collapse(htmldoc.TextOf(find(parsePage(t, "es/index.html"), func(n *html.Node) bool { return attr(n, "class") == "history" })[0]))
	if !strings.Contains(es, "Primera publicación.") || !strings.Contains(es, "13 de junio de 2025") {
		t.Errorf("the Spanish history is not in Spanish: %q", es)
	}
}

// The Atom feed of each language, read as RFC 4287 requires.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Summary string     `xml:"summary"`
		Links   []atomLink `xml:"link"`
	} `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr"`
}

func TestAtomFeedPerLanguage(t *testing.T) {
	for _, l := range published(t) {
		data, err := os.ReadFile(filepath.Join(built, l.Code, "feed.xml"))
		if err != nil {
			t.Fatal(err)
		}
		var f atomFeed
		if err := xml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: the feed is not Atom: %v", l.Code, err)
		}
		page := "https://statement.dhcs.ca.gov/" + l.Code + "/"
		if f.ID != page || f.Title == "" || f.Author.Name == "" || f.Lang != l.Locale {
			t.Errorf("%s: feed id %q title %q author %q lang %q", l.Code, f.ID, f.Title, f.Author.Name, f.Lang)
		}
		if f.Updated != "2026-01-02T00:00:00Z" {
			t.Errorf("%s: feed updated %q", l.Code, f.Updated)
		}
		rels := map[string]string{}
		for _, ln := range f.Links {
			rels[ln.Rel] = ln.Href
		}
		if rels["self"] != page+"feed.xml" || rels["alternate"] != page {
			t.Errorf("%s: feed links %v", l.Code, rels)
		}
		if len(f.Entries) != 2 {
			t.Fatalf("%s: %d entries, want one per major revision", l.Code, len(f.Entries))
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || e.Summary == "" {
				t.Errorf("%s: entry %+v", l.Code, e)
			}
			if ids[e.ID] || !strings.HasPrefix(e.ID, page+"#update-") {
				t.Errorf("%s: entry id %q", l.Code, e.ID)
			}
			ids[e.ID] = true
			if len(e.Links) != 1 || e.Links[0].Href != e.ID {
				t.Errorf("%s: entry links %+v", l.Code, e.Links)
			}
		}
		if f.Entries[0].Updated != "2026-01-02T00:00:00Z" {
			t.Errorf("%s: the newest entry is not first", l.Code)
		}
		doc := parsePage(t, l.Code+"/index.html")
		head := find(doc, func(n *html.Node) bool {
			return n.Data == "link" && attr(n, "rel") == "alternate" && attr(n, "type") == "application/atom+xml"
		})
		if len(head) != 1 || attr(head[0], "href") != "/"+l.Code+"/feed.xml" {
			t.Errorf("%s: the page head does not link its feed", l.Code)
		}
	}
}

func TestStructuredData(t *testing.T) {
	for _, l := range published(t) {
		doc := parsePage(t, l.Code+"/index.html")
		scripts := find(doc, func(n *html.Node) bool { return n.Data == "script" })
		if len(scripts) != 1 || attr(scripts[0], "type") != "application/ld+json" {
			t.Fatalf("%s: want one JSON-LD block", l.Code)
		}
		var ld map[string]any
		if err := json.Unmarshal([]byte(htmldoc.TextOf(scripts[0])), &ld); err != nil {
			t.Fatalf("%s: %v", l.Code, err)
		}
		title := collapse(htmldoc.TextOf(find(doc, byTag("h1"))[0]))
		publisher, _ := ld["publisher"].(map[string]any)
		if ld["@type"] != "NewsArticle" || ld["headline"] != title || ld["datePublished"] != "2025-06-13" ||
			ld["dateModified"] != "2026-01-02" || ld["inLanguage"] != l.Locale || publisher["name"] != "California Department of Health Care Services" {
			t.Errorf("%s: %v", l.Code, ld)
		}
	}
}
