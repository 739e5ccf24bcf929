package workflow

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/diag"
)

// Every spelling of a language names it (BCP 47 or gettext, any case,
// with a region or none); another language, or another script of it,
// does not.
func TestMatchLanguage(t *testing.T) {
	_, site := fixture(t)
	for name, want := range map[string]string{
		"tl": "fil", "fil": "fil", "tl-US": "fil", "fil-US": "fil", "fil_PH": "fil", "TL": "fil",
		"ko": "ko", "ko-KR": "ko", "ko_kr": "ko", "ko_KR.UTF-8": "ko",
		"ar": "ar", "ar-EG": "ar", "ar_EG": "ar",
		"zh-hant": "zh-hant", "zh-Hant-US": "zh-hant", "zh-TW": "zh-hant", "zh_HK": "zh-hant",
		"es": "es", "es-419": "es", "es_MX": "es", "en-US": "en",
		"zh-CN": "", "zh": "", "zh-Hans": "", "pt-BR": "", "hy": "", "xx": "", "": "",
	} {
		lang, err := matchLanguage(site, name)
		got := ""
		if err == nil {
			got = lang.Code
		}
		if got != want {
			t.Errorf("%q matched %q (%v), want %q", name, got, err, want)
		}
	}
}

func write(t *testing.T, f vendorfile.File, po bool) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if po {
		err = vendorfile.WritePO(&b, f)
	} else {
		err = vendorfile.WriteXLIFF(&b, f)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func setTarget(t *testing.T, f *vendorfile.File, id, text string) {
	t.Helper()
	for i := range f.Units {
		if f.Units[i].ID == id {
			f.Units[i].Target, f.Units[i].State = text, "translated"
			return
		}
	}
	t.Fatalf("the export has no unit %s", id)
}

func messages(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Message + "\n")
	}
	return b.String()
}

// A unit whose English changed after the export is named, left stale and
// not written; the delivery's other units land; the next export starts
// the unit from the vendor's translation.
func TestImportOutdatedUnit(t *testing.T) {
	root, site := fixture(t)
	f, err := Export(site, "es", true)
	if err != nil {
		t.Fatal(err)
	}
	setTarget(t, &f, "skip_link", "Saltar al texto")
	setTarget(t, &f, "language_nav", "Idiomas del sitio")
	data := write(t, f, true)
	edit(t, root, "i18n/en.toml", `skip_link = "Skip to the statement"`, `skip_link = "Skip to the text"`)
	site = loadClean(t, root)

	written, imported, _, _, l := Import(site, "es.po", data, Reviewer{})
	if l.HasErrors() || len(l) != 1 || l[0].Severity != diag.Warning || !strings.Contains(l[0].Message, `unit "skip_link": was translated from English that has changed since the export (i18n/en.toml:13); it was not imported`) {
		t.Fatalf("diagnostics: %v", l)
	}
	if slices.Contains(imported, "skip_link") || !slices.Contains(imported, "language_nav") || !slices.Contains(written, PendingDir+"/es.toml") {
		t.Errorf("imported %v, wrote %v", imported, written)
	}
	site = loadClean(t, root)
	got := texts(t, site, "es")
	if got["language_nav"] != "Idiomas del sitio" || got["skip_link"] != "Ir a la declaración" {
		t.Errorf("language_nav %q, skip_link %q", got["language_nav"], got["skip_link"])
	}
	lang, _ := find(site, "es")
	for _, r := range lang.Results {
		if r.Unit.ID == "skip_link" && r.State != translation.Stale {
			t.Errorf("skip_link is %s, want stale", r.State)
		}
	}

	next, err := Export(site, "es", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Units) != 1 || next.Units[0].ID != "skip_link" || next.Units[0].Target != "Saltar al texto" ||
		next.Units[0].Previous != "Skip to the statement" || next.Units[0].State != "needs-review-translation" {
		t.Fatalf("next export: %+v", next.Units)
	}

	// Landing it takes it out of the pending file.
	setTarget(t, &next, "skip_link", "Saltar al texto")
	if _, imported, _, _, l := Import(site, "es.xlf", write(t, next, false), Reviewer{}); len(l) > 0 || !slices.Equal(imported, []string{"skip_link"}) {
		t.Fatalf("second import: %v %v", imported, l)
	}
	pending, err := readPending(root, lang)
	if err != nil || len(pending) != 0 {
		t.Errorf("pending after landing: %v %v", pending, err)
	}
}

