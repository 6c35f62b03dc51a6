package portable

import (
	"cmp"
	"context"
	"errors"
	"runtime"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/platform"
)

// A Connector runs the portable algorithms over a Kernel, reading every OS
// difference from the Table of the OS whose answers the Kernel gives. The
// package-level functions use the running system's kernel and table.
//
// Another kernel serves to see what code does on another OS without that
// OS: a scripted kernel answering as FreeBSD, with FreeBSD's table, replays
// FreeBSD's behaviour on Linux (connspec's own simulation does this for every
// spec). A kernel that wraps platform.Host and records its answers shows
// what the running kernel said (connspec's conformance suite does this).
type Connector struct {
	k    platform.Kernel
	t    *platform.Table
	goos string
}

// NewConnector returns a Connector over k that reads t and names goos as
// the OS that answered in its errors.
func NewConnector(k platform.Kernel, t *platform.Table, goos string) *Connector {
	return &Connector{k: k, t: t, goos: goos}
}

// host is the Connector of the running system. runtime.GOOS only labels
// errors; the table decides behaviour.
var host = NewConnector(platform.Host{}, platform.Current, runtime.GOOS)

// Connect is the package-level Connect over c's kernel and table.
func (c *Connector) Connect(fd int, sa unix.Sockaddr) error {
	fam, err := c.precheck("connect", fd, sa)
	if err != nil {
		return err
	}
	for {
		errno, ok := asErrno(c.k.Connect(fd, sa))
		switch {
		case ok && errno == 0:
			return nil
		case !ok:
			return c.opaque("connect", fd, sa)
		case slices.Contains(c.t.Interrupt.Errnos, errno):
			if !c.t.Interrupt.Continues {
				// The attempt was abandoned, so connecting again is safe.
				continue
			}
			// The attempt goes on in the background; a second connect
			// would race it. Wait for it as connect itself would have.
			return c.awaitBlocking(fd, sa, fam)
		case slices.Contains(c.t.Completion.Pending, errno):
			return ErrInProgress
		}
		return c.failure("connect", fd, sa, errno, fam, platform.PhaseConnect)
	}
}

// ConnectContext is the package-level ConnectContext over c's kernel and
// table.
func (c *Connector) ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) (err error) {
	fam, err := c.precheck("connect", fd, sa)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		return c.contextError(ctx.Err(), fd, sa, "the context ended before connect was called")
	}
	flags, ferr := c.k.FileFlags(fd)
	if ferr != nil {
		return c.syscallFailure("connect", fd, sa, ferr, fam)
	}
	if flags&unix.O_NONBLOCK == 0 {
		if ferr := c.k.SetFileFlags(fd, flags|unix.O_NONBLOCK); ferr != nil {
			return c.syscallFailure("connect", fd, sa, ferr, fam)
		}
		// The caller's descriptor leaves as it came: blocking.
		defer func() {
			if ferr := c.k.SetFileFlags(fd, flags); ferr != nil && err == nil {
				err = c.syscallFailure("connect", fd, sa, ferr, fam)
			}
		}()
	}
	errno, ok := asErrno(c.k.Connect(fd, sa))
	switch {
	case ok && errno == 0:
		return nil
	case !ok:
		return c.opaque("connect", fd, sa)
	case !slices.Contains(c.t.Interrupt.Errnos, errno) && !slices.Contains(c.t.Completion.Pending, errno):
		// Linux's EAGAIN for a full AF_UNIX backlog lands here: it is an
		// answer, not a reason to wait (the socket would never become
		// writable).
		return c.failure("connect", fd, sa, errno, fam, platform.PhaseConnect)
	}
	// On loopback the handshake often completes before connect(2)
	// returns: a peer already there saves the poll.
	if c.k.Peer(fd) == nil {
		return nil
	}
	ready, werr := c.k.Writable(fd, false)
	for spurious := 0; ; spurious = backoff(spurious) {
		if werr != nil {
			return c.syscallFailure("connect", fd, sa, werr, fam)
		}
		if !ready {
			// WaitWritable returns once its own poll says writable.
			if werr := c.k.WaitWritable(ctx, fd); werr != nil {
				if cerr := cmp.Or(ctx.Err(), contextErr(werr)); cerr != nil {
					return c.contextError(cerr, fd, sa, "the connection was still pending; the kernel goes on with it, so close the socket")
				}
				return c.syscallFailure("connect", fd, sa, werr, fam)
			}
		}
		if done, err := c.complete("connect", fd, sa, fam); done {
			return err
		}
		// A spurious wake-up: wait on the poller again.
		ready = false
	}
}

