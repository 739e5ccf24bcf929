package translation

import (
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

func TestSetHashes(t *testing.T) {
	cases := []struct {
		name, in string
		hashes   map[string]string
		want     string
		err      string
	}{
		{
			name:   "a table gains a hash after its text",
			in:     "# comment\n[skip_link]\nother = \"Saltar\"\n\n[b]\nother = \"B\"\n",
			hashes: map[string]string{"skip_link": "0123456789abcdef"},
			want:   "# comment\n[skip_link]\nother = \"Saltar\"\nhash = \"0123456789abcdef\"\n\n[b]\nother = \"B\"\n",
		},
		{
			name:   "an old hash is replaced",
			in:     "[a]\nother = \"A\"\nhash = \"old\"\n",
			hashes: map[string]string{"a": "new"},
			want:   "[a]\nother = \"A\"\nhash = \"new\"\n",
		},
		{
			name:   "scaffold's TODO comment goes",
			in:     "\n# TODO translate, then run: statement i18n done es a\n[a]\nother = \"A\"\n",
			hashes: map[string]string{"a": "h"},
			want:   "\n[a]\nother = \"A\"\nhash = \"h\"\n",
		},
		{
			name:   "a multi-line text keeps its hash after the closing quotes",
			in:     "[a]\nother = \"\"\"\nline one\nline two\"\"\"\n",
			hashes: map[string]string{"a": "h"},
			want:   "[a]\nother = \"\"\"\nline one\nline two\"\"\"\nhash = \"h\"\n",
		},
		{
			name:   "a plain key becomes a table at the end",
			in:     "a = \"A\"\nb = \"B\"\n\n[event.x]\nother = \"X\"",
			hashes: map[string]string{"a": "h", "note.2026-01-02.2": "n"},
			err:    `"note.2026-01-02.2" is not in the file`,
		},
		{
			name:   "plain keys move below the tables",
			in:     "a = \"A\"\nb = \"B\"\n\n[event.x]\nother = \"X\"",
			hashes: map[string]string{"a": "h"},
			want:   "b = \"B\"\n\n[event.x]\nother = \"X\"\n\n[a]\nother = \"A\"\nhash = \"h\"\n",
		},
		{
			name:   "a quoted note id",
			in:     "[note.\"2026-01-02.2\"]\nother = \"N\"\n",
			hashes: map[string]string{"note.2026-01-02.2": "h"},
			want:   "[note.\"2026-01-02.2\"]\nother = \"N\"\nhash = \"h\"\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := SetHashes([]byte(c.in), c.hashes)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			// What the tool writes must read back with the hashes.
			var l diag.List
			entries := ParseStrings(got, "x.toml", &l)
			if l.HasErrors() {
				t.Fatalf("the result does not parse: %v", l)
			}
			for id, h := range c.hashes {
				if entries[id].Hash != h {
					t.Errorf("%s: hash %q, want %q", id, entries[id].Hash, h)
				}
			}
		})
	}
}

func TestScaffoldEntryParsesAsUntranslated(t *testing.T) {
	u := Unit{ID: "note.2026-01-02.2", Kind: Note, Text: "A \"quoted\" note\\with a backslash\tand a tab"}
	var l diag.List
	entries := ParseStrings([]byte(ScaffoldEntry("es", u)), "es.toml", &l)
	e, ok := entries[u.ID]
	if l.HasErrors() || !ok || e.Text != u.Text || e.Hash != "" {
		t.Fatalf("scaffolded entry %+v (%v)", e, l)
	}
	results, _ := Compare([]Unit{u}, entries)
	if results[0].State != Untranslated || !StillEnglish(results[0]) {
		t.Errorf("state %s", results[0].State)
	}
}

func TestSetFrontMatter(t *testing.T) {
	in := "---\n# TODO translate this page, then run: statement i18n done es page\ntitle: \"T\"\nenglishRevision: \"2025-06-13\"\n---\n\nBody.\n"
	got, err := SetFrontMatter([]byte(in), "englishRevision", "2026-01-02")
	if err != nil {
		t.Fatal(err)
	}
	got, err = SetFrontMatter(got, "englishHash", "abc")
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: \"T\"\nenglishRevision: \"2026-01-02\"\nenglishHash: \"abc\"\n---\n\nBody.\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := SetFrontMatter([]byte("no front matter"), "k", "v"); err == nil {
		t.Error("a page without front matter was edited")
	}
}

func TestCompare(t *testing.T) {
	units := []Unit{
		{ID: "a", Kind: String, Text: "Alpha"},
		{ID: "b", Kind: String, Text: "On {{ .Date }}"},
		{ID: "c", Kind: String, Text: "Gamma"},
		{ID: "d", Kind: String, Text: "Delta"},
		{ID: "e", Kind: String, Text: "Epsilon"},
		{ID: "event.x", Kind: Event, Text: "X"},
	}
	entries := map[string]Entry{
		"a":     {ID: "a", Text: "Alfa", Hash: Hash("Alpha")},
		"b":     {ID: "b", Text: "El {{ .Fecha }}", Hash: Hash("On {{ .Date }}")},
		"c":     {ID: "c", Text: "  ", Hash: Hash("Gamma")},
		"d":     {ID: "d", Text: "Delta"},
		"e":     {ID: "e", Text: "Épsilon", Hash: Hash("Epsilon, before")},
		"extra": {ID: "extra", Text: "?"},
	}
	results, extra := Compare(units, entries)
	want := []State{Fresh, PlaceholderMismatch, Empty, Untranslated, Stale, Missing}
	for i, r := range results {
		if r.State != want[i] {
			t.Errorf("%s: %s, want %s", r.Unit.ID, r.State, want[i])
		}
	}
	if len(extra) != 1 || extra[0].ID != "extra" {
		t.Errorf("extra %v", extra)
	}
	// Line endings and surrounding space do not make a text new.
	if Hash("a\r\nb\n") != Hash("a\nb") {
		t.Error("CRLF or a trailing newline changes the hash")
	}
}

func TestDiff(t *testing.T) {
	if got := Diff("The court clarified CMS may share data.", "The court clarified that CMS may share only data."); got != "The court clarified {+that +}CMS may share {+only +}data." {
		t.Errorf("word diff: %q", got)
	}
	old := "one\ntwo\nthree\nfour\nfive\n"
	new := "one\ntwo\nTHREE\nfour\nfive\n"
	got := Diff(old, new)
	for _, line := range []string{"- three", "+ THREE", "  two", "  four"} {
		if !strings.Contains(got, line) {
			t.Errorf("line diff lacks %q:\n%s", line, got)
		}
	}
	if strings.Contains(got, "one") || strings.Contains(got, "five") {
		t.Errorf("line diff shows more than one line of context:\n%s", got)
	}
}

func TestArchive(t *testing.T) {
	root := t.TempDir()
	u := Unit{ID: "a", Text: "Alpha\r\n"}
	if err := Archive(root, []Unit{u}); err != nil {
		t.Fatal(err)
	}
	if text, ok := Archived(root, u.Hash()); !ok || text != "Alpha" {
		t.Errorf("archived %q %v", text, ok)
	}
	if _, ok := Archived(root, "../../etc/passwd"); ok {
		t.Error("a hash climbed out of the archive")
	}
}