// An outdated unit that breaks the rules (here a placeholder its English
// lacks) still refuses the whole file, and nothing is written.
func TestImportOutdatedUnitBreakingRules(t *testing.T) {
	root, site := fixture(t)
	f, err := Export(site, "es", true)
	if err != nil {
		t.Fatal(err)
	}
	setTarget(t, &f, "skip_link", "Saltar {{ .Date }}")
	setTarget(t, &f, "language_nav", "Idiomas del sitio")
	data := write(t, f, false)
	edit(t, root, "i18n/en.toml", `skip_link = "Skip to the statement"`, `skip_link = "Skip to the text"`)
	before, _ := os.ReadFile(filepath.Join(root, "i18n/es.toml"))
	written, _, _, _, l := Import(loadClean(t, root), "es.xlf", data, Reviewer{})
	if !l.HasErrors() || len(written) > 0 || !strings.Contains(messages(l), `unit "skip_link": must have no placeholder, as English has none; found {{ .Date }}`) {
		t.Fatalf("wrote %v: %v", written, l)
	}
	after, _ := os.ReadFile(filepath.Join(root, "i18n/es.toml"))
	if !bytes.Equal(before, after) {
		t.Error("i18n/es.toml changed")
	}
	if _, err := os.Stat(filepath.Join(root, PendingDir)); !os.IsNotExist(err) {
		t.Errorf("%s written: %v", PendingDir, err)
	}
}

// A language that writes a month in another form after a day gets
// months_day in its export, with a note saying what it is, and the
// import writes it (with no hash: it translates no English text).
func TestMonthsWithDay(t *testing.T) {
	root, site := fixture(t)
	if f, _ := Export(site, "es", true); slices.ContainsFunc(f.Units, func(u vendorfile.Unit) bool { return u.ID == translation.MonthsWithDay }) {
		t.Error("Spanish has no genitive months, yet its export has months_day")
	}
	if _, err := AddLanguage(root, "ru", "Русский", "ltr"); err != nil {
		t.Fatal(err)
	}
	site = loadClean(t, root)
	f, err := Export(site, "ru", false)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(f.Units, func(u vendorfile.Unit) bool { return u.ID == translation.MonthsWithDay })
	if i < 0 {
		t.Fatal("the Russian export has no months_day")
	}
	u := f.Units[i]
	if !strings.HasPrefix(u.Source, "January|February|") || u.State != "new" || !strings.Contains(strings.Join(u.Notes, " "), "as written after a day") {
		t.Errorf("months_day unit: %+v", u)
	}
	genitive := "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
	f.Units = []vendorfile.Unit{u}
	setTarget(t, &f, translation.MonthsWithDay, genitive)
	if _, imported, _, _, l := Import(site, "ru.po", write(t, f, true), Reviewer{}); len(l) > 0 || !slices.Equal(imported, []string{translation.MonthsWithDay}) {
		t.Fatalf("import: %v %v", imported, l)
	}
	data, _ := os.ReadFile(filepath.Join(root, "i18n/ru.toml"))
	entries := translation.ParseStrings(data, "i18n/ru.toml", &diag.List{})
	if e := entries[translation.MonthsWithDay]; e.Text != genitive || e.Hash != "" {
		t.Errorf("months_day in i18n/ru.toml: %+v", e)
	}
	// Eleven names are refused, as for months.
	setTarget(t, &f, translation.MonthsWithDay, "января|февраля")
	if _, _, _, _, l := Import(loadClean(t, root), "ru.po", write(t, f, true), Reviewer{}); !strings.Contains(messages(l), "must be the twelve month names separated by |; found 2") {
		t.Errorf("two names: %v", l)
	}
}

// A file whose tools dropped its language is read as the language its
// name starts with; otherwise the message says how to name one.
func TestImportWithoutLanguage(t *testing.T) {
	_, site := fixture(t)
	f, err := Export(site, "es", true)
	if err != nil {
		t.Fatal(err)
	}
	f.TargetLanguage, f.ExportedFor = "", ""
	data := write(t, f, true)
	if _, _, _, _, l := Import(site, "delivery.po", data, Reviewer{}); !strings.Contains(messages(l), "the file names no target language (XLIFF: target-language on <file>; PO: a Language line in the header): add it") {
		t.Errorf("delivery.po: %v", l)
	}
	if _, imported, _, _, l := Import(site, "es-US-final.po", data, Reviewer{}); l.HasErrors() || len(imported) == 0 {
		t.Errorf("es-US-final.po: %v", l)
	}
	// A tool that dropped target-language but kept <file original>.
	f.ExportedFor = "es"
	if _, imported, _, _, l := Import(site, "delivery.xlf", write(t, f, false), Reviewer{}); l.HasErrors() || len(imported) == 0 {
		t.Errorf("delivery.xlf with original=statement/es: %v", l)
	}
	// Named after Korean, written in Spanish.
	if _, _, _, _, l := Import(site, "ko.po", data, Reviewer{}); !strings.Contains(messages(l), "written in Hangul letters, but") {
		t.Errorf("ko.po: %v", l)
	}
}

// A translation that ends with a newline its English lacks (written by
// hand, or by an import before imports trimmed) is exported without it:
// msgfmt -c refuses a msgstr that ends in \n where the msgid does not.
func TestExportTrimsTargets(t *testing.T) {
	root, _ := fixture(t)
	edit(t, root, "i18n/es.toml", `other = "Idiomas"`, `other = "Idiomas\n\t"`)
	f, err := Export(loadClean(t, root), "es", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range f.Units {
		if u.ID == "language_nav" && u.Target != "Idiomas" {
			t.Errorf("language_nav exported as %q", u.Target)
		}
	}
}
