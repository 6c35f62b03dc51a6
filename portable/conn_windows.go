package portable

import (
	"net/netip"
	"runtime"
	"strconv"

	"golang.org/x/sys/windows"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
)

// sockaddr is the kernel's address type here.
type sockaddr = windows.Sockaddr

// conns runs ConnectConn and DisconnectConn over Winsock, reading the
// Windows table. runtime.GOOS only names the OS in errors.
var conns = &assoc[windows.Sockaddr]{sys: kernel.Host{}, t: hostTable, goos: runtime.GOOS, ipOf: ipOfWindows}

// sockaddr is e as Winsock takes it on a socket of family socket: an IPv4
// address on an IPv6 socket becomes its IPv4-mapped address.
func (e endpoint) sockaddr(socket rules.Family) sockaddr {
	switch {
	case e.family == rules.FamilyUnix:
		return &windows.SockaddrUnix{Name: e.path}
	case e.family == rules.FamilyInet && socket != rules.FamilyInet6:
		return &windows.SockaddrInet4{Port: int(e.ip.Port()), Addr: e.ip.Addr().As4()}
	}
	return &windows.SockaddrInet6{Port: int(e.ip.Port()), ZoneId: e.zone, Addr: e.ip.Addr().As16()}
}

// ipOfWindows returns the IP address and port of an internet address.
func ipOfWindows(sa windows.Sockaddr) (netip.AddrPort, bool) {
	switch sa := sa.(type) {
	case *windows.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)), true
	case *windows.SockaddrInet6:
		addr := netip.AddrFrom16(sa.Addr)
		if sa.ZoneId != 0 {
			addr = addr.WithZone(strconv.FormatUint(uint64(sa.ZoneId), 10))
		}
		return netip.AddrPortFrom(addr, uint16(sa.Port)), true
	}
	return netip.AddrPort{}, false
}
