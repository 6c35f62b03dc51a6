//go:build unix

package portable

import (
	"github.com/connspec/connspec/internal/rules"
	"golang.org/x/sys/unix"
)

// sockaddr is the kernel's address type here.
type sockaddr = unix.Sockaddr

// conns runs ConnectConn and DisconnectConn: the host's algorithms.
var conns = &host.assoc

// sockaddr is e as the kernel takes it on a socket of family socket: an
// IPv4 address on an IPv6 socket becomes its IPv4-mapped address.
func (e endpoint) sockaddr(socket rules.Family) sockaddr {
	switch {
	case e.family == rules.FamilyUnix:
		return &unix.SockaddrUnix{Name: e.path}
	case e.family == rules.FamilyInet && socket != rules.FamilyInet6:
		return &unix.SockaddrInet4{Port: int(e.ip.Port()), Addr: e.ip.Addr().As4()}
	}
	return &unix.SockaddrInet6{Port: int(e.ip.Port()), ZoneId: e.zone, Addr: e.ip.Addr().As16()}
}
