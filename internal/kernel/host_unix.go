//go:build unix

package kernel

import (
	"context"
	"errors"
	"net/netip"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/rules"
)

// Host is the Kernel of the machine the program runs on.
type Host struct{}

// The socket options Host reads (sockopt.go), and the answer of a
// descriptor that is not a socket.
const (
	solSocket    = unix.SOL_SOCKET
	soType       = unix.SO_TYPE
	soAcceptConn = unix.SO_ACCEPTCONN
	ipprotoIPv6  = unix.IPPROTO_IPV6
	ipv6V6Only   = unix.IPV6_V6ONLY
	sockStream   = unix.SOCK_STREAM
	sockDgram    = unix.SOCK_DGRAM
	sockSeqpkt   = unix.SOCK_SEQPACKET
	errNotSocket = unix.ENOTSOCK
)

// getsockoptInt reads an integer socket option.
func getsockoptInt(fd, level, opt int) (int, error) { return unix.GetsockoptInt(fd, level, opt) }

// Connect calls connect(2) through golang.org/x/sys/unix.
func (Host) Connect(fd int, sa unix.Sockaddr) error { return unix.Connect(fd, sa) }

// Dissolve calls connect(2) with the address of the dissolve method, one
// unix.Sockaddr cannot express for af_unspec and null (golang/go#64006).
func (h Host) Dissolve(fd int, method rules.DissolveMethod, namelen uint32) error {
	var zero [unix.SizeofSockaddrAny]byte
	switch method {
	case rules.DissolveMethodNull:
		return rawConnect(fd, nil, 0)
	case rules.DissolveMethodZeroAddress:
		fam, err := h.SocketFamily(fd)
		if err != nil {
			return err
		}
		sa := zeroAddress(fam)
		if sa == nil {
			return unix.EAFNOSUPPORT
		}
		return h.Connect(fd, sa)
	}
	return rawConnect(fd, unsafe.Pointer(&zero), min(namelen, uint32(len(zero))))
}

// zeroAddress is the all-zero address of an internet family: 0.0.0.0:0 or
// [::]:0; nil for another family, which has none (Dissolve answers
// EAFNOSUPPORT then, without a system call).
func zeroAddress(fam rules.Family) unix.Sockaddr {
	switch fam {
	case rules.FamilyInet:
		return &unix.SockaddrInet4{}
	case rules.FamilyInet6:
		return &unix.SockaddrInet6{}
	}
	return nil
}

// SocketFamily calls getsockname(2) into a buffer on the stack and returns
// the family (unix.Getsockname would decode, and allocate, the address).
func (Host) SocketFamily(fd int) (rules.Family, error) {
	var rsa unix.RawSockaddrAny
	n := uint32(unix.SizeofSockaddrAny)
	if err := rawGetsockname(fd, &rsa, &n); err != nil {
		return rules.FamilyAny, err
	}
	return families[int(rsa.Addr.Family)], nil
}

// families maps address families to the spec's.
var families = map[int]rules.Family{
	unix.AF_UNIX:  rules.FamilyUnix,
	unix.AF_INET:  rules.FamilyInet,
	unix.AF_INET6: rules.FamilyInet6,
}

// SocketError returns and clears SO_ERROR.
func (Host) SocketError(fd int) (int, error) {
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
}

// HasPeer calls getpeername(2) into a buffer on the stack: only whether the
// socket has a peer matters, not who.
func (Host) HasPeer(fd int) (bool, error) {
	var rsa unix.RawSockaddrAny
	n := uint32(unix.SizeofSockaddrAny)
	switch err := rawGetpeername(fd, &rsa, &n); err {
	case nil:
		return true, nil
	case unix.ENOTCONN:
		return false, nil
	default:
		return false, err
	}
}

// FileFlags reads the file status flags.
func (Host) FileFlags(fd int) (int, error) {
	return unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
}

// SetFileFlags sets the file status flags.
func (Host) SetFileFlags(fd int, flags int) error {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_SETFL, flags)
	return err
}

// PollWritable polls fd for POLLOUT without waiting; POLLERR and POLLHUP
// count as ready, since a failed connect is reported that way and SO_ERROR
// then says why.
func (Host) PollWritable(fd int) (bool, error) { return pollWritable(fd, 0) }

// BlockUntilWritable polls fd for POLLOUT, waiting as long as it takes.
func (Host) BlockUntilWritable(fd int) error {
	_, err := pollWritable(fd, -1)
	return err
}

func pollWritable(fd, timeout int) (bool, error) {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
	for {
		n, err := unix.Poll(fds, timeout)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, err
		}
		return n > 0, nil
	}
}

