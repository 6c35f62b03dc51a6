package kernel

import (
	"net/netip"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Bind binds the socket to an internet address and port, with the address
// encoded on the stack: Disconnect binds a socket back to the port Linux
// released (the spec's drops_port), and allocates nothing doing it.
func (Host) Bind(fd int, ap netip.AddrPort) error {
	port := [2]byte{byte(ap.Port() >> 8), byte(ap.Port())} // network byte order
	if ap.Addr().Is4() {
		sa := unix.RawSockaddrInet4{Family: unix.AF_INET, Port: *(*uint16)(unsafe.Pointer(&port)), Addr: ap.Addr().As4()}
		return rawBind(fd, unsafe.Pointer(&sa), unix.SizeofSockaddrInet4)
	}
	sa := unix.RawSockaddrInet6{Family: unix.AF_INET6, Port: *(*uint16)(unsafe.Pointer(&port)), Addr: ap.Addr().As16()}
	return rawBind(fd, unsafe.Pointer(&sa), unix.SizeofSockaddrInet6)
}
