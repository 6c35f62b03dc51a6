//go:build unix || windows

package portable

import (
	"net"
	"net/netip"
	"slices"
	"strconv"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
)

// assoc runs, over a kernel and a table, what every OS with sockets shares:
// making and dissolving datagram associations, and reading a kernel's
// answer as the spec says. S is the kernel's address type (unix.Sockaddr,
// windows.Sockaddr).
type assoc[S comparable] struct {
	sys  kernel.Associator[S]
	t    *table
	goos string
	// withAddr allocates e with the net.Addr of sa as its Addr, in one
	// allocation; nil where calls always carry a net.Addr.
	withAddr func(e Error, sa S) *Error
	// ipOf returns the IP address and port of an internet address.
	ipOf func(S) (netip.AddrPort, bool)
}

// call is one call of the API: what the algorithms need to report on it.
type call[S comparable] struct {
	op string
	fd int
	// sa is the address given, or the zero S.
	sa S
	// addr is the address as the caller gave it, for Error.Addr; when nil,
	// the Error holds sa's (withAddr).
	addr net.Addr
	// fam is the address family of sa, or FamilyAny.
	fam rules.Family
}

// dissolve is Disconnect: it dissolves the association of a datagram
// socket and returns nil exactly when it is gone.
func (a *assoc[S]) dissolve(c *call[S]) error {
	if c.fd < 0 {
		return a.refuse(c, BadDescriptor, "fd is negative")
	}
	if err := a.datagramOnly(c); err != nil {
		return err
	}
	d := &a.t.Dissolve
	var local netip.AddrPort
	if d.DropsPort {
		local, _, _ = a.sys.LocalAddress(c.fd)
	}
	errno, ok := asErrno(a.sys.Dissolve(c.fd, d.Method, d.Namelen))
	switch {
	case !ok:
		return a.opaque(c)
	case errno == 0:
		return a.keepPort(c, local)
	case slices.Contains(d.SuccessErrnos, errno), d.ConfirmWithPeer:
		// The BSD kernels disconnect first and then fail the new connect;
		// an association is gone when getpeername finds no peer.
		if has, err := a.sys.HasPeer(c.fd); err == nil && !has {
			return a.keepPort(c, local)
		}
	}
	return a.failure(c, errno, rules.PhaseConnect)
}

// keepPort binds a dissolved socket back to the port it had, where the
// kernel released a port it chose itself, so it goes on receiving there. The address is the one the kernel left: the program's,
// if it bound one, else the unspecified address, as the BSDs leave it.
func (a *assoc[S]) keepPort(c *call[S], local netip.AddrPort) error {
	if local.Port() == 0 {
		return nil
	}
	now, ok, err := a.sys.LocalAddress(c.fd)
	if err != nil || !ok || now.Port() == local.Port() {
		return nil
	}
	errno, ok := asErrno(a.sys.Bind(c.fd, netip.AddrPortFrom(now.Addr(), local.Port())))
	if !ok || errno == 0 {
		return nil
	}
	return a.newError(c, Error{Kind: AddrInUse, Errno: errno, errnoName: a.errnoName(errno),
		Meaning: "the association is dissolved, but " + a.t.Spec + " released the socket's port " + strconv.Itoa(int(local.Port())) +
			" and binding it again failed: another socket took it"})
}

// associate is ConnectConn's connect: it associates a datagram socket with
// c.sa. A datagram connect never goes on in the background.
func (a *assoc[S]) associate(c *call[S]) error {
	if err := a.datagramOnly(c); err != nil {
		return err
	}
	errno, ok := asErrno(a.sys.Connect(c.fd, c.sa))
	switch {
	case !ok:
		return a.opaque(c)
	case errno == 0:
		return nil
	}
	return a.failure(c, errno, rules.PhaseConnect)
}

