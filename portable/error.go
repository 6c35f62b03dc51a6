package portable

import (
	"net"
	"strconv"
	"strings"
)

// Error reports a failed call of this package: Connect, ConnectContext,
// Finish, Disconnect, ConnectConn or DisconnectConn.
//
// Kind is the same on every OS for the same situation; Errno is what this
// OS answered, unchanged. errors.Is matches an Error against its kind's
// sentinel (ErrRefused), against its errno (unix.ECONNREFUSED), and, for
// ConnectContext, against context.DeadlineExceeded or context.Canceled.
type Error struct {
	// Op is the call that failed: "connect", "finish" or "disconnect".
	Op string
	// Kind is the portable class of the failure.
	Kind Kind
	// Errno is what the kernel answered, or 0 when the call was refused
	// before the kernel (a negative fd, a nil address, a path that is too
	// long) or ended by the context.
	Errno Errno
	// GOOS is the operating system that answered.
	GOOS string
	// Spec names the spec that explains the answer (linux, freebsd,
	// windows, ...), posix for the POSIX baseline.
	Spec string
	// Meaning says what the errno means on this OS, from the spec, or why
	// the call was refused before the kernel.
	Meaning string
	// Fd is the socket the call was made on: its file descriptor, or on
	// Windows its handle; -1 when the call reached no socket (a nil or
	// closed conn, or an OS without sockets), and then Error omits it.
	Fd int
	// Addr is the address connected to, or nil. For Connect and
	// ConnectContext its Network is the address family (ip4, ip6 or
	// unix) and its String the address.
	Addr net.Addr
	// Err is the context's error when a ConnectContext deadline passed or
	// its context was canceled, net.ErrClosed for a closed conn, else nil.
	Err error

	// errnoName is the spec's name of Errno ("ECONNREFUSED").
	errnoName string
}

// Error says what happened, to what, which OS answered and what it means:
//
//	connect fd 7 to 127.0.0.1:1: refused: linux answered ECONNREFUSED: no one listening on the remote address ...
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Fd >= 0 {
		b.WriteString(" fd ")
		b.WriteString(strconv.Itoa(e.Fd))
	}
	if e.Addr != nil {
		b.WriteString(" to ")
		b.WriteString(e.Addr.String())
	}
	b.WriteString(": ")
	b.WriteString(e.Kind.String())
	b.WriteString(": ")
	switch {
	case e.Errno != 0:
		b.WriteString(e.GOOS)
		b.WriteString(" answered ")
		b.WriteString(e.errnoText())
		if e.Spec == baselineSpec {
			b.WriteString(" (POSIX baseline)")
		}
		b.WriteString(": ")
		b.WriteString(e.Meaning)
	case e.Err != nil:
		b.WriteString(e.Err.Error())
		if e.Meaning != "" {
			b.WriteString(" (")
			b.WriteString(e.Meaning)
			b.WriteString(")")
		}
	default:
		b.WriteString(e.Meaning)
	}
	return b.String()
}

// errnoText names the errno as the spec does, or gives its number.
func (e *Error) errnoText() string {
	if e.errnoName != "" {
		return e.errnoName
	}
	return "errno " + strconv.FormatUint(uint64(e.Errno), 10)
}

// baselineSpec is the spec of every OS without a file of its own.
const baselineSpec = "posix"

// Unwrap returns the errno, if the kernel answered, and the context's
// error (or net.ErrClosed), if it ended the call.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Errno != 0 {
		errs = append(errs, e.Errno)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Is reports whether target is the sentinel of e's kind (ErrRefused for a
// refused connection).
func (e *Error) Is(target error) bool {
	s, ok := target.(sentinel)
	return ok && Kind(s) == e.Kind
}

// Timeout reports whether the error is a timeout: the kernel gave up on
// the handshake, or a ConnectContext deadline passed.
func (e *Error) Timeout() bool { return e.Kind.Timeout() }
