package translation

import (
	"slices"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

const testGlossary = `
[[term]]
english = "ICE"
keep = true
note = "U.S. Immigration and Customs Enforcement"

[[term]]
english = "courtesy translation"
note = "a help to readers"
[term.translations]
es = "traducción de cortesía"
`

func glossary(t *testing.T) Glossary {
	t.Helper()
	var l diag.List
	g := ParseGlossary([]byte(testGlossary), GlossaryFile, &l)
	if len(l) > 0 || len(g) != 2 {
		t.Fatalf("glossary %+v, %v", g, l)
	}
	return g
}

func TestDroppedFindsANameNotKeptAndAnotherWordThanTheAgreedOne(t *testing.T) {
	g := glossary(t)
	cases := []struct {
		english, translated string
		want                []string
	}{
		{"CMS may share data with ICE.", "CMS puede compartir datos con ICE.", nil},
		{"CMS may share data with ICE.", "CMS puede compartir datos con el Servicio de Inmigración.", []string{`"ICE" is not in it`}},
		{"Read this NOTICE.", "Lea este AVISO.", nil}, // ICE only as a word
		{"This is a Courtesy Translation.", "Esta es una traducción de cortesía.", nil},
		{"This is a courtesy translation.", "Esta es una traducción informal.", []string{`"courtesy translation", and the agreed words for it, "traducción de cortesía"`}},
	}
	for _, c := range cases {
		r := result("x", c.english, Hash(c.english), c.translated)
		got := g.Dropped(r, "es")
		if len(got) != len(c.want) || (len(got) > 0 && !strings.Contains(got[0], c.want[0])) {
			t.Errorf("Dropped(%q, %q) = %q, want %q", c.english, c.translated, got, c.want)
		}
	}
	// A language without agreed words for a term is not held to it.
	r := result("x", "A courtesy translation.", Hash("A courtesy translation."), "Une traduction.")
	if got := g.Dropped(r, "fr"); len(got) != 0 {
		t.Errorf("fr: %q", got)
	}
}

func TestGlossaryNotesForExport(t *testing.T) {
	g := glossary(t)
	notes := g.Notes("This is a courtesy translation about ICE.", "es")
	if len(notes) != 2 || !strings.Contains(notes[0], `keep "ICE" as it is`) || !strings.Contains(notes[1], `"traducción de cortesía"`) {
		t.Errorf("notes = %q", notes)
	}
	if notes := g.Notes("Nothing here.", "es"); len(notes) != 0 {
		t.Errorf("notes = %q", notes)
	}
}

func TestParseGlossaryRefusesAnAmbiguousTerm(t *testing.T) {
	var l diag.List
	ParseGlossary([]byte("[[term]]\nenglish = \"CMS\"\nkeep = true\n[term.translations]\nes = \"los CMS\"\n\n[[term]]\nenglish = \"member\"\n\n[[term]]\nenglish = \"x\"\nkeep = true\nplural = \"xs\"\n"), GlossaryFile, &l)
	var rules []string
	for _, d := range l {
		rules = append(rules, d.Rule+": "+d.Message)
	}
	text := strings.Join(rules, "\n")
	for _, want := range []string{`glossary-term: "CMS" is kept as it is`, `glossary-term: "member": give keep = true`, `glossary-key: unknown key "term.plural"`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
}

func TestCheckUnchangedWarnsAboutATargetThatIsTheEnglish(t *testing.T) {
	g := glossary(t)
	results := []Result{
		result("a", "Read the English version", Hash("Read the English version"), "Read the English version"),
		result("b", "Email", Hash("Email"), "Email"),                               // short: may be the same word
		result("c", "January 2, 2006", Hash("January 2, 2006"), "January 2, 2006"), // a date layout
		result("d", "ICE and CMS", Hash("ICE and CMS"), "ICE and CMS"),             // names
		result("e", "Read the English version", Hash("Read the English version"), "Lea la versión en inglés"),
	}
	var l diag.List
	CheckUnchanged(g, results, &l)
	var ids []string
	for _, d := range l {
		if d.Rule == "i18n-unchanged" {
			ids = append(ids, strings.Fields(d.Message)[0])
		}
	}
	if !slices.Equal(ids, []string{`"a"`}) {
		t.Errorf("warned about %v", ids)
	}
}
