package kernel

import (
	"net/netip"

	"github.com/connspec/connspec/internal/rules"
)

// Associator is what making and dissolving a datagram association needs
// from a kernel, on every OS with sockets. S is its address type
// (unix.Sockaddr, windows.Sockaddr); fd is the socket's descriptor (on
// Windows its handle).
type Associator[S any] interface {
	// Connect calls connect(2) with sa.
	Connect(fd int, sa S) error
	// Dissolve calls connect(2) with the address of the dissolve method:
	// an all-zero address of namelen bytes whose family is AF_UNSPEC
	// (af_unspec), a NULL address (null), or the all-zero address of the
	// socket's own family (zero_address).
	Dissolve(fd int, method rules.DissolveMethod, namelen uint32) error
	// SocketType returns the socket's type (SO_TYPE) in the spec's terms:
	// SocketTypeNone for a descriptor that is not a socket (ENOTSOCK is
	// not an error here), SocketTypeUnknown for a type the spec does not
	// name.
	SocketType(fd int) (rules.SocketType, error)
	// SocketFamily returns the socket's address family, as getsockname(2)
	// reports it, in the spec's terms (FamilyAny for another family).
	SocketFamily(fd int) (rules.Family, error)
	// HasPeer calls getpeername(2): true when the socket has a peer, false
	// when it answers ENOTCONN, and any other answer as the error.
	HasPeer(fd int) (bool, error)
	// LocalAddrIs reports whether the socket's local address and port
	// (getsockname(2)) are sa's.
	LocalAddrIs(fd int, sa S) (bool, error)
	// IsBroadcast reports whether sa is the broadcast address of a subnet
	// of one of this host's interfaces.
	IsBroadcast(sa S) (bool, error)
	// V6Only reports whether IPV6_V6ONLY is set on an AF_INET6 socket.
	V6Only(fd int) (bool, error)
	// Listening reports whether listen(2) was called on the socket
	// (SO_ACCEPTCONN).
	Listening(fd int) (bool, error)
	// LocalAddress returns the internet address and port the socket is
	// bound to (getsockname(2)); ok is false for another family.
	LocalAddress(fd int) (ap netip.AddrPort, ok bool, err error)
	// Bind binds the socket to an internet address and port (bind(2)).
	Bind(fd int, ap netip.AddrPort) error
}
