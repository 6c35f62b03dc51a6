//go:build unix && !linux

package kernel

import (
	"net/netip"

	"golang.org/x/sys/unix"
)

// Bind binds the socket to an internet address and port. (Only Linux
// releases a port on a dissolve, so only there is it on Disconnect's
// path.)
func (Host) Bind(fd int, ap netip.AddrPort) error {
	if ap.Addr().Is4() {
		return unix.Bind(fd, &unix.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()})
	}
	return unix.Bind(fd, &unix.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()})
}
