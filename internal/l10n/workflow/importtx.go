package workflow

import (
	"maps"
	"slices"

	"dhcs.ca.gov/statement/internal/l10n/translation"
	"dhcs.ca.gov/statement/internal/platform/journal"
)

// commitImport writes an import's files, and the English its units were
// translated from (the archive), as one transaction (package journal): an
// interrupted import is completed or rolled back whole by the next
// command. The language's record (who translated and reviewed what) goes
// in the same transaction. It returns the translation files written,
// sorted.
func commitImport(root string, files map[string][]byte, units []translation.Unit, record map[string][]byte) ([]string, error) {
	all := translation.ArchiveFiles(root, units)
	maps.Copy(all, record)
	maps.Copy(all, files)
	if err := journal.Write(root, "i18n import", all); err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(files)), nil
}
