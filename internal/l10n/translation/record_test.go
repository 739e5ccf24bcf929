package translation

import (
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag"
)

// result is a unit with English text english, whose translation text
// records the English with hash recorded.
func result(id, english, recorded, text string) Result {
	u := Unit{ID: id, Kind: KindOf(id), Text: english}
	e := Entry{ID: id, Text: text, Hash: recorded}
	rs, _ := Compare([]Unit{u}, map[string]Entry{id: e})
	return rs[0]
}

func TestEditedTellsAnUpdatedTranslationFromAnUntouchedOne(t *testing.T) {
	old, now := "Date", "Date of the event"
	rs := Records{}.Set("date_label", Hash(old), "Fecha")

	untouched := result("date_label", now, Hash(old), "Fecha")
	if untouched.State != Stale {
		t.Fatalf("state = %s, want stale", untouched.State)
	}
	if edited, known := rs.Edited(untouched); edited || !known {
		t.Errorf("untouched: edited %v, known %v; want false, true", edited, known)
	}
	updated := result("date_label", now, Hash(old), "Fecha del evento")
	if edited, known := rs.Edited(updated); !edited || !known {
		t.Errorf("updated: edited %v, known %v; want true, true", edited, known)
	}
	// Only line-end spaces changed: the same translation.
	if edited, _ := rs.Edited(result("date_label", now, Hash(old), "Fecha  \n")); edited {
		t.Error("a trailing space counts as an edit")
	}
	// Marked before records were kept: unknown.
	if _, known := (Records{}).Edited(untouched); known {
		t.Error("a unit with no record is known")
	}
}

func TestEditedFindsABlockWhoseIDShifted(t *testing.T) {
	// Recorded as block 3; English then added a block before it, so the
	// same English block is now block 4.
	rs := Records{}.Set("page#3", Hash("Call us."), "Llámenos.")
	r := result("page#4", "Call us or write.", Hash("Call us."), "Llámenos.")
	if edited, known := rs.Edited(r); edited || !known {
		t.Errorf("edited %v, known %v; want false, true", edited, known)
	}
	// Not across pages, nor onto the title.
	if _, known := rs.Edited(result("page:faq.md#4", "Call us or write.", Hash("Call us."), "Llámenos.")); known {
		t.Error("a record of another page was used")
	}
	if _, known := rs.Edited(result("page#title", "Call us or write.", Hash("Call us."), "Llámenos.")); known {
		t.Error("a block's record was used for the title")
	}
}

func TestReviewBelongsToTheTranslationAndTheEnglishReviewed(t *testing.T) {
	rs := Records{}.SetReview("skip_link", Hash("Skip"), "Saltar", "Ana Ruiz (ATA)", "2026-12-07")
	fresh := result("skip_link", "Skip", Hash("Skip"), "Saltar")
	rec, ok := rs.Review(fresh)
	if !ok || rec.ReviewedBy != "Ana Ruiz (ATA)" || rec.Reviewed != "2026-12-07" {
		t.Fatalf("review = %+v, %v", rec, ok)
	}
	if _, ok := rs.Review(result("skip_link", "Skip", Hash("Skip"), "Saltar al texto")); ok {
		t.Error("an edited translation is still reviewed")
	}
	if _, ok := rs.Review(result("skip_link", "Skip to the text", Hash("Skip"), "Saltar")); ok {
		t.Error("a stale translation is still reviewed")
	}
	// Recording the same translation again keeps the review; another drops it.
	if _, ok := rs.Set("skip_link", Hash("Skip"), "Saltar").Review(fresh); !ok {
		t.Error("re-marking the same text dropped the review")
	}
	changed := rs.Set("skip_link", Hash("Skip"), "Saltar al texto")
	if _, ok := changed.Review(result("skip_link", "Skip", Hash("Skip"), "Saltar al texto")); ok {
		t.Error("a new translation inherited the review")
	}
}