// datagramOnly refuses, before the kernel, a descriptor that is not a
// socket and a stream or seqpacket socket.
func (a *assoc[S]) datagramOnly(c *call[S]) error {
	typ, err := a.sys.SocketType(c.fd)
	switch {
	case err != nil:
		return a.syscallFailure(c, err)
	case typ == rules.SocketTypeNone:
		return a.refuse(c, NotSocket, "the descriptor is not a socket")
	case typ != rules.SocketTypeStream && typ != rules.SocketTypeSeqpacket:
		return nil
	case c.op == "disconnect":
		return a.refuse(c, Unsupported, "it dissolves datagram associations only: given a connection-mode socket "+
			a.t.Spec+" "+a.t.Dissolve.Stream+" and other kernels differ, so close the socket instead")
	}
	return a.refuse(c, Unsupported, "it makes datagram associations only; the socket is left as it was")
}

// failure reports an errno the kernel answered, read as the spec says:
//   - an errno this kernel answers for an address of another family is
//     FamilyNotSupported when the socket's family is not the address's;
//   - an errno the spec reads as "connected" is success only when
//     getpeername finds a peer, so no failure is reported as success.
func (a *assoc[S]) failure(c *call[S], errno Errno, phase rules.Phase) error {
	if a.familyMismatch(c, errno) {
		return a.newError(c, Error{Kind: FamilyNotSupported, Errno: errno, errnoName: a.errnoName(errno),
			Meaning: "the address is of another family than the socket (" + c.fam.String() + ")"})
	}
	m, name := a.meaning(c, errno, phase)
	if m.Connected {
		if has, err := a.sys.HasPeer(c.fd); err == nil && has {
			return nil
		}
		m = a.unconfirmed(errno, m)
	}
	return a.newError(c, Error{Kind: m.Kind, Errno: errno, errnoName: name, Meaning: m.Text})
}

// familyMismatch reports whether errno, which this kernel also answers for
// an address of another family, comes from one: it reads the socket's
// family, on these answers only.
func (a *assoc[S]) familyMismatch(c *call[S], errno Errno) bool {
	if c.fam == rules.FamilyAny || c.fd < 0 || !slices.Contains(a.t.Sockaddr.FamilyMismatch, errno) {
		return false // not worth asking the kernel the socket's family
	}
	fam, err := a.sys.SocketFamily(c.fd)
	return err == nil && a.t.Sockaddr.Mismatched(errno, c.fam, fam)
}

// unconfirmed is the meaning of an errno the spec reads as connected when
// getpeername finds no peer: its meaning as a failure.
func (a *assoc[S]) unconfirmed(errno Errno, m rules.Meaning[Kind]) rules.Meaning[Kind] {
	if r := rules.Find(a.t, errno); r != nil && !r.Default.Connected {
		return r.Default
	}
	return rules.Meaning[Kind]{Kind: Unknown, Text: m.Text + ", yet getpeername finds no peer"}
}

// meaning classifies errno with the spec's rule, asking the kernel only for
// the facts the rule's cases test, and returns the errno's name.
func (a *assoc[S]) meaning(c *call[S], errno Errno, phase rules.Phase) (rules.Meaning[Kind], string) {
	r := rules.Find(a.t, errno)
	if r == nil {
		return rules.Meaning[Kind]{Kind: Unknown, Text: a.t.SpecFile + " does not map this errno"}, ""
	}
	facts := rules.Facts{Family: c.fam, Phase: phase}
	typ, destinations, state := r.Needs()
	if typ && c.fd >= 0 {
		facts.Type = a.socketType(c.fd)
	}
	if len(destinations) > 0 {
		facts.Destination = a.destination(c, destinations)
	}
	if state && c.fd >= 0 {
		if listening, err := a.sys.Listening(c.fd); err == nil && listening {
			facts.State = rules.SocketStateListening
		}
	}
	return r.Resolve(facts), r.Name
}

// destination returns the first of the destinations the call's address
// is, or DestinationAny: what the address alone says, else what the
// kernel says of it.
func (a *assoc[S]) destination(c *call[S], wanted []rules.Destination) rules.Destination {
	ap, ok := a.ipOf(c.sa)
	if !ok {
		return rules.DestinationAny
	}
	for _, d := range wanted {
		if a.is(c, ap, d) {
			return d
		}
	}
	return rules.DestinationAny
}

