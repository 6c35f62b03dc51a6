//go:build !plan9

package portable

import "syscall"

// Errno is an operating system's error number as the kernel answered it:
// syscall.Errno, which golang.org/x/sys/unix (unix.Errno) and
// golang.org/x/sys/windows (windows.Errno) name too, so Error.Errno compares
// with their constants: e.Errno == unix.ECONNREFUSED.
type Errno = syscall.Errno
