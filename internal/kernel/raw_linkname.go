//go:build darwin || openbsd || solaris || aix

package kernel

import (
	"unsafe" // also for go:linkname

	"golang.org/x/sys/unix"
)

// On darwin and ios, openbsd, solaris and illumos, and aix,
// golang.org/x/sys/unix reaches connect, getpeername and getsockname
// through libc (the libc trampolines; libsocket's __xnet_connect through
// sysvicall6 on solaris and illumos; the libc call table on aix), never
// through a system call number of its own. This file calls the same
// unexported wrappers, so the kernel is reached the same way.
// TestLinknameTargets checks, in the build that runs it, that the wrappers
// linked have these signatures (addrlen is x/sys/unix's _Socklen, a uint32
// on every target).

//go:linkname rawConnect golang.org/x/sys/unix.connect
//go:noescape
func rawConnect(fd int, addr unsafe.Pointer, addrlen uint32) error

//go:linkname rawGetpeername golang.org/x/sys/unix.getpeername
//go:noescape
func rawGetpeername(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error

//go:linkname rawGetsockname golang.org/x/sys/unix.getsockname
//go:noescape
func rawGetsockname(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error
