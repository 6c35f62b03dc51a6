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
	k, _ := kindIn(t, err, rules.FamilyAny, maxUnwrap)
	return k
}

// kindIn classifies err, looking at no more than budget errors, and
// returns what is left of the budget, which the branches of a tree share.
func kindIn(t *table, err error, fam rules.Family, budget int) (Kind, int) {
	for ; err != nil && budget > 0; budget-- {
		// The types of net.Dial's chain come first: they are the most
		// common, and a type switch tries its cases in order.
		switch e := err.(type) {
		case Errno:
			return errnoKind(t, e, fam), budget
		case *net.OpError:
			if fam == rules.FamilyAny {
				fam = netFamily(e.Net)
			}
		case *Error:
			return e.Kind, budget
		case sentinel:
			return Kind(e), budget
		}
		switch err {
		case context.DeadlineExceeded, os.ErrDeadlineExceeded:
			return TimedOut, budget
		case context.Canceled:
			return Canceled, budget
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
			continue
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				var k Kind
				if k, budget = kindIn(t, e, fam, budget-1); k != Unknown || budget <= 0 {
					return k, budget
				}
			}
		}
		if to, ok := err.(interface{ Timeout() bool }); ok && to.Timeout() {
			return TimedOut, budget
		}
		return Unknown, budget
	}
	return Unknown, budget
}

// errnoKind classifies a bare errno with t; the socket type is unknown, so
// cases testing it do not match, and an errno the spec reads as connected
// is no failure to classify.
func errnoKind(t *table, errno Errno, fam rules.Family) Kind {
	if t == nil {
		return Unknown
	}
	r := rules.Find(t, errno)
	if r == nil {
		return Unknown
	}
	m := r.Resolve(rules.Facts{Family: fam, Phase: rules.PhaseConnect})
	if m.Connected {
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
