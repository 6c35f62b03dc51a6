package portable

import (
	"context"
	"net"
	"os"

	"github.com/connspec/connspec/internal/rules"
)

// KindOf classifies any error a connect may produce: an *Error from this
// package, a sentinel such as ErrInProgress, a bare errno (unix.Errno,
// windows.Errno or syscall.Errno), and the errors of package net, such as
// net.Dial's *net.OpError wrapping an *os.SyscallError wrapping the errno
// ("connect" on unix, "connectex" on Windows). An errno is classified by
// this OS's spec; the network of a *net.OpError ("unix", "tcp6") tells the
// address family where the spec's meaning depends on it. Deadlines
// (context.DeadlineExceeded, os.ErrDeadlineExceeded, and any error whose
// Timeout method reports true) are TimedOut, context.Canceled is Canceled,
// nil and anything else Unknown. On an OS without sockets (js, wasip1,
// plan9) a bare errno is Unknown.
//
// KindOf follows Unwrap, both kinds, a bounded number of steps, so a chain
// that unwraps to itself ends as Unknown. It does not allocate.
func KindOf(err error) Kind { return kindOf(hostTable, err) }

// maxUnwrap bounds how many errors kindOf looks at in one chain or tree.
const maxUnwrap = 1000

// kindOf classifies err, reading errnos with t (nil: no table).
func kindOf(t *table, err error) Kind {
	budget := maxUnwrap
	return kindIn(t, err, rules.FamilyAny, &budget)
}

func kindIn(t *table, err error, fam rules.Family, budget *int) Kind {
	for ; err != nil && *budget > 0; *budget-- {
		switch e := err.(type) {
		case *Error:
			return e.Kind
		case sentinel:
			return Kind(e)
		case Errno:
			return errnoKind(t, e, fam)
		case *net.OpError:
			if fam == rules.FamilyAny {
				fam = netFamily(e.Net)
			}
		}
		switch err {
		case context.DeadlineExceeded, os.ErrDeadlineExceeded:
			return TimedOut
		case context.Canceled:
			return Canceled
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
			continue
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if *budget--; *budget <= 0 {
					return Unknown
				}
				if k := kindIn(t, e, fam, budget); k != Unknown {
					return k
				}
			}
		}
		if to, ok := err.(interface{ Timeout() bool }); ok && to.Timeout() {
			return TimedOut
		}
		return Unknown
	}
	return Unknown
}

// errnoKind classifies a bare errno with t; the socket type is unknown, so
// cases testing it do not match, and an errno the spec reads as connected
// is no failure to classify.
func errnoKind(t *table, errno Errno, fam rules.Family) Kind {
	if t == nil {
		return Unknown
	}
	m, ok := t.Classify(errno, rules.Facts{Family: fam, Phase: rules.PhaseConnect})
	if !ok || m.Connected {
		return Unknown
	}
	return m.Kind
}

// netFamily maps a package net network name to the family the spec's
// conditions test.
func netFamily(network string) rules.Family {
	switch network {
	case "unix", "unixgram", "unixpacket":
		return rules.FamilyUnix
	case "tcp4", "udp4", "ip4":
		return rules.FamilyInet
	case "tcp6", "udp6", "ip6":
		return rules.FamilyInet6
	}
	return rules.FamilyAny
}
