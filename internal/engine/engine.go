//go:build unix

// Package engine lets connspec's own simulation and conformance suite run
// package portable's algorithms over a kernel and a table of their
// choosing: a scripted kernel answering as FreeBSD with FreeBSD's table, or
// the host kernel with a recorder in between. Package portable fills in New
// and HostTable when it is initialized; being internal, this package is out
// of reach of portable's importers, so nothing they can assign changes how
// portable behaves.
package engine

import (
	"context"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
)

// API is package portable's API over one kernel and table.
type API interface {
	Connect(fd int, sa unix.Sockaddr) error
	ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) error
	Finish(fd int) error
	Disconnect(fd int) error
	// KindName is the name of portable.KindOf(err), reading errnos with
	// the API's table.
	KindName(err error) string
}

// New returns portable's algorithms over k, reading table, which must be a
// *rules.Table[portable.Kind, syscall.Errno], and naming goos in errors. It
// is set by package portable.
var New func(k kernel.Kernel, table any, goos string) API

// NewConnReplay returns what a program does through package portable on
// an OS where it offers only the conn API (Windows), over k and table:
// Connect is ConnectConn for a datagram socket and, for a stream socket,
// net.Dial, whose error KindName classifies; Disconnect is DisconnectConn;
// ConnectContext and Finish are Unsupported. It is set by package
// portable.
var NewConnReplay func(k kernel.Kernel, table any, goos string) API

// HostTable is the table package portable runs on here,
// *rules.Table[portable.Kind, syscall.Errno], for tests that compare it with
// the one the simulation builds. It is set by package portable.
var HostTable any
