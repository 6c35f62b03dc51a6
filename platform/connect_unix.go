//go:build unix

package platform

import (
	"unsafe"
	_ "unsafe" // for go:linkname

	_ "golang.org/x/sys/unix" // rawConnect's definition
)

// rawConnect is golang.org/x/sys/unix's own wrapper of connect(2), the
// function unix.Connect calls after encoding its Sockaddr. Dissolving an
// association needs an address unix.Sockaddr cannot express (AF_UNSPEC,
// golang/go#64006), so platform calls the wrapper directly and reaches each
// kernel exactly the way x/sys/unix does:
//
//   - linux: the connect system call; socketcall(2) on 386 and s390x;
//   - freebsd, netbsd, dragonfly: the connect system call;
//   - darwin, ios, openbsd: libc's connect through the x/sys/unix libc
//     trampolines, never a raw system call number;
//   - solaris, illumos: libsocket's __xnet_connect through sysvicall6;
//   - aix: libc's connect through the x/sys/unix libc call table.
//
// internal/xsys checks, for every GOOS/GOARCH the spec covers, that the
// wrapper exists with this signature (addrlen is x/sys/unix's _Socklen, a
// uint32 on every target), so go run ./gen fails before a mismatch can
// build.
//
//go:linkname rawConnect golang.org/x/sys/unix.connect
//go:noescape
func rawConnect(fd int, addr unsafe.Pointer, addrlen uint32) error
