//go:build !unix && !windows

package sitelock

import "os"

// Systems with neither flock nor LockFileEx run unlocked.
func lock(f *os.File, wait bool) error { return nil }
