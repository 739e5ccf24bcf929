package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/l10n/vendorfile"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// The vendor round trip, as the issue asks for it: an editor changes one
// English sentence and records a revision; the Spanish is exported to
// XLIFF and to PO; a script fills every target (encoding/xml for XLIFF, a
// small PO writer here); the import brings Spanish current again, only
// the changed block was exported, and the built page shows the new text.
func TestVendorRoundTrip(t *testing.T) {
	for _, format := range []string{"xliff", "po"} {
		t.Run(format, func(t *testing.T) {
			// On the frozen site: the revision below is dated after its
			// latest one, whatever editors have since done to the live site.
			dir := t.TempDir()
			must(t, testfs.CopyFixture(filepath.Join("..", ".."), dir))
			t.Chdir(dir)
			// The first paragraph of the English page, whatever it says,
			// gains a sentence.
			page := "content/en/_index.md"
			data, err := os.ReadFile(page)
			must(t, err)
			en, err := translation.ParsePage(translation.PageID, page, data)
			must(t, err)
			first := slices.IndexFunc(en.Blocks, func(b translation.Block) bool { return b.Kind == translation.Paragraph })
			if first < 0 {
				t.Fatal("the English page has no paragraph")
			}
			id := translation.BlockUnitID(translation.PageID, strconv.Itoa(first+1))
			newText := en.Blocks[first].Text + " We will say more soon."
			body := translation.ReplaceBlocks(en.Body, en.Blocks, map[int]string{first: newText})
			must(t, os.WriteFile(page, []byte("---\n"+en.Front+"---\n"+string(body)), 0o644))
			mustRun(t, "revise", "--minor", "--note", "Reworded one sentence.", "--date", "2026-11-28")

			file := filepath.Join(dir, "es."+map[string]string{"xliff": "xlf", "po": "po"}[format])
			mustRun(t, "i18n", "export", "es", "--format", format, "--out", file)
			exported, err := os.ReadFile(file)
			must(t, err)
			var f vendorfile.File
			var problems []vendorfile.Problem
			if format == "xliff" {
				f, problems = vendorfile.ReadXLIFF(exported)
				if xmllint, err := exec.LookPath("xmllint"); err == nil {
					validate(t, xmllint, file)
				} else if os.Getenv("CI") != "" {
					t.Fatal("xmllint is not installed; .ci/run installs libxml2-utils")
				}
			} else {
				f, problems = vendorfile.ReadPO(exported)
			}
			if len(problems) > 0 || len(f.Units) != 1 || f.Units[0].ID != id || f.Units[0].Source != newText || f.Units[0].State != "needs-review-translation" || f.Units[0].Previous != en.Blocks[first].Text {
				t.Fatalf("exported %+v %v, want only the changed block, stale, with the English it was made from:\n%s", f.Units, problems, exported)
			}

			// A file whose unit id was changed is refused with exit 1, and
			// nothing is written.
			before, _ := os.ReadFile("content/es/_index.md")
			bad := filepath.Join(dir, "bad-"+filepath.Base(file))
			must(t, os.WriteFile(bad, bytes.ReplaceAll(exported, []byte(`"`+id+`"`), []byte(`"page#99"`)), 0o644))
			var stderr bytes.Buffer
			if code := run([]string{"i18n", "import", bad}, io.Discard, &stderr); code != exitProblem || !strings.Contains(stderr.String(), `unit "page#99": there is no such unit`) {
				t.Errorf("a file with an unknown unit: exit %d, want %d\n%s", code, exitProblem, stderr.String())
			}
			if after, _ := os.ReadFile("content/es/_index.md"); !bytes.Equal(before, after) {
				t.Error("a refused import changed the page")
			}

			var filled []byte
			if format == "xliff" {
				filled = fillXLIFF(t, exported)
			} else {
				filled = fillPO(t, exported)
			}
			must(t, os.WriteFile(file, filled, 0o644))
			out := mustRun(t, "i18n", "import", file)
			if !strings.Contains(out, "imported 1 unit as") {
				t.Errorf("import said:\n%s", out)
			}
			status := mustRun(t, "i18n", "status")
			for _, line := range strings.Split(status, "\n") {
				if strings.HasPrefix(line, "es ") && !strings.Contains(line, "nothing to do") {
					t.Errorf("Spanish is not current after the import:\n%s", status)
				}
			}
			es, _ := os.ReadFile("content/es/_index.md")
			tr, err := translation.ParsePage(translation.PageID, "content/es/_index.md", es)
			must(t, err)
			if len(tr.Blocks) != len(en.Blocks) || tr.Blocks[first].Text != "Hoy: "+newText || strings.Count(string(es), "Hoy:") != 1 {
				t.Errorf("the Spanish page does not hold the imported block in its place:\n%s", es)
			}
			if format == "xliff" {
				mustRun(t, "build", "--out", "public")
				html, _ := os.ReadFile("public/es/index.html")
				if !strings.Contains(string(html), "We will say more soon.</p>") || strings.Count(string(html), "<p>Hoy: ") != 1 || strings.Contains(string(html), `class="stale"`) || strings.Contains(string(html), "notice stale") {
					t.Errorf("the built Spanish page does not show the new text as current")
				}
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("statement %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func validate(t *testing.T, xmllint, file string) {
	t.Helper()
	testdata := exchangeTestdata
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", filepath.Join(testdata, "xliff-core-1.2-strict.xsd"), file)
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(testdata, "catalog.xml"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the exported XLIFF does not validate against the XLIFF 1.2 strict schema: %v\n%s", err, out)
	}
}

// exchangeTestdata is internal/l10n/vendorfile/testdata, found before a test
// changes directory.
var exchangeTestdata, _ = filepath.Abs(filepath.Join("..", "..", "internal", "l10n", "vendorfile", "testdata"))

// fillXLIFF is the vendor's CAT tool: every target becomes "Hoy: " and
// the source, marked translated. It copies the document token by token
// with encoding/xml.
func fillXLIFF(t *testing.T, data []byte) []byte {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	enc := xml.NewEncoder(&out)
	var path []string
	source := ""
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		must(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
			if tok.Name.Local == "target" && path[len(path)-2] == "trans-unit" {
				tok.Attr = []xml.Attr{{Name: xml.Name{Local: "state"}, Value: "translated"}}
				must(t, enc.EncodeToken(tok))
				must(t, enc.EncodeToken(xml.CharData("Hoy: "+source)))
				// Skip the old target's text.
				for depth := 1; depth > 0; {
					next, err := dec.RawToken()
					must(t, err)
					switch next.(type) {
					case xml.StartElement:
						depth++
					case xml.EndElement:
						depth--
					}
				}
				must(t, enc.EncodeToken(xml.EndElement{Name: tok.Name}))
				path = path[:len(path)-1]
				continue
			}
			must(t, enc.EncodeToken(tok))
		case xml.EndElement:
			path = path[:len(path)-1]
			must(t, enc.EncodeToken(tok))
		case xml.CharData:
			if len(path) > 1 && path[len(path)-1] == "source" && path[len(path)-2] == "trans-unit" {
				source = string(tok)
			}
			must(t, enc.EncodeToken(tok))
		case xml.ProcInst:
			must(t, enc.EncodeToken(tok))
		default:
			must(t, enc.EncodeToken(xml.CopyToken(tok)))
		}
	}
	must(t, enc.Flush())
	return out.Bytes()
}

// fillPO is the same for PO: each entry's msgstr becomes "Hoy: " and its
// msgid, and fuzzy goes.
func fillPO(t *testing.T, data []byte) []byte {
	f, problems := vendorfile.ReadPO(data)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	quote := func(s string) string {
		r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
		return `"` + r.Replace(s) + `"`
	}
	var b strings.Builder
	b.WriteString("msgid \"\"\nmsgstr \"\"\n\"Language: " + f.TargetLanguage + "\\n\"\n\"X-Source-Language: " + f.SourceLanguage + "\\n\"\n")
	for _, u := range f.Units {
		b.WriteString("\nmsgctxt " + quote(u.ID) + "\nmsgid " + quote(u.Source) + "\nmsgstr " + quote("Hoy: "+u.Source) + "\n")
	}
	return []byte(b.String())
}
