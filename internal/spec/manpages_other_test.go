//go:build !linux

package spec_test

import "testing"

// linuxErrnoNames skips: unix.ErrnoName knows only the errno names of the
// GOOS the test runs on.
func linuxErrnoNames(t *testing.T) map[string]bool {
	t.Skip("unix.ErrnoName knows only the host's errno names; the Linux man pages are checked on linux")
	return nil
}