func TestPruneKeepsWhatAUnitMayStillUse(t *testing.T) {
	rs := Records{}.Set("a", Hash("old a"), "x").Set("a", Hash("older a"), "y").Set("gone", Hash("g"), "z")
	kept := rs.Prune([]Result{result("a", "new a", Hash("old a"), "x")})
	if len(kept) != 1 || kept[0].English != Hash("old a") {
		t.Errorf("kept %+v", kept)
	}
}

func TestRecordsRoundTrip(t *testing.T) {
	rs := Records{}.Set("b", "2222", "B").SetReview("a", "1111", "A", "Lin Chen (CCHI)", "2026-12-07")
	var l diag.List
	back := ParseRecords(rs.Encode("zh-hant"), "translations/zh-hant.toml", &l)
	if len(l) > 0 {
		t.Fatal(l)
	}
	if len(back) != 2 || back[0].ID != "a" || back[0].ReviewedBy != "Lin Chen (CCHI)" || back[1].Translation != Hash("B") {
		t.Errorf("read back %+v", back)
	}
}

func TestParseRecordsRefusesWhatItCannotTrust(t *testing.T) {
	data := `[[unit]]
id = "a"
english = "1"
translation = "2"
reviewed_by = "Ana (ATA)"

[[unit]]
id = "b"
english = "1"
translation = "2"
reviewed_by = "Ana (ATA)"
reviewed = "last week"

[[unit]]
id = "c"
english = "1"
translation = "2"
approved = true
`
	var l diag.List
	ParseRecords([]byte(data), "translations/es.toml", &l)
	var got []string
	for _, d := range l {
		got = append(got, d.Rule+": "+d.Message)
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{`record-review: unit "a": a review needs both`, `record-review: unit "b": reviewed must be a date`, `record-key: unknown key "unit.approved"`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
}

func TestReviewerNeedsANameAndACredential(t *testing.T) {
	for in, ok := range map[string]bool{
		"Ana Ruiz (ATA-certified, English>Spanish)": true,
		"  Ana   Ruiz (CCHI) ":                      true,
		"Ana Ruiz":                                  false,
		"(ATA)":                                     false,
		"Ana Ruiz ()":                               false,
		`Ana "x" (ATA)`:                             false,
	} {
		_, err := Reviewer(in)
		if (err == nil) != ok {
			t.Errorf("Reviewer(%q) error %v, want ok %v", in, err, ok)
		}
	}
}

func TestReviewedPagesNeedEveryUnitTheyShow(t *testing.T) {
	en := map[string]string{"page#title": "Statement", "page#1": "Text.", "page:faq.md#1": "Q.", "skip_link": "Skip", "event.x": "It happened."}
	tr := map[string]string{"page#title": "Declaración", "page#1": "Texto.", "page:faq.md#1": "P.", "skip_link": "Saltar", "event.x": "Pasó."}
	var results []Result
	var rs Records
	for _, id := range []string{"page#title", "page#1", "page:faq.md#1", "skip_link", "event.x"} {
		results = append(results, result(id, en[id], Hash(en[id]), tr[id]))
		date := "2026-12-01"
		if id == "page:faq.md#1" {
			date = "2026-12-05"
		}
		rs = rs.SetReview(id, Hash(en[id]), tr[id], "Ana (ATA)", date)
	}
	got := ReviewedPages(results, rs)
	if got["_index.md"] != "2026-12-01" || got["faq.md"] != "2026-12-05" || len(got) != 2 {
		t.Errorf("reviewed pages = %v", got)
	}
	// The event shows on the home page only.
	results[4] = result("event.x", en["event.x"], Hash(en["event.x"]), "Pasó algo.")
	got = ReviewedPages(results, rs)
	if _, ok := got["_index.md"]; ok || got["faq.md"] != "2026-12-05" {
		t.Errorf("with the event edited: %v", got)
	}
	// An interface string shows on every page.
	results[3] = result("skip_link", "Skip", Hash("Skip"), "Saltar al texto")
	if got = ReviewedPages(results, rs); len(got) != 0 {
		t.Errorf("with a string edited: %v", got)
	}
}
