//go:build unix

package kernel

import (
	"context"

	"golang.org/x/sys/unix"
)

// Kernel is every system call the portable algorithms make on unix: an
// Associator and what raw file descriptors need besides. Host makes
// them for real; internal/sim answers them from the spec, so that one
// algorithm is tested against every OS's answers.
type Kernel interface {
	Associator[unix.Sockaddr]
	// SocketError returns the SO_ERROR option, which reading clears.
	SocketError(fd int) (int, error)
	// SelfConnected reports whether the socket's peer is its own local
	// address and port: a TCP simultaneous open with itself.
	SelfConnected(fd int) (bool, error)
	// FileFlags returns fd's file status flags (F_GETFL), O_NONBLOCK among
	// them.
	FileFlags(fd int) (int, error)
	// SetFileFlags sets fd's file status flags (F_SETFL).
	SetFileFlags(fd int, flags int) error
	// PollWritable reports at once whether fd is writable (or has an error
	// or hangup condition).
	PollWritable(fd int) (bool, error)
	// BlockUntilWritable waits in the calling thread, retrying after
	// signals, until fd is writable (or has an error or hangup condition).
	BlockUntilWritable(fd int) error
	// WaitWritable waits on the Go runtime network poller, not on an OS
	// thread, until fd is writable, or until ctx is done, when it returns
	// ctx.Err().
	WaitWritable(ctx context.Context, fd int) error
}
