package spec_test

import (
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// linuxErrnoNames returns the errno names golang.org/x/sys/unix knows on
// linux, where an errno is a value below 4096.
func linuxErrnoNames(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for e := syscall.Errno(1); e < 4096; e++ {
		if name := unix.ErrnoName(e); name != "" {
			names[name] = true
		}
	}
	if len(names) == 0 {
		t.Fatal("unix.ErrnoName knows no errno between 1 and 4095")
	}
	return names
}
