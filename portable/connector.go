//go:build unix

package portable

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
)

// connector runs the portable algorithms over a kernel, reading every OS
// difference from the table of the OS whose answers the kernel gives. The
// package-level functions use the running system's kernel and table; the
// simulation and the conformance suite make others (internal/engine).
type connector struct {
	assoc[unix.Sockaddr]
	host kernel.Kernel
}

func newConnector(k kernel.Kernel, t *table, goos string) *connector {
	return &connector{assoc: assoc[unix.Sockaddr]{sys: k, t: t, goos: goos, withAddr: withSockaddr, ipOf: ipOf}, host: k}
}

// Connect is the package-level Connect over c's kernel and table.
func (c *connector) Connect(fd int, sa unix.Sockaddr) error {
	call := &call[unix.Sockaddr]{op: "connect", fd: fd, sa: sa}
	if err := c.precheck(call); err != nil {
		return err
	}
	for {
		errno, ok := asErrno(c.host.Connect(fd, sa))
		switch {
		case !ok:
			return c.opaque(call)
		case errno == 0:
			return nil
		case slices.Contains(c.t.Interrupt.Errnos, errno):
			if !c.t.Interrupt.Continues {
				// The attempt was abandoned, so connecting again is safe.
				continue
			}
			// The attempt goes on in the background; a second connect
			// would race it. Wait for it as connect itself would have.
			return c.awaitBlocking(call)
		case slices.Contains(c.t.Completion.Pending, errno):
			return ErrInProgress
		}
		return c.failure(call, errno, rules.PhaseConnect)
	}
}

// ConnectContext is the package-level ConnectContext over c's kernel and
// table.
func (c *connector) ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) (err error) {
	call := &call[unix.Sockaddr]{op: "connect", fd: fd, sa: sa}
	if err := c.precheck(call); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return c.contextError(call, ctx.Err(), "the context ended before connect was called")
	}
	flags, err := c.setNonblocking(call)
	if err != nil {
		return err
	}
	if flags&unix.O_NONBLOCK == 0 {
		// The caller's descriptor leaves as it came: blocking.
		defer func() {
			if ferr := c.host.SetFileFlags(fd, flags); ferr != nil && err == nil {
				err = c.syscallFailure(call, ferr)
			}
		}()
	}
	errno, ok := asErrno(c.host.Connect(fd, sa))
	switch {
	case !ok:
		return c.opaque(call)
	case errno == 0:
		return nil
	case !slices.Contains(c.t.Interrupt.Errnos, errno) && !slices.Contains(c.t.Completion.Pending, errno):
		// Linux's EAGAIN for a full AF_UNIX backlog lands here: it is an
		// answer, not a reason to wait (the socket would never become
		// writable).
		return c.failure(call, errno, rules.PhaseConnect)
	}
	return c.awaitPoller(ctx, call)
}

// setNonblocking sets O_NONBLOCK for ConnectContext and returns the
// caller's file status flags, to restore.
func (c *connector) setNonblocking(call *call[unix.Sockaddr]) (int, error) {
	flags, err := c.host.FileFlags(call.fd)
	if err != nil {
		return 0, c.syscallFailure(call, err)
	}
	if flags&unix.O_NONBLOCK == 0 {
		if err := c.host.SetFileFlags(call.fd, flags|unix.O_NONBLOCK); err != nil {
			return 0, c.syscallFailure(call, err)
		}
	}
	return flags, nil
}

// awaitPoller waits on the runtime poller for a pending attempt to
// complete, fail, or be overtaken by ctx.
func (c *connector) awaitPoller(ctx context.Context, call *call[unix.Sockaddr]) error {
	// On loopback the handshake often completes before connect(2)
	// returns: a peer already there saves the poll.
	if has, _ := c.host.HasPeer(call.fd); has {
		return c.connected(call)
	}
	ready, werr := c.host.PollWritable(call.fd)
	for spurious := 0; ; spurious = backoff(spurious) {
		if werr != nil {
			return c.syscallFailure(call, werr)
		}
		if !ready {
			// WaitWritable returns once its own poll says writable.
			if werr := c.host.WaitWritable(ctx, call.fd); werr != nil {
				if cerr := cmp.Or(ctx.Err(), contextErr(werr)); cerr != nil {
					return c.contextError(call, cerr, "the connection was still pending; the kernel goes on with it, so close the socket")
				}
				return c.syscallFailure(call, werr)
			}
		}
		if done, err := c.complete(call); done {
			return err
		}
		// A spurious wake-up: wait on the poller again.
		ready = false
	}
}

