//go:build linux && (386 || s390x)

package kernel

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// On linux/386 and linux/s390x golang.org/x/sys/unix reaches the socket
// system calls through socketcall(2) (syscall_linux_386.go,
// syscall_linux_s390x.go), and so does this file, through its exported
// Syscall: the first argument says which call, the second points at its
// arguments.

// socketcall(2) call numbers (include/uapi/linux/net.h).
const (
	socketcallBind        = 2
	socketcallConnect     = 3
	socketcallGetsockname = 6
	socketcallGetpeername = 7
)

func rawConnect(fd int, addr unsafe.Pointer, addrlen uint32) error {
	args := [3]uintptr{uintptr(fd), uintptr(addr), uintptr(addrlen)}
	_, _, e := unix.Syscall(unix.SYS_SOCKETCALL, socketcallConnect, uintptr(unsafe.Pointer(&args)), 0)
	return errnoErr(e)
}

func rawGetpeername(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error {
	args := [3]uintptr{uintptr(fd), uintptr(unsafe.Pointer(rsa)), uintptr(unsafe.Pointer(addrlen))}
	_, _, e := unix.RawSyscall(unix.SYS_SOCKETCALL, socketcallGetpeername, uintptr(unsafe.Pointer(&args)), 0)
	return errnoErr(e)
}

func rawGetsockname(fd int, rsa *unix.RawSockaddrAny, addrlen *uint32) error {
	args := [3]uintptr{uintptr(fd), uintptr(unsafe.Pointer(rsa)), uintptr(unsafe.Pointer(addrlen))}
	_, _, e := unix.RawSyscall(unix.SYS_SOCKETCALL, socketcallGetsockname, uintptr(unsafe.Pointer(&args)), 0)
	return errnoErr(e)
}

func rawBind(fd int, addr unsafe.Pointer, addrlen uint32) error {
	args := [3]uintptr{uintptr(fd), uintptr(addr), uintptr(addrlen)}
	_, _, e := unix.RawSyscall(unix.SYS_SOCKETCALL, socketcallBind, uintptr(unsafe.Pointer(&args)), 0)
	return errnoErr(e)
}
