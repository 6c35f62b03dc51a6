//go:build unix || windows

package portable

import (
	"net"
	"net/netip"
	"reflect"
	"strconv"
	"syscall"

	"github.com/connspec/connspec/internal/rules"
)

// connOp is one ConnectConn or DisconnectConn: the call, made on the
// socket inside SyscallConn().Control, and its result.
type connOp struct {
	call call[sockaddr]
	// dissolve says DisconnectConn; else ConnectConn.
	dissolve bool
	err      error
}

// do runs the call on the socket Control lends.
func (o *connOp) do(fd uintptr) {
	o.call.fd = int(fd)
	if o.dissolve {
		o.err = conns.dissolve(&o.call)
	} else {
		o.err = conns.associate(&o.call)
	}
}

// on runs o on the socket under c. For package net's datagram conns the
// SyscallConn and Control calls are made on the concrete type, which the
// compiler sees through: nothing escapes, nothing is allocated.
func (o *connOp) on(c syscall.Conn) error {
	var err error
	switch c := c.(type) {
	case *net.UDPConn:
		var rc syscall.RawConn
		if rc, err = c.SyscallConn(); err == nil {
			err = rc.Control(o.do)
		}
	case *net.UnixConn:
		var rc syscall.RawConn
		if rc, err = c.SyscallConn(); err == nil {
			err = rc.Control(o.do)
		}
	case *net.IPConn:
		var rc syscall.RawConn
		if rc, err = c.SyscallConn(); err == nil {
			err = rc.Control(o.do)
		}
	default:
		*o, err = controlAny(c, *o)
	}
	if err != nil {
		return conns.newError(&o.call, Error{Kind: BadDescriptor, Err: err, Meaning: "the conn's socket cannot be reached (is it closed?)"})
	}
	return o.err
}

// controlAny runs a copy of o on the socket under any other
// syscall.Conn, whose Control the compiler cannot see through: the copy,
// not the caller's o, goes to the heap.
func controlAny(c syscall.Conn, o connOp) (connOp, error) {
	rc, err := c.SyscallConn()
	if err == nil {
		err = rc.Control(o.do)
	}
	return o, err
}

func connectConn(c syscall.Conn, addr net.Addr) error {
	o := connOp{call: call[sockaddr]{op: "connect", fd: -1, addr: addr}}
	if isNil(c) {
		return conns.refuse(&o.call, BadDescriptor, "the conn is nil")
	}
	ep, r := endpointOfAddr(addr)
	local := localFamily(c)
	if r == nil {
		o.call.fam = ep.family
		r = ep.fits(local)
	}
	if r != nil {
		return conns.refuse(&o.call, r.kind, r.reason)
	}
	o.call.sa = ep.sockaddr(local)
	return o.on(c)
}

func disconnectConn(c syscall.Conn) error {
	o := connOp{call: call[sockaddr]{op: "disconnect", fd: -1}, dissolve: true}
	if isNil(c) {
		return conns.refuse(&o.call, BadDescriptor, "the conn is nil")
	}
	return o.on(c)
}

