//go:build unix

package portable

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/rules"
)

// checkAddress refuses, before the kernel and the same way on every OS, an
// address no kernel should see, and returns the address family the spec's
// conditions test.
func checkAddress(t *table, sa unix.Sockaddr) (rules.Family, *refusal) {
	if sa == nil || isNilPointer(sa) {
		return rules.FamilyAny, &refusal{InvalidAddress, "the address is nil"}
	}
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return rules.FamilyInet, checkPort(sa.Port)
	case *unix.SockaddrInet6:
		return rules.FamilyInet6, checkPort(sa.Port)
	case *unix.SockaddrUnix:
		return rules.FamilyUnix, checkUnixName(t, sa.Name)
	}
	// Other families (netlink, vsock, link layer...) go to the kernel as
	// x/sys/unix encodes them.
	return rules.FamilyAny, nil
}

// checkUnixName applies the spec's AF_UNIX rules. Names starting with "@"
// (or a NUL byte) are abstract names, as in package net, on every OS: only
// where the spec has an abstract namespace do they reach the kernel.
func checkUnixName(t *table, name string) *refusal {
	if name == "" {
		return &refusal{InvalidAddress, "the AF_UNIX path is empty"}
	}
	abstract := name[0] == '@' || name[0] == 0
	if abstract && !t.Sockaddr.AbstractUnix {
		return &refusal{FamilyNotSupported, fmt.Sprintf("%q is an abstract AF_UNIX name, and only Linux has an abstract namespace (%s has none)", name, t.Spec)}
	}
	if !abstract && strings.IndexByte(name, 0) >= 0 {
		return &refusal{InvalidAddress, fmt.Sprintf("the AF_UNIX path %q has a NUL byte inside; the kernel would cut the path there", name)}
	}
	if len(name) > t.Sockaddr.UnixPathMax {
		return &refusal{NameTooLong, fmt.Sprintf("the AF_UNIX path is %d bytes; %s allows at most %d (sun_path holds %d bytes and x/sys/unix keeps one for the terminating NUL)",
			len(name), t.Spec, t.Sockaddr.UnixPathMax, t.Sockaddr.SunPath)}
	}
	return nil
}

// isNilPointer catches a nil *unix.SockaddrInet4 (or any nil pointer)
// wrapped in a non-nil interface, which x/sys/unix would dereference.
func isNilPointer(sa unix.Sockaddr) bool {
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		return sa == nil
	case *unix.SockaddrInet6:
		return sa == nil
	case *unix.SockaddrUnix:
		return sa == nil
	}
	v := reflect.ValueOf(sa)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// sockaddrAddr is the net.Addr of an Error on a raw descriptor: the
// unix.Sockaddr the caller gave, allocated with the Error (sockaddrError),
// so that a failed Connect allocates once.
type sockaddrAddr struct{ sa unix.Sockaddr }

// sockaddrError is an Error and its address in one allocation.
type sockaddrError struct {
	err  Error
	addr sockaddrAddr
}

// withSockaddr allocates e with sa as its Addr.
func withSockaddr(e Error, sa unix.Sockaddr) *Error {
	se := &sockaddrError{err: e, addr: sockaddrAddr{sa}}
	se.err.Addr = &se.addr
	return &se.err
}

// Network names the address family: ip4, ip6 or unix (the socket type is
// not known).
func (a *sockaddrAddr) Network() string {
	switch a.sa.(type) {
	case *unix.SockaddrInet4:
		return "ip4"
	case *unix.SockaddrInet6:
		return "ip6"
	case *unix.SockaddrUnix:
		return "unix"
	}
	return fmt.Sprintf("%T", a.sa)
}

// String writes the address: 127.0.0.1:80, [fe80::1%2]:80, "/run/x.sock",
// "@abstract".
func (a *sockaddrAddr) String() string {
	if isNilPointer(a.sa) {
		return "<nil>"
	}
	if ap, ok := ipOf(a.sa); ok {
		return ap.String()
	}
	if sa, ok := a.sa.(*unix.SockaddrUnix); ok {
		return strconv.Quote(sa.Name)
	}
	return fmt.Sprintf("%T", a.sa)
}
