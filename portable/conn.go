package portable

import (
	"net"
	"syscall"
)

// ConnectConn associates the datagram socket under c with addr, the same
// way on every OS: afterwards c.Write sends to addr and the kernel drops
// datagrams from anyone else. c is an unconnected *net.UDPConn (from
// net.ListenUDP), a *net.UnixConn (from net.ListenUnixgram), a
// *net.IPConn, or any syscall.Conn over a datagram socket; addr is a
// *net.UDPAddr (with or without a zone), a *net.UnixAddr or a *net.IPAddr.
// An IPv4 address given to an IPv6 socket is its IPv4-mapped address, as
// in package net.
//
// It returns nil exactly when the socket is associated, else an *Error:
// Unsupported for a stream socket (c is left as it was),
// FamilyNotSupported for an address of another family than the socket,
// InvalidAddress for a nil addr, BadDescriptor wrapping net.ErrClosed for
// a closed conn, and the kernel's answer, classified as Connect classifies
// it, otherwise. A datagram connect never goes on in the background.
//
// ConnectConn reaches the socket through SyscallConn().Control: it never
// keeps, duplicates or closes it. On js, wasip1 and plan9, which have no
// sockets for it, it returns an Unsupported error.
func ConnectConn(c syscall.Conn, addr net.Addr) error { return connectConn(c, addr) }

// DisconnectConn dissolves the association of the datagram socket under c
// (also one from net.DialUDP), the same way on every OS: afterwards
// ReadFrom receives from any sender again and Write, having no
// destination, fails. It returns nil exactly when the association is gone
// (a conn that was never associated has none), else an *Error:
// Unsupported for a stream socket (left working), BadDescriptor wrapping
// net.ErrClosed for a closed conn.
//
// As Disconnect, it keeps the socket's port where the kernel would
// release it, reads SO_TYPE, then connects to the dissolve address
// of this OS's spec and reads the answer as the spec says. It reaches the
// socket through SyscallConn().Control and never keeps, duplicates or
// closes it; for *net.UDPConn, *net.UnixConn and *net.IPConn it allocates
// nothing. On js, wasip1 and plan9 it returns an Unsupported error.
func DisconnectConn(c syscall.Conn) error { return disconnectConn(c) }