// is reports whether the call's address, ap, is a destination of kind d.
func (a *assoc[S]) is(c *call[S], ap netip.AddrPort, d rules.Destination) bool {
	if kind, ok := addressKind(ap); ok && kind == d {
		return true
	}
	var yes bool
	var err error
	switch d {
	case rules.DestinationSelf:
		yes, err = a.sys.LocalAddrIs(c.fd, c.sa)
	case rules.DestinationBroadcast:
		yes, err = a.sys.IsBroadcast(c.sa)
	case rules.DestinationV4mapped:
		yes = ap.Addr().Is4In6()
	case rules.DestinationV4mappedV6only:
		if ap.Addr().Is4In6() {
			yes, err = a.sys.V6Only(c.fd)
		}
	}
	return err == nil && yes
}

// addressKind is the destination an address is by itself: unspecified,
// multicast, the limited broadcast address, or an IPv6 link-local address
// without a zone.
func addressKind(ap netip.AddrPort) (rules.Destination, bool) {
	ip := ap.Addr().Unmap()
	switch {
	case ip.IsUnspecified():
		return rules.DestinationUnspecified, true
	case ip.IsMulticast():
		return rules.DestinationMulticast, true
	case ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return rules.DestinationBroadcast, true
	case ap.Addr().Is6() && !ap.Addr().Is4In6() && ip.IsLinkLocalUnicast() && ip.Zone() == "":
		return rules.DestinationLinkLocalNoZone, true
	}
	return rules.DestinationAny, false
}

// socketType reads SO_TYPE in the spec's terms.
func (a *assoc[S]) socketType(fd int) rules.SocketType {
	typ, err := a.sys.SocketType(fd)
	if err != nil {
		return rules.SocketTypeUnknown
	}
	return typ
}

// errnoName is the spec's name of errno, "" when it maps none.
func (a *assoc[S]) errnoName(errno Errno) string {
	if r := rules.Find(a.t, errno); r != nil {
		return r.Name
	}
	return ""
}

// refuse reports a call refused before the kernel.
func (a *assoc[S]) refuse(c *call[S], kind Kind, reason string) error {
	return a.newError(c, Error{Kind: kind, Meaning: reason})
}

// syscallFailure reports a failed helper system call (fcntl, poll,
// getsockopt) like a connect answer: EBADF is a bad descriptor wherever it
// comes from.
func (a *assoc[S]) syscallFailure(c *call[S], err error) error {
	errno, ok := asErrno(err)
	if !ok {
		return a.opaque(c)
	}
	return a.failure(c, errno, rules.PhaseConnect)
}

// opaque reports an error that is not an errno; the host kernels only
// return errnos, so this does not happen with them.
func (a *assoc[S]) opaque(c *call[S]) error {
	return a.refuse(c, Unknown, "the kernel interface returned an error that is not an errno")
}

// newError completes e with what the call says and allocates it, with
// its address in the same allocation where one is made.
func (a *assoc[S]) newError(c *call[S], e Error) *Error {
	e.Op, e.GOOS, e.Spec, e.Fd = c.op, a.goos, a.t.Spec, c.fd
	var zero S
	if c.addr == nil && c.sa != zero && a.withAddr != nil {
		return a.withAddr(e, c.sa)
	}
	e.Addr = c.addr
	return onHeap(e)
}

// onHeap returns a copy of e on the heap. Taking e's address in newError
// instead would move newError's e to the heap on every path, withAddr's
// too, which makes its own: two allocations where one is enough.
func onHeap(e Error) *Error { return &e }

// asErrno returns err as an errno (0 for nil); ok is false for an error
// that is not one.
func asErrno(err error) (errno Errno, ok bool) {
	if err == nil {
		return 0, true
	}
	errno, ok = err.(Errno)
	return errno, ok
}
