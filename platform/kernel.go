package platform

import (
	"context"

	"golang.org/x/sys/unix"
)

// Kernel is every system call the portable algorithms make. Host makes them
// for real; the simulation in internal/sim answers them from the spec, so
// that one algorithm is tested against every OS's answers.
//
// Implementations never close, replace or keep the descriptors they are
// given.
type Kernel interface {
	// Connect calls connect(2) with sa, encoded by golang.org/x/sys/unix.
	Connect(fd int, sa unix.Sockaddr) error
	// ConnectUnspec calls connect(2) with an all-zero address of namelen
	// bytes (family AF_UNSPEC, and an sa_len the BSD kernels overwrite), or
	// with a NULL address when namelen is 0.
	ConnectUnspec(fd int, namelen uint32) error
	// SocketType returns the SO_TYPE option.
	SocketType(fd int) (int, error)
	// SocketError returns the SO_ERROR option, which reading clears.
	SocketError(fd int) (int, error)
	// Peer calls getpeername(2): nil when the socket has a peer.
	Peer(fd int) error
	// FileFlags returns fd's file status flags (F_GETFL), O_NONBLOCK among
	// them.
	FileFlags(fd int) (int, error)
	// SetFileFlags sets fd's file status flags (F_SETFL).
	SetFileFlags(fd int, flags int) error
	// Writable polls fd for writability (or an error or hangup condition).
	// With block it waits in the calling thread, retrying after signals;
	// without, it answers at once.
	Writable(fd int, block bool) (bool, error)
	// WaitWritable waits on the Go runtime network poller, not on an OS
	// thread, until fd is writable, or until ctx is done, when it returns
	// ctx.Err().
	WaitWritable(ctx context.Context, fd int) error
}
