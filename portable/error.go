package portable

import (
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Error reports a failed Connect, ConnectContext, Finish or Disconnect.
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
	Errno unix.Errno
	// GOOS is the operating system that answered.
	GOOS string
	// Spec names the spec that explains the answer: linux, freebsd, darwin,
	// or posix for the POSIX baseline.
	Spec string
	// Meaning says what the errno means on this OS, from the spec, or why
	// the call was refused before the kernel.
	Meaning string
	// Fd is the file descriptor the call was made on.
	Fd int
	// Addr is the address connected to, or nil.
	Addr unix.Sockaddr
	// Err is the context's error when a ConnectContext deadline passed or
	// its context was canceled, else nil.
	Err error
}

// Error says what happened, to what, which OS answered and what it means:
//
//	connect fd 7 to 127.0.0.1:1: refused: linux answered ECONNREFUSED: no one listening on the remote address ...
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	b.WriteString(" fd ")
	b.WriteString(strconv.Itoa(e.Fd))
	if e.Addr != nil {
		b.WriteString(" to ")
		b.WriteString(formatSockaddr(e.Addr))
	}
	b.WriteString(": ")
	b.WriteString(e.Kind.String())
	b.WriteString(": ")
	switch {
	case e.Errno != 0:
		b.WriteString(e.GOOS)
		b.WriteString(" answered ")
		b.WriteString(errnoName(e.Errno))
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

// baselineSpec is the spec of every OS without a file of its own.
const baselineSpec = "posix"

// Unwrap returns the errno, if the kernel answered, and the context's
// error, if it ended the call.
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

// errnoName names an errno as x/sys/unix spells it on this OS.
func errnoName(e unix.Errno) string {
	if name := unix.ErrnoName(e); name != "" {
		return name
	}
	return "errno " + strconv.Itoa(int(e))
}
