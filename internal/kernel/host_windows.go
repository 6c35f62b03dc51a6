package kernel

import (
	"net/netip"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/connspec/connspec/internal/rules"
)

// Host is the Windows kernel: Winsock, through golang.org/x/sys/windows,
// for the datagram associations of package net's conns. fd is a socket
// handle.
type Host struct{}

// The socket options Host reads (sockopt.go), and the answer of a
// descriptor that is not a socket. SO_ACCEPTCONN and SO_TYPE are
// Winsock's (winsock2.h), which golang.org/x/sys/windows does not name.
const (
	solSocket    = windows.SOL_SOCKET
	soType       = 0x1008
	soAcceptConn = 0x0002
	ipprotoIPv6  = windows.IPPROTO_IPV6
	ipv6V6Only   = windows.IPV6_V6ONLY
	sockStream   = windows.SOCK_STREAM
	sockDgram    = windows.SOCK_DGRAM
	sockSeqpkt   = windows.SOCK_SEQPACKET
	errNotSocket = windows.WSAENOTSOCK
)

// getsockoptInt reads an integer socket option.
func getsockoptInt(fd, level, opt int) (int, error) {
	return windows.GetsockoptInt(windows.Handle(fd), level, opt)
}

// procConnect is Winsock's connect, called directly for the dissolve address,
// which windows.Sockaddr cannot express.
var procConnect = windows.NewLazySystemDLL("ws2_32.dll").NewProc("connect")

// Connect calls Winsock's connect through golang.org/x/sys/windows.
func (Host) Connect(fd int, sa windows.Sockaddr) error {
	return windows.Connect(windows.Handle(fd), sa)
}

// Dissolve calls connect with the dissolve method's address: an all-zero
// address of namelen bytes (af_unspec), or the all-zero address of the
// socket's family (zero_address).
func (h Host) Dissolve(fd int, method rules.DissolveMethod, namelen uint32) error {
	if method == rules.DissolveMethodZeroAddress {
		fam, err := h.SocketFamily(fd)
		if err != nil {
			return err
		}
		if fam == rules.FamilyInet6 {
			return h.Connect(fd, &windows.SockaddrInet6{})
		}
		return h.Connect(fd, &windows.SockaddrInet4{})
	}
	var zero [128]byte // sizeof(SOCKADDR_STORAGE)
	if r, _, err := procConnect.Call(uintptr(fd), uintptr(unsafe.Pointer(&zero)), uintptr(min(namelen, uint32(len(zero))))); int32(r) != 0 {
		return err
	}
	return nil
}

// SocketFamily returns the family of the socket's local address.
func (Host) SocketFamily(fd int) (rules.Family, error) {
	sa, err := windows.Getsockname(windows.Handle(fd))
	if err != nil {
		return rules.FamilyAny, err
	}
	return familyOf(sa), nil
}

func familyOf(sa windows.Sockaddr) rules.Family {
	switch sa.(type) {
	case *windows.SockaddrInet4:
		return rules.FamilyInet
	case *windows.SockaddrInet6:
		return rules.FamilyInet6
	case *windows.SockaddrUnix:
		return rules.FamilyUnix
	}
	return rules.FamilyAny
}

// HasPeer calls getpeername: WSAENOTCONN means no peer.
func (Host) HasPeer(fd int) (bool, error) {
	_, err := windows.Getpeername(windows.Handle(fd))
	switch err {
	case nil:
		return true, nil
	case windows.WSAENOTCONN:
		return false, nil
	}
	return false, err
}

// LocalAddrIs compares the socket's local address with sa.
func (Host) LocalAddrIs(fd int, sa windows.Sockaddr) (bool, error) {
	local, err := windows.Getsockname(windows.Handle(fd))
	if err != nil {
		return false, err
	}
	l, lok := endpointOf(local)
	d, dok := endpointOf(sa)
	return lok && dok && l == d, nil
}

// endpointOf returns an internet address and port.
func endpointOf(sa windows.Sockaddr) (netip.AddrPort, bool) {
	switch sa := sa.(type) {
	case *windows.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)), true
	case *windows.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr), uint16(sa.Port)), true
	}
	return netip.AddrPort{}, false
}

// IsBroadcast compares an AF_INET address with the broadcast address of
// every IPv4 subnet of this host's interfaces.
func (Host) IsBroadcast(sa windows.Sockaddr) (bool, error) {
	in, ok := sa.(*windows.SockaddrInet4)
	if !ok {
		return false, nil
	}
	return isSubnetBroadcast(netip.AddrFrom4(in.Addr))
}

var _ Associator[windows.Sockaddr] = Host{}

// LocalAddress returns the socket's internet address.
func (Host) LocalAddress(fd int) (netip.AddrPort, bool, error) {
	sa, err := windows.Getsockname(windows.Handle(fd))
	if err != nil {
		return netip.AddrPort{}, false, err
	}
	ap, ok := endpointOf(sa)
	return ap, ok, nil
}

// Bind binds the socket to an internet address and port.
func (Host) Bind(fd int, ap netip.AddrPort) error {
	if ap.Addr().Is4() {
		return windows.Bind(windows.Handle(fd), &windows.SockaddrInet4{Port: int(ap.Port()), Addr: ap.Addr().As4()})
	}
	return windows.Bind(windows.Handle(fd), &windows.SockaddrInet6{Port: int(ap.Port()), Addr: ap.Addr().As16()})
}
