//go:build (linux && !386 && !s390x) || freebsd || netbsd || dragonfly

package kernel

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Here golang.org/x/sys/unix issues connect, getpeername and getsockname as
// system calls of their own (zsyscall_<goos>_<goarch>.go), and so does this
// file, through its exported Syscall.

func rawConnect(fd int, addr unsafe.Pointer, addrlen uint32) error {
	_, _, e := unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(addr), uintptr(addrlen))
	return errnoErr(e)
}

func rawGetpeername(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error {
	_, _, e := unix.RawSyscall(unix.SYS_GETPEERNAME, uintptr(fd), uintptr(unsafe.Pointer(rsa)), uintptr(unsafe.Pointer(addrlen)))
	return errnoErr(e)
}

func rawGetsockname(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error {
	_, _, e := unix.RawSyscall(unix.SYS_GETSOCKNAME, uintptr(fd), uintptr(unsafe.Pointer(rsa)), uintptr(unsafe.Pointer(addrlen)))
	return errnoErr(e)
}
