package workflow

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/testfs"
	"dhcs.ca.gov/statement/internal/site/source"
)

// smallSite writes the smallest valid site (source's testdata/base.txtar:
// English and Spanish, every unit current) and returns its root.
func smallSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../../site/source/testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return testfs.Tree(t, files)
}

func load(t *testing.T, root string) *source.Site {
	t.Helper()
	// As the translators' commands load it: errors in a translation are
	// theirs to fix, not a reason to stop.
	site, l := source.Load(root, source.Options{})
	if len(site.Units) == 0 {
		t.Fatalf("the English does not load: %v", l)
	}
	return site
}

func edit(t *testing.T, root, file, old, new string) {
	t.Helper()
	path := filepath.Join(root, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, file string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func result(t *testing.T, site *source.Site, code, id string) translation.Result {
	t.Helper()
	lang, err := find(site, code)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lang.Results {
		if r.Unit.ID == id {
			return r
		}
	}
	t.Fatalf("%s has no unit %s", code, id)
	return translation.Result{}
}

func leftIDs(left []Left) []string {
	var ids []string
	for _, x := range left {
		ids = append(ids, x.ID)
	}
	return ids
}

// Item 9: a stale unit whose translation nobody touched is not marked
// current, by name or by --all, unless the translator says the English
// change needs none (--unchanged).
func TestDoneRefusesAStaleUnitNobodyUpdated(t *testing.T) {
	root := smallSite(t)
	if _, _, err := Done(load(t, root), "es", []string{"date_label", "read_english"}, DoneOptions{}); err != nil {
		t.Fatal(err)
	}
	if rec := read(t, root, translation.RecordFile("es")); !strings.Contains(rec, `id = "date_label"`) || !strings.Contains(rec, translation.Hash("Fecha")) {
		t.Fatalf("the record lacks date_label's translation:\n%s", rec)
	}
	edit(t, root, "i18n/en.toml", `date_label = "Date"`, `date_label = "Date of the event"`)
	edit(t, root, "i18n/en.toml", `read_english = "Read the English version"`, `read_english = "Read the English original"`)
	before := read(t, root, "i18n/es.toml")

	_, _, err := Done(load(t, root), "es", []string{"date_label"}, DoneOptions{})
	if err == nil || !strings.Contains(err.Error(), `"date_label": its translation has not changed since the English did`) || !strings.Contains(err.Error(), "statement i18n done es date_label --unchanged") {
		t.Fatalf("err = %v", err)
	}
	if read(t, root, "i18n/es.toml") != before {
		t.Error("a refused done changed i18n/es.toml")
	}

	edit(t, root, "i18n/es.toml", `other = "Lea la versión en inglés"`, `other = "Lea el original en inglés"`)
	marked, left, err := Done(load(t, root), "es", nil, DoneOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(marked, []string{"read_english"}) || !slices.Equal(leftIDs(left), []string{"date_label"}) || !strings.Contains(left[0].Reason, "has not changed") {
		t.Errorf("--all: marked %v, left %+v", marked, left)
	}
	if r := result(t, load(t, root), "es", "date_label"); r.State != translation.Stale {
		t.Errorf("date_label is %s after --all, want stale", r.State)
	}

	marked, _, err = Done(load(t, root), "es", nil, DoneOptions{All: true, Unchanged: true})
	if err != nil || !slices.Equal(marked, []string{"date_label"}) {
		t.Fatalf("--all --unchanged: marked %v, %v", marked, err)
	}
	if r := result(t, load(t, root), "es", "date_label"); r.State != translation.Fresh {
		t.Errorf("date_label is %s after --unchanged, want fresh", r.State)
	}
}

// Migration: a unit marked before records were kept. Nothing tells
// whether it was updated: --all leaves it (readers keep the mark), and
// the translator who names it marks it.
func TestDoneOnAUnitMarkedBeforeRecordsWereKept(t *testing.T) {
	root := smallSite(t)
	edit(t, root, "i18n/en.toml", `date_label = "Date"`, `date_label = "Date of the event"`)
	marked, left, err := Done(load(t, root), "es", nil, DoneOptions{All: true})
	if err != nil || len(marked) != 0 || !slices.Equal(leftIDs(left), []string{"date_label"}) || !strings.Contains(left[0].Reason, "marked before translations were recorded") {
		t.Fatalf("--all: marked %v, left %+v, %v", marked, left, err)
	}
	marked, _, err = Done(load(t, root), "es", []string{"date_label"}, DoneOptions{})
	if err != nil || !slices.Equal(marked, []string{"date_label"}) {
		t.Fatalf("named: marked %v, %v", marked, err)
	}
	if !strings.Contains(read(t, root, translation.RecordFile("es")), `id = "date_label"`) {
		t.Error("marking it did not record it")
	}
}

// Item 10: a page whose blocks were joined by hand is refused, and its
// hashes are left as they are, so validate still shows the break.
func TestDoneRefusesAPageWhoseBlocksWereJoined(t *testing.T) {
	root := smallSite(t)
	edit(t, root, "content/en/_index.md", "The statement.\n", "The statement.\n\nMore of it.\n")
	site := load(t, root)
	var hashes []string
	for _, b := range site.EnglishPages[0].Blocks {
		hashes = append(hashes, `    - "`+translation.Hash(b.Text)+`"`)
	}
	edit(t, root, "content/es/_index.md", `    - "3d1186d87b3d862e"`, strings.Join(hashes, "\n"))
	edit(t, root, "content/es/_index.md", "La declaración.\n", "La declaración. Más de ella.\n")
	before := read(t, root, "content/es/_index.md")
	for _, ids := range [][]string{{"page"}, {"page#1"}} {
		_, _, err := Done(load(t, root), "es", ids, DoneOptions{})
		if err == nil || !strings.Contains(err.Error(), "the page's structure is broken") || !strings.Contains(err.Error(), "a block was added or removed by hand") {
			t.Errorf("done %v: err = %v", ids, err)
		}
	}
	_, left, err := Done(load(t, root), "es", nil, DoneOptions{All: true, Unchanged: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(left, func(x Left) bool {
		return strings.HasPrefix(x.ID, "page#") && strings.Contains(x.Reason, "structure is broken")
	}) {
		t.Errorf("--all left %+v", left)
	}
	if read(t, root, "content/es/_index.md") != before {
		t.Error("the broken page was rewritten")
	}
}

// Review: recorded per unit, shown in status, undone by an edit.
func TestReviewIsRecordedCountedAndUndoneByAnEdit(t *testing.T) {
	root := smallSite(t)
	if _, _, err := Review(load(t, root), "es", []string{"page"}, false, Reviewer{Name: "Ana Ruiz", Date: "2026-12-07"}); err == nil || !strings.Contains(err.Error(), "NAME (credential)") {
		t.Errorf("a reviewer without a credential: %v", err)
	}
	reviewed, _, err := Review(load(t, root), "es", nil, true, Reviewer{Name: "Ana Ruiz (ATA-certified, English>Spanish)", Date: "2026-12-07"})
	if err != nil {
		t.Fatal(err)
	}
	site := load(t, root)
	total := len(site.Languages[1].Results)
	if len(reviewed) != total {
		t.Errorf("reviewed %d of %d", len(reviewed), total)
	}
	es := Status(site)[0]
	if es.Reviewed != (Count{Done: total, Total: total}) || es.LastReview != "2026-12-07" {
		t.Errorf("status: reviewed %+v, last %q", es.Reviewed, es.LastReview)
	}
	if rec := read(t, root, translation.RecordFile("es")); !strings.Contains(rec, `reviewed_by = "Ana Ruiz (ATA-certified, English>Spanish)"`) {
		t.Errorf("record:\n%s", rec)
	}
	if got := translation.ReviewedPages(site.Languages[1].Results, site.Languages[1].Records); got["_index.md"] != "2026-12-07" {
		t.Errorf("reviewed pages = %v", got)
	}

	edit(t, root, "i18n/es.toml", `other = "Fecha"`, `other = "Fecha del evento"`)
	site = load(t, root)
	if es := Status(site)[0]; es.Reviewed.Done != total-1 {
		t.Errorf("after an edit: reviewed %+v", es.Reviewed)
	}
	if got := translation.ReviewedPages(site.Languages[1].Results, site.Languages[1].Records); len(got) != 0 {
		t.Errorf("after an edit the page is still reviewed: %v", got)
	}

	edit(t, root, "i18n/en.toml", `read_english = "Read the English version"`, `read_english = "Read the English original"`)
	_, _, err = Review(load(t, root), "es", []string{"read_english"}, false, Reviewer{Name: "Ana Ruiz (ATA)", Date: "2026-12-08"})
	if err == nil || !strings.Contains(err.Error(), "it is stale") {
		t.Errorf("reviewing a stale unit: %v", err)
	}
}

// Import with a reviewer: the units the file marks approved (or
// signed-off, final) are recorded as reviewed by them, the others as
// translated only; the language counts as vendor-handled from then on.
func TestImportRecordsTheUnitsAReviewerSignedOff(t *testing.T) {
	root := smallSite(t)
	edit(t, root, "i18n/en.toml", `date_label = "Date"`, `date_label = "Date of the event"`)
	edit(t, root, "i18n/en.toml", `read_english = "Read the English version"`, `read_english = "Read the English original"`)
	edit(t, root, "data/timeline.yaml", "text: The court clarified.", "text: The court clarified it.")
	f, err := Export(load(t, root), "es", false)
	if err != nil {
		t.Fatal(err)
	}
	// A vendor's quote: three stale units of four words each.
	if w := ExportWords(f); w != (Words{Changed: 12}) {
		t.Errorf("export words = %+v", w)
	}
	for i, u := range f.Units {
		switch u.ID {
		case "date_label":
			f.Units[i].Target, f.Units[i].State, f.Units[i].Approved = "Fecha del evento", "translated", true
		case "read_english":
			f.Units[i].Target, f.Units[i].State = "Lea el original en inglés", "signed-off"
		case "event.court-ruling":
			f.Units[i].Target, f.Units[i].State = "El tribunal lo aclaró.", "translated"
		}
	}
	var b bytes.Buffer
	if err := vendorfile.WriteXLIFF(&b, f); err != nil {
		t.Fatal(err)
	}
	xliff := strings.Replace(b.String(), `<trans-unit id="date_label"`, `<trans-unit id="date_label" approved="yes"`, 1)
	written, imported, reviewed, _, l := Import(load(t, root), "es.xlf", []byte(xliff), Reviewer{Name: "Ana Ruiz (ATA)", Date: "2026-12-07"})
	if l.HasErrors() || len(written) == 0 {
		t.Fatalf("import: %v", l)
	}
	slices.Sort(reviewed)
	if len(imported) != 3 || !slices.Equal(reviewed, []string{"date_label", "read_english"}) {
		t.Errorf("imported %v, reviewed %v", imported, reviewed)
	}
	site := load(t, root)
	lang := site.Languages[1]
	if _, ok := lang.Records.Review(result(t, site, "es", "date_label")); !ok {
		t.Error("date_label is not reviewed")
	}
	ruling := result(t, site, "es", "event.court-ruling")
	if _, ok := lang.Records.Review(ruling); ok || ruling.State != translation.Fresh {
		t.Errorf("event.court-ruling: %s, reviewed %v", ruling.State, ok)
	}
	if !lang.Records.Vendor() {
		t.Error("after an import the language is not vendor-handled")
	}
	// The next stale unit: status tells the vendor's route.
	edit(t, root, "i18n/en.toml", `courtesy_notice = "This translation`, `courtesy_notice = "This courtesy translation`)
	es := Status(load(t, root))[0]
	if !es.Vendor || !strings.Contains(es.Next, "statement i18n export es --format xliff --out es.xlf") {
		t.Errorf("next = %q (vendor %v)", es.Next, es.Vendor)
	}
}

// Item 11: a new event is listed with the English's file:line, the
// command that adds it, and the one that marks it.
func TestStatusTellsHowToAddANewEvent(t *testing.T) {
	root := smallSite(t)
	edit(t, root, "data/timeline.yaml", "  text: The court clarified.\n", "  text: The court clarified.\n- id: new-guidance\n  date: \"2026-01-02\"\n  text: CMS issued guidance.\n")
	es := Status(load(t, root))[0]
	i := slices.IndexFunc(es.Units, func(u Unit) bool { return u.ID == "event.new-guidance" })
	if i < 0 {
		t.Fatalf("units: %+v", es.Units)
	}
	u := es.Units[i]
	if u.State != translation.Missing || u.English != "data/timeline.yaml:8" || u.Add != "statement i18n scaffold es" || u.Command != "statement i18n done es event.new-guidance" {
		t.Errorf("unit = %+v", u)
	}
	if es.Words != (Words{New: 3}) || !strings.Contains(es.Next, "3 new and 0 changed English words") {
		t.Errorf("words = %+v, next %q", es.Words, es.Next)
	}
	if !strings.Contains(es.Next, "statement i18n scaffold es") || !strings.Contains(es.Next, "statement i18n export es") {
		t.Errorf("next = %q", es.Next)
	}
}

// The glossary: exported as a note on each unit that uses a term, and
// validate warns where a translation drops it.
func TestGlossaryGoesIntoExportsAndValidateWarnsOfADroppedTerm(t *testing.T) {
	root := smallSite(t)
	testfs.Write(t, root, map[string]string{translation.GlossaryFile: "[[term]]\nenglish = \"DHCS\"\nkeep = true\nnote = \"the department\"\n"})
	f, err := Export(load(t, root), "es", true)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(f.Units, func(u vendorfile.Unit) bool { return u.ID == "page#description" })
	if i < 0 || !slices.ContainsFunc(f.Units[i].Notes, func(n string) bool { return strings.Contains(n, `Glossary: keep "DHCS" as it is`) }) {
		t.Errorf("export: %+v", f.Units)
	}
	edit(t, root, "content/es/_index.md", `description: "Lo que sabe el DHCS."`, `description: "Lo que sabe el departamento."`)
	_, l := source.Load(root, source.Options{})
	found := false
	for _, d := range l {
		if d.Rule == "glossary" && d.File == "content/es/_index.md" && d.Language == "es" && strings.Contains(d.Message, `"DHCS" is not in it`) {
			found = true
		}
	}
	if !found {
		t.Errorf("validate: %v", l)
	}
}