// Finish is the package-level Finish over c's kernel and table.
func (c *Connector) Finish(fd int) error {
	if fd < 0 {
		return c.refuse("finish", fd, nil, &refusal{BadDescriptor, "fd is negative"})
	}
	// SO_ERROR is only read once the socket is writable: while the
	// handshake goes on, Linux may report a soft error there (an ICMP
	// message) that the next SYN retransmission overcomes.
	ready, err := c.k.Writable(fd, false)
	if err != nil {
		return c.syscallFailure("finish", fd, nil, err, platform.FamilyAny)
	}
	if !ready {
		return ErrInProgress
	}
	done, err := c.complete("finish", fd, nil, platform.FamilyAny)
	if !done {
		return ErrInProgress
	}
	return err
}

// Disconnect is the package-level Disconnect over c's kernel and table.
func (c *Connector) Disconnect(fd int) error {
	if fd < 0 {
		return c.refuse("disconnect", fd, nil, &refusal{BadDescriptor, "fd is negative"})
	}
	typ, err := c.k.SocketType(fd)
	if err != nil {
		return c.syscallFailure("disconnect", fd, nil, err, platform.FamilyAny)
	}
	if typ == unix.SOCK_STREAM || typ == unix.SOCK_SEQPACKET {
		return c.refuse("disconnect", fd, nil, &refusal{Unsupported,
			"Disconnect dissolves datagram associations only: given a connection-mode socket " + c.t.Spec + " " + c.t.Dissolve.Stream + " and other kernels differ, so close the socket instead"})
	}
	var namelen uint32
	if c.t.Dissolve.Method == platform.DissolveUnspec {
		namelen = c.t.Dissolve.Namelen
	}
	errno, ok := asErrno(c.k.ConnectUnspec(fd, namelen))
	switch {
	case ok && errno == 0:
		return nil
	case !ok:
		return c.opaque("disconnect", fd, nil)
	case slices.Contains(c.t.Dissolve.SuccessErrnos, errno):
		// The kernel disconnected first and then failed the new connect.
		return nil
	case c.t.Dissolve.ConfirmWithPeer && errors.Is(c.k.Peer(fd), unix.ENOTCONN):
		return nil
	}
	return c.failure("disconnect", fd, nil, errno, platform.FamilyAny, platform.PhaseConnect)
}

// awaitBlocking waits in the calling thread, as a blocking connect does,
// for an attempt that goes on in the background after a signal.
func (c *Connector) awaitBlocking(fd int, sa unix.Sockaddr, fam platform.Family) error {
	for spurious := 0; ; spurious = backoff(spurious) {
		if _, err := c.k.Writable(fd, true); err != nil {
			return c.syscallFailure("connect", fd, sa, err, fam)
		}
		if done, err := c.complete("connect", fd, sa, fam); done {
			return err
		}
	}
}

// complete reads how a pending attempt on a writable socket ended. done is
// false when it has not: a spurious wake-up (golang/go#14548, #19289), or
// an SO_ERROR value the spec lists as still pending.
//
// A peer means connected, whatever SO_ERROR holds; only without one is
// SO_ERROR read, so success costs one system call and the error SO_ERROR
// reports is the attempt's own.
func (c *Connector) complete(op string, fd int, sa unix.Sockaddr, fam platform.Family) (done bool, err error) {
	if c.k.Peer(fd) == nil {
		return true, nil
	}
	soerr, gerr := c.k.SocketError(fd)
	if gerr != nil {
		return true, c.syscallFailure(op, fd, sa, gerr, fam)
	}
	errno := unix.Errno(soerr)
	switch {
	case errno == 0, slices.Contains(c.t.Completion.SOErrorPending, errno):
		return false, nil
	case slices.Contains(c.t.Completion.Connected, errno):
		return true, nil
	}
	return true, c.failure(op, fd, sa, errno, fam, platform.PhaseSOError)
}

// backoff counts consecutive wake-ups that did not complete the attempt
// and, after a few, sleeps a little longer each time (up to 100ms), so that
// a socket that keeps looking writable cannot spin a CPU.
func backoff(spurious int) int {
	if spurious >= 3 {
		time.Sleep(min(time.Millisecond<<(spurious-3), 100*time.Millisecond))
	}
	return spurious + 1
}

// precheck refuses, before the kernel, a negative fd and an address no
// kernel should see, and returns the address family.
func (c *Connector) precheck(op string, fd int, sa unix.Sockaddr) (platform.Family, error) {
	if fd < 0 {
		return platform.FamilyAny, c.refuse(op, fd, sa, &refusal{BadDescriptor, "fd is negative"})
	}
	fam, r := checkAddress(c.t, sa)
	if r != nil {
		return fam, c.refuse(op, fd, sa, r)
	}
	return fam, nil
}