// isNil catches a nil conn, also a nil *net.UDPConn in a non-nil interface.
func isNil(c syscall.Conn) bool {
	if c == nil {
		return true
	}
	v := reflect.ValueOf(c)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// localFamily is the family of the conn's local address, as package net
// knows it without a system call, or FamilyAny.
func localFamily(c syscall.Conn) rules.Family {
	lc, ok := c.(interface{ LocalAddr() net.Addr })
	if !ok {
		return rules.FamilyAny
	}
	switch a := lc.LocalAddr().(type) {
	case *net.UDPAddr:
		return ipFamily(a.IP)
	case *net.IPAddr:
		return ipFamily(a.IP)
	case *net.UnixAddr:
		return rules.FamilyUnix
	}
	return rules.FamilyAny
}

// ipFamily is the family of a socket package net reports this local IP
// for: it writes an AF_INET socket's address in 4 bytes, an AF_INET6
// socket's in 16 (sockaddrToUDP).
func ipFamily(ip net.IP) rules.Family {
	switch len(ip) {
	case net.IPv4len:
		return rules.FamilyInet
	case net.IPv6len:
		return rules.FamilyInet6
	}
	return rules.FamilyAny
}

// endpoint is a net.Addr as the kernel takes it: a family, an IP address
// and port (with a numeric zone), or an AF_UNIX path.
type endpoint struct {
	family rules.Family
	ip     netip.AddrPort
	zone   uint32
	path   string
}

// endpointOfAddr reads the address ConnectConn was given.
func endpointOfAddr(addr net.Addr) (endpoint, *refusal) {
	switch a := addr.(type) {
	case *net.UDPAddr:
		if a != nil {
			if r := checkPort(a.Port); r != nil {
				return endpoint{}, r
			}
			return ipEndpoint(a.IP, a.Zone, a.Port)
		}
	case *net.IPAddr:
		if a != nil {
			return ipEndpoint(a.IP, a.Zone, 0)
		}
	case *net.UnixAddr:
		if a != nil {
			return endpoint{family: rules.FamilyUnix, path: a.Name}, nil
		}
	case nil:
	default:
		return endpoint{}, &refusal{FamilyNotSupported, "ConnectConn takes a *net.UDPAddr, *net.UnixAddr or *net.IPAddr"}
	}
	return endpoint{}, &refusal{InvalidAddress, "the address is nil"}
}

func ipEndpoint(ip net.IP, zone string, port int) (endpoint, *refusal) {
	a, ok := netip.AddrFromSlice(ip)
	if !ok {
		return endpoint{}, &refusal{InvalidAddress, "the address has no IP"}
	}
	// package net writes IPv4 addresses in 16 bytes too (net.ParseIP).
	e := endpoint{family: rules.FamilyInet6, ip: netip.AddrPortFrom(a, uint16(port))}
	if a.Unmap().Is4() {
		e.family, e.ip = rules.FamilyInet, netip.AddrPortFrom(a.Unmap(), uint16(port))
	}
	if zone != "" {
		ifi, err := net.InterfaceByName(zone)
		if err != nil {
			return endpoint{}, &refusal{InvalidAddress, "zone " + zone + " names no interface"}
		}
		e.zone = uint32(ifi.Index)
	}
	return e, nil
}

// fits refuses an address of another family than the socket's, before the
// kernel: an IPv4 address on an IPv6 socket is fine (its IPv4-mapped
// address), the other way round is not.
func (e endpoint) fits(socket rules.Family) *refusal {
	if socket == rules.FamilyAny || socket == e.family || (socket == rules.FamilyInet6 && e.family == rules.FamilyInet) {
		return nil
	}
	return &refusal{FamilyNotSupported, "the address is " + e.family.String() + ", the socket " + socket.String()}
}

// sockaddr is e as the kernel takes it on a socket of family socket: an
// IPv4 address on an IPv6 socket becomes its IPv4-mapped address.
func (e endpoint) sockaddr(socket rules.Family) sockaddr {
	switch {
	case e.family == rules.FamilyUnix:
		return &sockaddrUnix{Name: e.path}
	case e.family == rules.FamilyInet && socket != rules.FamilyInet6:
		return &sockaddrInet4{Port: int(e.ip.Port()), Addr: e.ip.Addr().As4()}
	}
	return &sockaddrInet6{Port: int(e.ip.Port()), ZoneId: e.zone, Addr: e.ip.Addr().As16()}
}

// ipOf returns the IP address (with its zone) and port of an internet
// address.
func ipOf(sa sockaddr) (netip.AddrPort, bool) {
	switch sa := sa.(type) {
	case *sockaddrInet4:
		if sa != nil {
			return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)), true
		}
	case *sockaddrInet6:
		if sa != nil {
			addr := netip.AddrFrom16(sa.Addr)
			if sa.ZoneId != 0 {
				addr = addr.WithZone(strconv.FormatUint(uint64(sa.ZoneId), 10))
			}
			return netip.AddrPortFrom(addr, uint16(sa.Port)), true
		}
	}
	return netip.AddrPort{}, false
}
