package vendorfile

import "bytes"

// IsExport tells whether data is a file `statement i18n export` wrote (or
// a vendor's copy of one): an XLIFF document whose file is "statement"
// (or "statement/LANG", originPrefix), or a PO file whose project is. Export replaces only such a file, so
// that --out can never overwrite a source file or anything else.
func IsExport(data []byte) bool {
	head := data[:min(len(data), 4096)]
	switch {
	case bytes.Contains(head, []byte("<xliff")) && (bytes.Contains(head, []byte(`original="statement"`)) || bytes.Contains(head, []byte(`original="`+originPrefix))):
		return true
	case bytes.Contains(head, []byte(`"Project-Id-Version: statement\n"`)):
		return true
	}
	return false
}
