//go:build unix

package portable

import (
	"golang.org/x/sys/unix"
)

// The kernel's address types here.
type (
	sockaddr      = unix.Sockaddr
	sockaddrInet4 = unix.SockaddrInet4
	sockaddrInet6 = unix.SockaddrInet6
	sockaddrUnix  = unix.SockaddrUnix
)

// conns runs ConnectConn and DisconnectConn: the host's algorithms.
var conns = &host.assoc
