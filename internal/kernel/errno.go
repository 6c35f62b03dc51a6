//go:build linux || freebsd || netbsd || dragonfly

package kernel

import "golang.org/x/sys/unix"

// errnoErr returns a system call's errno as an error, nil for 0.
func errnoErr(e unix.Errno) error {
	if e != 0 {
		return e
	}
	return nil
}
