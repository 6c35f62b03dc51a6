//go:build !unix && !windows

package portable

import (
	"net"
	"runtime"
	"syscall"
)

// connectConn is Unsupported: this OS gives the program no sockets to
// associate.
func connectConn(c syscall.Conn, addr net.Addr) error { return noSockets("connect") }

// disconnectConn is Unsupported, as connectConn.
func disconnectConn(c syscall.Conn) error { return noSockets("disconnect") }

func noSockets(op string) error {
	return &Error{Op: op, Kind: Unsupported, GOOS: runtime.GOOS, Fd: -1,
		Meaning: runtime.GOOS + " has no sockets for connspec to associate"}
}
