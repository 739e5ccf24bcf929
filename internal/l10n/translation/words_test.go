package translation

import "testing"

func TestWordsCountWhatReadersRead(t *testing.T) {
	for text, want := range map[string]int{
		"Read the English version": 4,
		"See the [multistate lawsuit](https://oag.ca.gov/news/a-b-c) today.": 5,
		"## Where to get help {#resources}":                                  4,
		"This matches the English version of {{ .Date }}.":                   6,
		"**SACRAMENTO** — The department":                                    3,
		"- The county office.":                                               3,
		"":                                                                   0,
	} {
		if got := Words(text); got != want {
			t.Errorf("Words(%q) = %d, want %d", text, got, want)
		}
	}
}