// refuse reports a call portable refused before the kernel.
func (c *Connector) refuse(op string, fd int, sa unix.Sockaddr, r *refusal) error {
	return &Error{Op: op, Kind: r.kind, GOOS: c.goos, Spec: c.t.Spec, Meaning: r.reason, Fd: fd, Addr: addrOrNil(sa)}
}

// failure reports an errno the kernel answered, classified by the spec; an
// errno the spec says reports a completed connection is success.
func (c *Connector) failure(op string, fd int, sa unix.Sockaddr, errno unix.Errno, fam platform.Family, phase platform.Phase) error {
	m := c.meaning(fd, errno, fam, phase)
	if m.Connected {
		return nil
	}
	return &Error{Op: op, Kind: Kind(m.Kind), Errno: errno, GOOS: c.goos, Spec: c.t.Spec, Meaning: m.Text, Fd: fd, Addr: addrOrNil(sa)}
}

// syscallFailure reports a failed helper system call (fcntl, poll,
// getsockopt) like a connect answer: EBADF is a bad descriptor wherever it
// comes from.
func (c *Connector) syscallFailure(op string, fd int, sa unix.Sockaddr, err error, fam platform.Family) error {
	errno, ok := asErrno(err)
	if !ok {
		return c.opaque(op, fd, sa)
	}
	return c.failure(op, fd, sa, errno, fam, platform.PhaseConnect)
}

// opaque reports an error that is not an errno; x/sys/unix only returns
// errnos, so this does not happen with the host kernel.
func (c *Connector) opaque(op string, fd int, sa unix.Sockaddr) error {
	return &Error{Op: op, Kind: Unknown, GOOS: c.goos, Spec: c.t.Spec, Meaning: "the kernel interface returned an error that is not an errno", Fd: fd, Addr: addrOrNil(sa)}
}

// contextError reports a ConnectContext ended by its context; cause is
// context.DeadlineExceeded or context.Canceled.
func (c *Connector) contextError(cause error, fd int, sa unix.Sockaddr, what string) error {
	kind := Canceled
	if errors.Is(cause, context.DeadlineExceeded) {
		kind = TimedOut
	}
	return &Error{Op: "connect", Kind: kind, GOOS: c.goos, Spec: c.t.Spec, Meaning: what, Fd: fd, Addr: addrOrNil(sa), Err: cause}
}

// contextErr returns the context error a wait returned, or nil. The
// poller's deadline can fire just before the context's own timer marks it
// done, so the wait's error counts as well as ctx.Err().
func contextErr(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	case errors.Is(err, context.Canceled):
		return context.Canceled
	}
	return nil
}

// meaning classifies errno with the spec's rule, reading the socket type
// only for the rules whose cases test it.
func (c *Connector) meaning(fd int, errno unix.Errno, fam platform.Family, phase platform.Phase) platform.Meaning {
	r := c.t.Rule(errno)
	if r == nil {
		return platform.Meaning{Kind: platform.KindUnknown, Text: c.t.SpecFile + " does not map this errno"}
	}
	facts := platform.Facts{Family: fam, Type: platform.TypeAny, Phase: phase, GOOS: c.goos}
	if r.NeedsType() && fd >= 0 {
		facts.Type = c.socketType(fd)
	}
	return r.Resolve(facts)
}

// socketType reads SO_TYPE in the spec's terms; TypeNone is a descriptor
// that is not a socket.
func (c *Connector) socketType(fd int) platform.SocketType {
	typ, err := c.k.SocketType(fd)
	switch {
	case errors.Is(err, unix.ENOTSOCK):
		return platform.TypeNone
	case err != nil:
		return platform.TypeUnknown
	case typ == unix.SOCK_STREAM:
		return platform.TypeStream
	case typ == unix.SOCK_DGRAM:
		return platform.TypeDgram
	case typ == unix.SOCK_SEQPACKET:
		return platform.TypeSeqpacket
	}
	return platform.TypeUnknown
}

// asErrno returns err as an errno (0 for nil); ok is false for an error
// that is not one.
func asErrno(err error) (errno unix.Errno, ok bool) {
	if err == nil {
		return 0, true
	}
	errno, ok = err.(unix.Errno)
	return errno, ok
}

// addrOrNil keeps a nil pointer out of Error.Addr.
func addrOrNil(sa unix.Sockaddr) unix.Sockaddr {
	if sa == nil || isNilPointer(sa) {
		return nil
	}
	return sa
}
