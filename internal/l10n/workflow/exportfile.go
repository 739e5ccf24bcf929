package workflow

// WriteExport writes an export's text to path (a path the caller has
// checked with publish.ResolveFile) in one rename, so that an interrupted
// export leaves the earlier file whole.
func WriteExport(path string, data []byte) error { return writeAtomic(path, data) }
