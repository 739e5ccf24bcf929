package translation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"dhcs.ca.gov/statement/internal/platform/diag"
	"dhcs.ca.gov/statement/internal/site/calendar"
)

// A language's record (RecordFile) says, for each unit marked translated,
// the hash of the English it was translated from and the hash of the
// translation as it was then, and who reviewed that translation and when.
//
// The English hash alone (in i18n/<lang>.toml and a page's front matter)
// tells whether a translation is current. The translation hash tells
// whether a stale unit was edited since the English changed, so that
// `i18n done` does not mark text nobody touched as current. A review
// belongs to the exact pair of English and translation it names: an edit
// of either one leaves the unit not reviewed, with nothing to clear.
//
// A unit with no record (translations marked before the record existed)
// is fresh or stale by its English hash as before; whether it was edited
// since it went stale is unknown (Record.Known), and it is not reviewed.

// RecordFile is where a language's record is kept. The tool writes it
// (`i18n done`, `i18n review`, `i18n import`); Hugo does not read it.
func RecordFile(code string) string { return "translations/" + code + ".toml" }

// Record is what is known of one unit's translation.
type Record struct {
	ID          string `toml:"id"`
	English     string `toml:"english"`     // hash of the English it was translated from
	Translation string `toml:"translation"` // hash of the translation when it was recorded
	// ReviewedBy is the qualified translator who reviewed this
	// translation of this English, "NAME (credential)"; Reviewed the date
	// (YYYY-MM-DD, California). Both empty: not reviewed.
	ReviewedBy string `toml:"reviewed_by,omitempty"`
	Reviewed   string `toml:"reviewed,omitempty"`
	// Imported is set when `i18n import` wrote the translation, from a
	// vendor's file, rather than a translator's `i18n done`.
	Imported bool `toml:"imported,omitempty"`
}

// Records are a language's record, in the file's order.
type Records []Record

type recordFile struct {
	Unit []Record `toml:"unit"`
}

// ParseRecords reads a record file; problems go to l at file.
func ParseRecords(data []byte, file string, l *diag.List) Records {
	var f recordFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		ReportTOMLIn(file, data, err, l)
		return nil
	}
	for _, k := range md.Undecoded() {
		l.Errorf(file, 0, 0, "record-key", "unknown key %q", k.String())
		l.Suggest("the record is written by `statement i18n done`, `review` and `import`; restore it with git rather than editing it")
	}
	for i, r := range f.Unit {
		n := i + 1
		if r.ID == "" || r.English == "" || r.Translation == "" {
			l.Errorf(file, 0, 0, "record-unit", "unit %d (%q) needs id, english and translation", n, r.ID)
		}
		if (r.ReviewedBy == "") != (r.Reviewed == "") {
			l.Errorf(file, 0, 0, "record-review", "unit %q: a review needs both reviewed_by and reviewed", r.ID)
		}
		if r.Reviewed != "" {
			if d, err := calendar.ParseDate(r.Reviewed); err != nil || d.Precision != calendar.Day {
				l.Errorf(file, 0, 0, "record-review", "unit %q: reviewed must be a date, YYYY-MM-DD; found %q", r.ID, r.Reviewed)
			}
		}
	}
	return f.Unit
}

// ReadRecords reads lang's record under root; a language with no file
// has an empty record.
func ReadRecords(root, code string, l *diag.List) Records {
	data, err := os.ReadFile(filepath.Join(root, RecordFile(code)))
	if err != nil {
		if !os.IsNotExist(err) {
			l.Errorf(RecordFile(code), 0, 0, "record-read", "%v", err)
		}
		return nil
	}
	return ParseRecords(data, RecordFile(code), l)
}

// Encode writes the record file, units in id order so that two
// translators' records merge line by line.
func (rs Records) Encode(code string) []byte {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(a, b Record) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return strings.Compare(a.English, b.English)
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The record of the %s translation, written by `statement i18n done`, `review`\n", code)
	b.WriteString("# and `import`; do not edit it by hand. For each unit: the hash of the English\n")
	b.WriteString("# it was translated from, the hash of the translation as it was then, and the\n")
	b.WriteString("# qualified translator who reviewed it and when (none: not reviewed).\n\n")
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(recordFile{Unit: sorted}); err != nil {
		panic(err) // strings only: always encodes
	}
	return b.Bytes()
}

// Write replaces lang's record file under root.
func (rs Records) Write(root, code string) error {
	path := filepath.Join(root, RecordFile(code))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, rs.Encode(code), 0o644)
}

// samePlace reports whether a record with id may be the record of unit:
// the same id, or, for a block of a page, another block of the same page
// (blocks are numbered by the English page, so their ids shift when
// English adds or removes one before them).
func samePlace(recordID, unitID string) bool {
	if recordID == unitID {
		return true
	}
	rp, rpart := SplitUnitID(recordID)
	up, upart := SplitUnitID(unitID)
	return KindOf(unitID) == Page && rp == up && rpart != "" && upart != "" &&
		rpart != TitlePart && rpart != DescriptionPart && upart != TitlePart && upart != DescriptionPart
}

