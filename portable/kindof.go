package portable

import (
	"context"
	"net"
	"os"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/platform"
)

// KindOf classifies any error a connect may produce: an *Error from this
// package, a sentinel such as ErrInProgress, a bare errno (unix.Errno or
// syscall.Errno), and the errors of package net, such as net.Dial's
// *net.OpError wrapping an *os.SyscallError wrapping the errno. An errno is
// classified by this OS's spec; the network of a *net.OpError ("unix",
// "tcp6") tells the address family where the spec's meaning depends on it.
// Deadlines (context.DeadlineExceeded, os.ErrDeadlineExceeded, and any error
// whose Timeout method reports true) are TimedOut, context.Canceled is
// Canceled, nil and anything else Unknown.
//
// KindOf does not allocate.
func KindOf(err error) Kind { return host.KindOf(err) }

// KindOf is the package-level KindOf, classifying errnos with c's table.
func (c *Connector) KindOf(err error) Kind { return c.kindOf(err, platform.FamilyAny) }

func (c *Connector) kindOf(err error, fam platform.Family) Kind {
	for err != nil {
		switch e := err.(type) {
		case *Error:
			return e.Kind
		case sentinel:
			return Kind(e)
		case unix.Errno:
			return c.errnoKind(e, fam)
		case *net.OpError:
			if fam == platform.FamilyAny {
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
				if k := c.kindOf(e, fam); k != Unknown {
					return k
				}
			}
		}
		if t, ok := err.(interface{ Timeout() bool }); ok && t.Timeout() {
			return TimedOut
		}
		return Unknown
	}
	return Unknown
}

// errnoKind classifies a bare errno; the socket type is unknown, so cases
// testing it do not match.
func (c *Connector) errnoKind(errno unix.Errno, fam platform.Family) Kind {
	r := c.t.Rule(errno)
	if r == nil {
		return Unknown
	}
	m := r.Resolve(platform.Facts{Family: fam, Phase: platform.PhaseConnect, GOOS: c.goos})
	if m.Connected {
		return Unknown
	}
	return Kind(m.Kind)
}

// netFamily maps a package net network name to the family the spec's
// conditions test.
func netFamily(network string) platform.Family {
	switch network {
	case "unix", "unixgram", "unixpacket":
		return platform.FamilyUnix
	case "tcp4", "udp4", "ip4":
		return platform.FamilyInet
	case "tcp6", "udp6", "ip6":
		return platform.FamilyInet6
	}
	return platform.FamilyAny
}
