//go:build unix

package platform

import (
	"context"
	"errors"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Host is the Kernel of the machine the program runs on.
type Host struct{}

// Connect calls connect(2) through golang.org/x/sys/unix.
func (Host) Connect(fd int, sa unix.Sockaddr) error { return unix.Connect(fd, sa) }

// ConnectUnspec calls connect(2) with an all-zero address of namelen bytes,
// or a NULL address when namelen is 0.
func (Host) ConnectUnspec(fd int, namelen uint32) error {
	if namelen == 0 {
		return rawConnect(fd, nil, 0)
	}
	var zero [unix.SizeofSockaddrAny]byte
	return rawConnect(fd, unsafe.Pointer(&zero), min(namelen, uint32(len(zero))))
}

// SocketType returns SO_TYPE.
func (Host) SocketType(fd int) (int, error) {
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE)
}

// SocketError returns and clears SO_ERROR.
func (Host) SocketError(fd int) (int, error) {
	return unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_ERROR)
}

// Peer calls getpeername(2) into a buffer on the stack: only whether the
// socket has a peer matters, not who.
func (Host) Peer(fd int) error {
	var rsa unix.RawSockaddrAny
	n := uint32(unix.SizeofSockaddrAny)
	return rawGetpeername(fd, &rsa, &n)
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

// Writable polls fd for POLLOUT; POLLERR and POLLHUP count as ready, since a
// failed connect is reported that way and SO_ERROR then says why.
func (Host) Writable(fd int, block bool) (bool, error) {
	timeout := 0
	if block {
		timeout = -1
	}
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
// (close-on-exec, so no child inherits it): the duplicate shares the caller's open file (and so
// sees the connection complete) and is closed, and deregistered, before
// WaitWritable returns. The caller's descriptor is never handed over.
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
		ready, pollErr = h.Writable(fd, false)
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
