//go:build unix

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
