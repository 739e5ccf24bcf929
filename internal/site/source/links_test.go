package source

import (
	"testing"

	"dhcs.ca.gov/statement/internal/platform/diag/diagtest"
	"dhcs.ca.gov/statement/internal/platform/testfs"
)

// A link to a page the site will not have is found in any English page,
// at its line, before a build; links to the site's pages, its files and
// other sites are not this check's.
func TestInternalLinksLeadToPages(t *testing.T) {
	files := validSite()
	files["content/en/notice.md"] = "---\ntitle: \"Notice\"\ndescription: \"A notice.\"\n---\n\nBack to [the statement](/en/) and its [resources](/en/#resources),\n[the feed](/en/feed.xml), [the notice](../notice/) and [the root](/).\n\nSee [the archive](/en/archive/)\nand [the old notice](https://statement.example.gov/en/old-notice/ \"t\").\n"
	files["content/en/_index.md"] += "\nRead [the notice](notice/) and [the Spanish one](/ES/NOTICE/) or [elsewhere](https://www.example.gov/x/).\n"
	root := testfs.Tree(t, files)
	_, l := Load(root, Options{})
	diagtest.ExpectSome(t, errorsOf(l), true,
		diagtest.Want{File: "content/en/notice.md", Rule: "link-missing-page", Line: 9, Col: 19, Msg: `"/en/archive/" leads to /en/archive/, which is not a page of the site`, Suggestion: "link to one of the site's pages (/en/, /en/notice/)"},
		diagtest.Want{File: "content/en/notice.md", Rule: "link-missing-page", Line: 10, Col: 22, Msg: `"https://statement.example.gov/en/old-notice/" leads to /en/old-notice/`, Suggestion: "content/en/NAME.md is /en/NAME/"},
		diagtest.Want{File: "content/en/_index.md", Rule: "link-missing-page", Line: 8, Col: 50, Msg: `"/ES/NOTICE/" leads to /es/notice/`, Suggestion: "link to one of"},
	)
}
