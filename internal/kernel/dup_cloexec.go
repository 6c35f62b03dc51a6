//go:build unix && !aix

package kernel

import "golang.org/x/sys/unix"

// dupCloexec duplicates fd with FD_CLOEXEC set atomically.
func dupCloexec(fd int) (int, error) {
	return unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
}
