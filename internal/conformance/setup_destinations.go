//go:build unix

package conformance

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// familyMismatch sets up a socket of one family given an address of
// another: to is the address kind (inet, inet6, unix: "/a", unix_long: a
// 60-byte path).
func (e *env) familyMismatch(domain, typ int, to string) (*setup, error) {
	fd, err := e.socket(domain, typ)
	if err != nil {
		return nil, err
	}
	addrs := map[string]unix.Sockaddr{
		"inet":      &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}},
		"inet6":     &unix.SockaddrInet6{Port: 9, Addr: [16]byte{15: 1}},
		"unix":      &unix.SockaddrUnix{Name: "/a"},
		"unix_long": &unix.SockaddrUnix{Name: "/" + strings.Repeat("x", 59)},
	}
	return &setup{fd: fd, addr: addrs[to]}, nil
}

// tcpTo sets up a TCP connect to a fixed address; the kernel needs no peer
// there to answer.
func (e *env) tcpTo(domain int, sa unix.Sockaddr) (*setup, error) {
	fd, err := e.socket(domain, unix.SOCK_STREAM)
	return &setup{fd: fd, addr: sa}, err
}

// subnetBroadcast sets up a TCP connect, in the client namespace, to the
// broadcast address of its subnet. The step runs in that namespace too,
// where portable lists the interfaces to tell a broadcast address.
func (e *env) subnetBroadcast() (*setup, error) {
	fd, err := e.client.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	e.onClose(func() { unix.Close(fd) })
	st := &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 80, Addr: addrBroadcast}}
	st.prepare = map[int]func() error{0: e.client.enter}
	return st, nil
}

// selfConnect sets up a TCP socket bound to a loopback port, to connect to
// that very port: a simultaneous open with itself.
func (e *env) selfConnect() (*setup, error) {
	fd, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return nil, err
	}
	local, err := unix.Getsockname(fd)
	if err != nil {
		return nil, err
	}
	return &setup{fd: fd, addr: local}, nil
}

// v4mapped sets up a connect from an AF_INET6 socket of type typ to the
// IPv4-mapped address of a loopback listener (or UDP peer), with
// IPV6_V6ONLY set when v6only, else as the OS sets it.
func (e *env) v4mapped(typ int, v6only bool) (*setup, error) {
	network := "tcp4"
	if typ == unix.SOCK_DGRAM {
		network = "udp4"
	}
	port, err := e.loopbackPort(network)
	if err != nil {
		return nil, err
	}
	fd, err := e.socket(unix.AF_INET6, typ)
	if err != nil {
		return nil, err
	}
	if v6only {
		if err := unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 1); err != nil {
			return nil, err
		}
	}
	return &setup{fd: fd, addr: &unix.SockaddrInet6{Port: port, Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 1}}}, nil
}

// loopbackPort returns the port of a TCP listener, or UDP socket, on
// 127.0.0.1 that lives until the scenario ends.
func (e *env) loopbackPort(network string) (int, error) {
	if network == "udp4" {
		st, err := e.udp(unix.AF_INET, 1)
		if err != nil {
			return 0, err
		}
		return st.addr.(*unix.SockaddrInet4).Port, nil
	}
	sa, err := e.listenTCP(network)
	if err != nil {
		return 0, err
	}
	return sa.(*unix.SockaddrInet4).Port, nil
}

// listening sets up a connect on a socket that listens, to another
// listener of its family.
func (e *env) listening(domain int) (*setup, error) {
	fd, err := e.socket(domain, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	var own, dest unix.Sockaddr
	if domain == unix.AF_UNIX {
		path, err := e.listenUnix("unix")
		if err != nil {
			return nil, err
		}
		own, dest = &unix.SockaddrUnix{Name: path + ".own"}, &unix.SockaddrUnix{Name: path}
	} else {
		if dest, err = e.listenTCP("tcp4"); err != nil {
			return nil, err
		}
		own = &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}
	}
	if err := unix.Bind(fd, own); err != nil {
		return nil, err
	}
	if err := unix.Listen(fd, 1); err != nil {
		return nil, err
	}
	return &setup{fd: fd, addr: dest}, nil
}

// afterFailure sets up two connects to a closed port; with listen, a
// listener starts on the port between them.
func (e *env) afterFailure(listen bool) (*setup, error) {
	st, err := e.tcp4(e.closedPort("tcp4"))
	if err != nil || !listen {
		return st, err
	}
	addr := st.addr.(*unix.SockaddrInet4)
	st.before = map[int]func() error{1: func() error {
		l, _, err := listenRaw(unix.AF_INET, addr, 4)
		if err != nil {
			return fmt.Errorf("listening on the refused port: %v", err)
		}
		e.onClose(func() { unix.Close(l) })
		return nil
	}}
	return st, nil
}

// unspecified sets up a connect to the unspecified address of the
// socket's family, on the port of a loopback listener (or UDP peer).
func (e *env) unspecified(domain, typ int) (*setup, error) {
	var port int
	var err error
	switch {
	case domain == unix.AF_INET6:
		var sa unix.Sockaddr
		if sa, err = e.listenTCP("tcp6"); err == nil {
			port = sa.(*unix.SockaddrInet6).Port
		}
	case typ == unix.SOCK_DGRAM:
		port, err = e.loopbackPort("udp4")
	default:
		port, err = e.loopbackPort("tcp4")
	}
	if err != nil {
		return nil, err
	}
	fd, err := e.socket(domain, typ)
	if domain == unix.AF_INET6 {
		return &setup{fd: fd, addr: &unix.SockaddrInet6{Port: port}}, err
	}
	return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: port}}, err
}