// find is the record of the unit id translated from the English with
// hash english: its own id first, then, for a page block, another block
// of its page.
func (rs Records) find(id, english string, match func(Record) bool) (Record, bool) {
	var found Record
	ok := false
	for _, r := range rs {
		if r.English != english || !samePlace(r.ID, id) || (match != nil && !match(r)) {
			continue
		}
		if r.ID == id {
			return r, true
		}
		if !ok {
			found, ok = r, true
		}
	}
	return found, ok
}

// Edited says whether a translated unit was edited since it was recorded
// as translated from the English it records: known is false when there is
// no record of it (marked before records were kept).
func (rs Records) Edited(r Result) (edited, known bool) {
	if r.Entry.Hash == "" {
		return true, false
	}
	rec, ok := rs.find(r.Unit.ID, r.Entry.Hash, nil)
	if !ok {
		return false, false
	}
	if rec.Translation == Hash(r.Entry.Text) {
		return false, true
	}
	// Another block of the page with the same English may be this one.
	if _, same := rs.find(r.Unit.ID, r.Entry.Hash, func(x Record) bool { return x.Translation == Hash(r.Entry.Text) }); same {
		return false, true
	}
	return true, true
}

// Review is the review of a current unit: its record, when the
// translation as it is now, of the English as it is now, was reviewed.
func (rs Records) Review(r Result) (Record, bool) {
	if r.State != Fresh {
		return Record{}, false
	}
	return rs.find(r.Unit.ID, r.Unit.Hash(), func(x Record) bool {
		return x.ReviewedBy != "" && x.Translation == Hash(r.Entry.Text)
	})
}

// Vendor reports whether a vendor handles the language: some unit's
// translation as recorded came from `i18n import`. A volunteer who takes
// a unit over (`i18n done`) replaces its record, so a language whose
// every unit a volunteer marked is theirs again.
func (rs Records) Vendor() bool {
	return slices.ContainsFunc(rs, func(r Record) bool { return r.Imported })
}

// Set records that unit id, with the translation text, is translated
// from the English with hash english. A review of that same pair stays;
// any other record of id for that English goes.
func (rs Records) Set(id, english, text string) Records {
	tr := Hash(text)
	for i, r := range rs {
		if r.ID == id && r.English == english {
			if r.Translation != tr {
				rs[i] = Record{ID: id, English: english, Translation: tr}
			}
			return rs
		}
	}
	return append(rs, Record{ID: id, English: english, Translation: tr})
}

// SetReview records that by reviewed unit id's translation text of the
// English with hash english, on date.
func (rs Records) SetReview(id, english, text, by, date string) Records {
	rs = rs.Set(id, english, text)
	for i, r := range rs {
		if r.ID == id && r.English == english {
			rs[i].ReviewedBy, rs[i].Reviewed = by, date
		}
	}
	return rs
}

// Prune keeps the records some unit of results may still use: those of
// the English each entry records.
func (rs Records) Prune(results []Result) Records {
	return slices.DeleteFunc(slices.Clone(rs), func(rec Record) bool {
		return !slices.ContainsFunc(results, func(r Result) bool {
			return r.Entry.Hash == rec.English && samePlace(rec.ID, r.Unit.ID)
		})
	})
}

// Reviewer checks a reviewer as `--by` and `--reviewed-by` take it:
// "NAME (credential)", a name and, in parentheses, what qualifies them
// (e.g. "Ana Ruiz (ATA-certified, English>Spanish)").
func Reviewer(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	open := strings.Index(s, "(")
	if open < 1 || !strings.HasSuffix(s, ")") || strings.TrimSpace(s[open+1:len(s)-1]) == "" || strings.ContainsAny(s, "\"\\") {
		return "", fmt.Errorf("name the reviewer and their credential as \"NAME (credential)\", e.g. \"Ana Ruiz (ATA-certified, English>Spanish)\"; found %q", s)
	}
	return s, nil
}

// ReviewedPages are a translation's pages whose every unit a qualified
// translator reviewed as it is now (Records.Review), each with the latest
// review's date, by the page's path in the content directory, lower case
// (as Hugo's File.Path, lowered). A page's units are its own parts and
// the interface strings around them; the home page's, also the timeline
// events and revision notes it shows.
func ReviewedPages(results []Result, rs Records) map[string]string {
	latest := map[string]string{}
	unreviewed := map[string]bool{}
	var shared []Result // strings, events, notes
	for _, r := range results {
		if r.Unit.Kind != Page {
			shared = append(shared, r)
			continue
		}
		page, _ := SplitUnitID(r.Unit.ID)
		rec, ok := rs.Review(r)
		if !ok {
			unreviewed[page] = true
			continue
		}
		latest[page] = max(latest[page], rec.Reviewed)
	}
	out := map[string]string{}
	for page, date := range latest {
		if unreviewed[page] {
			continue
		}
		for _, r := range shared {
			if r.Unit.Kind != String && page != PageID {
				continue
			}
			rec, ok := rs.Review(r)
			if !ok {
				date = ""
				break
			}
			date = max(date, rec.Reviewed)
		}
		if date != "" {
			out[strings.ToLower(PagePath(page))] = date
		}
	}
	return out
}