// aLongTimeAgo is a deadline in the past, set to wake a waiter at once (the
// same trick net.Dialer uses for cancellation).
var aLongTimeAgo = time.Unix(1, 0)

// WaitWritable waits on the runtime poller. The poller takes ownership of
// the descriptors it is given and closes them, so it is given a duplicate
// (close-on-exec, so no child inherits it): the duplicate shares the
// caller's open file (and so sees the connection complete) and is closed,
// and deregistered, before WaitWritable returns. The caller's descriptor is
// never handed over.
func (h Host) WaitWritable(ctx context.Context, fd int) error {
	dup, err := dupCloexec(fd)
	if err != nil {
		return err
	}
	// os.NewFile registers a nonblocking descriptor with the poller; the
	// caller has already set O_NONBLOCK on the shared open file.
	f := os.NewFile(uintptr(dup), "connspec-wait")
	defer f.Close()
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	// When ctx ends (its deadline passing too), a deadline in the past
	// wakes the wait. A context that cannot end needs no watcher.
	if ctx.Done() != nil {
		stop := context.AfterFunc(ctx, func() { f.SetWriteDeadline(aLongTimeAgo) })
		defer stop()
	}
	var pollErr error
	err = raw.Write(func(uintptr) bool {
		// Wake-ups can come before the socket is writable (the edge of
		// registration, golang/go#14548), so each is checked with poll.
		var ready bool
		ready, pollErr = h.PollWritable(fd)
		return ready || pollErr != nil
	})
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return ctx.Err()
	}
	if err != nil {
		return err
	}
	return pollErr
}

// LocalAddrIs compares the socket's local address with sa.
func (h Host) LocalAddrIs(fd int, sa unix.Sockaddr) (bool, error) {
	local, ok, err := h.LocalAddress(fd)
	if err != nil || !ok {
		return false, err
	}
	want, ok := addrPortOf(sa)
	return ok && local == want, nil
}

// SelfConnected compares the socket's local address with its peer's.
func (Host) SelfConnected(fd int) (bool, error) {
	var local, peer unix.RawSockaddrAny
	n, m := uint32(unix.SizeofSockaddrAny), uint32(unix.SizeofSockaddrAny)
	if err := rawGetsockname(fd, &local, &n); err != nil {
		return false, err
	}
	if err := rawGetpeername(fd, &peer, &m); err != nil {
		return false, err
	}
	l, lok := rawAddrPort(&local)
	p, pok := rawAddrPort(&peer)
	return lok && pok && l == p, nil
}

// rawAddrPort reads an AF_INET or AF_INET6 address, without its zone; an
// IPv4 address stays 4 bytes, so it differs from its IPv4-mapped form.
func rawAddrPort(rsa *unix.RawSockaddrAny) (netip.AddrPort, bool) {
	switch int(rsa.Addr.Family) {
	case unix.AF_INET:
		in := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		return netip.AddrPortFrom(netip.AddrFrom4(in.Addr), portOf(in.Port)), true
	case unix.AF_INET6:
		in := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		return netip.AddrPortFrom(netip.AddrFrom16(in.Addr), portOf(in.Port)), true
	}
	return netip.AddrPort{}, false
}

// addrPortOf is an internet sockaddr as rawAddrPort reads it.
func addrPortOf(sa unix.Sockaddr) (netip.AddrPort, bool) {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(sa.Addr), uint16(sa.Port)), true
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(sa.Addr), uint16(sa.Port)), true
	}
	return netip.AddrPort{}, false
}

// portOf reads a port in network byte order.
func portOf(p uint16) uint16 {
	b := (*[2]byte)(unsafe.Pointer(&p))
	return uint16(b[0])<<8 | uint16(b[1])
}

// IsBroadcast compares an AF_INET address with the broadcast address of
// every IPv4 subnet of this host's interfaces.
func (Host) IsBroadcast(sa unix.Sockaddr) (bool, error) {
	in, ok := sa.(*unix.SockaddrInet4)
	if !ok {
		return false, nil
	}
	return isSubnetBroadcast(netip.AddrFrom4(in.Addr))
}

// LocalAddress reads the socket's internet address into a buffer on the
// stack.
func (Host) LocalAddress(fd int) (netip.AddrPort, bool, error) {
	var rsa unix.RawSockaddrAny
	n := uint32(unix.SizeofSockaddrAny)
	if err := rawGetsockname(fd, &rsa, &n); err != nil {
		return netip.AddrPort{}, false, err
	}
	ap, ok := rawAddrPort(&rsa)
	return ap, ok, nil
}
