//go:build unix

package portable

import (
	"context"

	"golang.org/x/sys/unix"
)

// Connect connects the socket fd to sa, with the same behaviour and the same
// error kinds on every OS.
//
// On a blocking fd, Connect returns once the socket is connected (nil) or
// the attempt failed (*Error). A signal never surfaces as EINTR and never
// causes a second connect(2): the interrupted attempt goes on in the kernel
// and Connect waits for it, in the calling thread as connect(2) itself
// would, then reads the outcome with getpeername and SO_ERROR.
//
// On a nonblocking fd, Connect returns nil when the connection completed at
// once, ErrInProgress when it goes on in the background (EINPROGRESS and
// EALREADY on every OS), and *Error otherwise. Wait for writability with your
// own poller, then call Finish; or use ConnectContext, which waits on the Go
// runtime's poller.
//
// Linux answers a nonblocking AF_UNIX connect to a full backlog with EAGAIN:
// Connect reports it at once as PeerBusy rather than ErrInProgress, since the
// socket would never become writable. The BSD kernels refuse that connect
// (Refused).
//
// Before the kernel sees them, on every OS alike, Connect refuses a
// negative fd (BadDescriptor), a nil address or port out of range
// (InvalidAddress), an AF_UNIX path that is empty or has a NUL byte inside
// (InvalidAddress), longer than this OS's sun_path allows (NameTooLong), or
// abstract ("@name") off Linux (FamilyNotSupported).
//
// A TCP socket bound to the port it connects to, on its own address,
// connects to itself (a simultaneous open, which Linux and FreeBSD
// complete, macOS refuses): nothing listens there. ConnectContext and
// Finish, which know the socket is a stream, report it as Refused on every
// OS. Connect on a blocking fd reports what the kernel answered, since
// telling would cost every connect, UDP ones too, a getsockname call:
// use ConnectContext, or do not bind a socket to the port it connects to
// (an unbound socket whose ephemeral port equals a local destination port
// in the ephemeral range can meet it too, as in golang/go#2690).
//
// golang.org/x/sys/unix encodes sa in place, as unix.Connect does, so one
// Sockaddr must not be passed to calls running at the same time.
//
// Connect never closes, duplicates or keeps fd. Like connect(2), it leaves
// the socket in an unspecified state after a failure: close it and make a
// new one to try again (Kind.Retryable says whether that can help).
func Connect(fd int, sa unix.Sockaddr) error { return host.Connect(fd, sa) }

// ConnectContext connects the socket fd to sa, waiting on the Go runtime's
// network poller, not on a blocked OS thread, so thousands may wait at once.
// fd may be blocking or nonblocking; ConnectContext sets O_NONBLOCK for the
// call and restores the caller's setting before it returns.
//
// It returns nil once the socket is really connected, or *Error. When ctx's
// deadline passes first, the error's Kind is TimedOut, Timeout reports true
// and errors.Is(err, context.DeadlineExceeded) holds; when ctx is canceled,
// the Kind is Canceled and errors.Is(err, context.Canceled) holds. The
// kernel goes on with an abandoned attempt, so close the socket then.
//
// Waiting happens on a duplicate of fd that is registered with the poller,
// deregistered and closed before ConnectContext returns; fd itself is never
// handed to the poller, closed or kept. Address checks are those of Connect.
func ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) error {
	return host.ConnectContext(ctx, fd, sa)
}

// Finish completes a nonblocking connect for a caller with its own poller
// (epoll, kqueue, io_uring): call it once fd is writable after Connect
// returned ErrInProgress. It returns nil when the socket is connected,
// ErrInProgress when the attempt still goes on (not yet writable, or a
// spurious wake-up: writable, no error, yet no peer), or *Error with the
// attempt's failure.
//
// The failure is read from SO_ERROR, which the kernel clears on reading, so
// a failure is reported once; call Finish again only after ErrInProgress.
func Finish(fd int) error { return host.Finish(fd) }

// Disconnect dissolves the association of a datagram socket (UDP, AF_UNIX
// datagram) so it accepts datagrams from any peer again, and returns nil
// exactly when the association is gone, on every OS: the BSD kernels
// dissolve first and then fail the connect(2) (EAFNOSUPPORT, EINVAL), which
// Disconnect reports as the success it is once getpeername finds no peer;
// Linux answers 0. A socket that was never connected has no association,
// so Disconnect returns nil for it too.
//
// Linux also releases a port it chose itself when the association goes
// (the spec's drops_port), so a later datagram to that port would find
// nobody; Disconnect binds the socket back to the address and port it had,
// as the BSDs keep it. Should another socket take the port in between, it
// returns AddrInUse, with the association gone.
//
// On a stream or seqpacket socket Disconnect returns an Unsupported error on
// every OS, before the kernel: Linux would abort the connection with a RST,
// the BSDs answer EISCONN, so portable code cannot rely on either. It reads
// SO_TYPE to tell, one system call more than a raw AF_UNSPEC connect.
func Disconnect(fd int) error { return host.Disconnect(fd) }
