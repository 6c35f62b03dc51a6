//go:build !386 && !s390x

package kernel

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

func rawBind(fd int, addr unsafe.Pointer, addrlen uint32) error {
	_, _, e := unix.RawSyscall(unix.SYS_BIND, uintptr(fd), uintptr(addr), uintptr(addrlen))
	return errnoErr(e)
}
