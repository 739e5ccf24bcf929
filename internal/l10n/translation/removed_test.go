package translation

import (
	"fmt"
	"strings"
	"testing"
)

// A block the English removed is found in the translation by the English
// it recorded, and dropped with its line, its blank line and its hash.
func TestRemovedBlocks(t *testing.T) {
	page := func(body string) PageText {
		p, err := ParsePage(PageID, "content/x/_index.md", []byte("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n"+body))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	english := page("One.\n\n- Two.\n- Three.\n\nFour.\n").WithFacts()
	old := page("One.\n\n- Two.\n- Gone.\n- Three.\n\nLeft.\n\nFour.\n")
	var hashes []string
	for _, b := range old.Blocks {
		hashes = append(hashes, fmt.Sprintf("%q", Hash(b.Text)))
	}
	front := fmt.Sprintf("---\ntitle: \"U\"\ndescription: \"E\"\nenglishHashes:\n  title: %q\n  description: %q\n  blocks: [%s]\n---\n\n", Hash("T"), Hash("D"), strings.Join(hashes, ", "))
	data := []byte(front + "Uno.\n\n- Dos.\n- Ido.\n- Tres.\n\nIzquierda.\n\nCuatro.\n")
	tr, err := ParsePage(PageID, "content/x/_index.md", data)
	if err != nil {
		t.Fatal(err)
	}
	removed := RemovedBlocks(t.TempDir(), english, tr)
	if fmt.Sprint(removed) != "[3 5]" {
		t.Fatalf("removed %v, want [3 5]", removed)
	}
	out, err := DropBlocks(t.TempDir(), &english, PageID, "content/x/_index.md", data, removed)
	if err != nil {
		t.Fatal(err)
	}
	body := string(out[strings.LastIndex(string(out), "---\n")+4:])
	if body != "\nUno.\n\n- Dos.\n- Tres.\n\nCuatro.\n" {
		t.Errorf("body:\n%q", body)
	}
	after, err := ParsePage(PageID, "content/x/_index.md", out)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Hashes.Blocks) != 4 || RemovedBlocks(t.TempDir(), english, after) != nil {
		t.Errorf("after: %d hashes, removed %v", len(after.Hashes.Blocks), RemovedBlocks(t.TempDir(), english, after))
	}
}