// Finish is the package-level Finish over c's kernel and table.
func (c *connector) Finish(fd int) error {
	call := &call[unix.Sockaddr]{op: "finish", fd: fd}
	if fd < 0 {
		return c.refuse(call, BadDescriptor, "fd is negative")
	}
	// SO_ERROR is only read once the socket is writable: while the
	// handshake goes on, Linux may report a soft error there (an ICMP
	// message) that the next SYN retransmission overcomes.
	ready, err := c.host.PollWritable(fd)
	if err != nil {
		return c.syscallFailure(call, err)
	}
	if !ready {
		return ErrInProgress
	}
	done, err := c.complete(call)
	if !done {
		return ErrInProgress
	}
	return err
}

// Disconnect is the package-level Disconnect over c's kernel and table.
//
// Not inlined: inlined into a caller's package, the call it builds would
// escape to the heap there (that package's escape analysis cannot see
// through the generic dissolve), where here it stays on the stack.
//
//go:noinline
func (c *connector) Disconnect(fd int) error {
	return c.dissolve(&call[unix.Sockaddr]{op: "disconnect", fd: fd})
}

// KindName is the name of KindOf(err), classifying errnos with c's table.
func (c *connector) KindName(err error) string { return kindOf(c.t, err).String() }

// awaitBlocking waits in the calling thread, as a blocking connect does,
// for an attempt that goes on in the background after a signal.
func (c *connector) awaitBlocking(call *call[unix.Sockaddr]) error {
	for spurious := 0; ; spurious = backoff(spurious) {
		if err := c.host.BlockUntilWritable(call.fd); err != nil {
			return c.syscallFailure(call, err)
		}
		if done, err := c.complete(call); done {
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
// reports is the attempt's own. An SO_ERROR the spec reads as connected
// (EISCONN) is then no success: getpeername has just found no peer.
func (c *connector) complete(call *call[unix.Sockaddr]) (done bool, err error) {
	if has, _ := c.host.HasPeer(call.fd); has {
		return true, c.connected(call)
	}
	soerr, gerr := c.host.SocketError(call.fd)
	if gerr != nil {
		return true, c.syscallFailure(call, gerr)
	}
	errno := Errno(soerr)
	if errno == 0 || slices.Contains(c.t.Completion.SOErrorPending, errno) {
		return false, nil
	}
	return true, c.failure(call, errno, rules.PhaseSOError)
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
// kernel should see, and notes the address family. Only for a multicast
// or broadcast address, which a datagram socket may use and a stream
// socket may not, does it read the socket type.
func (c *connector) precheck(call *call[unix.Sockaddr]) error {
	if call.fd < 0 {
		return c.refuse(call, BadDescriptor, "fd is negative")
	}
	fam, r := checkAddress(c.t, call.sa)
	call.fam = fam
	if r != nil {
		return c.refuse(call, r.kind, r.reason)
	}
	if ap, ok := ipOf(call.sa); ok {
		if r, ok := streamRefusal(ap); ok && c.socketType(call.fd) == rules.SocketTypeStream {
			return c.refuse(call, r.kind, r.reason)
		}
	}
	return nil
}

// connected is the success of a connect on a stream socket, unless the
// socket connected to itself: a TCP simultaneous open with its own
// address, which Linux and FreeBSD let complete. Nothing listens at the
// destination then, so it is Refused, as Go's net reports it.
func (c *connector) connected(call *call[unix.Sockaddr]) error {
	var self bool
	if call.sa != nil && call.fam != rules.FamilyUnix {
		self, _ = c.host.LocalAddrIs(call.fd, call.sa)
	} else if call.sa == nil {
		self, _ = c.host.SelfConnected(call.fd)
	}
	if !self {
		return nil
	}
	return c.newError(call, Error{Kind: Refused, Meaning: "the socket connected to itself (a TCP simultaneous open with its own address): nothing listens at the destination; bind to another port, or connect from an unbound socket"})
}

// contextError reports a ConnectContext ended by its context; cause is
// context.DeadlineExceeded or context.Canceled.
func (c *connector) contextError(call *call[unix.Sockaddr], cause error, what string) error {
	kind := Canceled
	if errors.Is(cause, context.DeadlineExceeded) {
		kind = TimedOut
	}
	return c.newError(call, Error{Kind: kind, Meaning: what, Err: cause})
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
