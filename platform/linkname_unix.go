//go:build unix

package platform

import (
	"unsafe" // also for go:linkname

	"golang.org/x/sys/unix"
)

// platform calls two unexported golang.org/x/sys/unix wrappers directly:
// connect(2) and getpeername(2), the functions unix.Connect and
// unix.Getpeername call around their Sockaddr encoding. Dissolving an
// association needs an address unix.Sockaddr cannot express (AF_UNSPEC,
// golang/go#64006), and asking whether a socket has a peer needs no Sockaddr
// decoded (unix.Getpeername allocates one, and on Linux reads
// SO_PROTOCOL too). Through the wrappers platform reaches each kernel
// exactly the way x/sys/unix does:
//
//   - linux: the connect system call; socketcall(2) on 386 and s390x;
//   - freebsd, netbsd, dragonfly: the connect system call;
//   - darwin, ios, openbsd: libc's connect through the x/sys/unix libc
//     trampolines, never a raw system call number;
//   - solaris, illumos: libsocket's __xnet_connect through sysvicall6;
//   - aix: libc's connect through the x/sys/unix libc call table.
//
// internal/xsys checks, for every GOOS/GOARCH the spec covers, that both
// wrappers exist with these signatures (addrlen is x/sys/unix's _Socklen, a
// uint32 on every target), so go run ./gen fails before a mismatch can
// build.

//go:linkname rawConnect golang.org/x/sys/unix.connect
//go:noescape
func rawConnect(fd int, addr unsafe.Pointer, addrlen uint32) error

//go:linkname rawGetpeername golang.org/x/sys/unix.getpeername
//go:noescape
func rawGetpeername(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error
