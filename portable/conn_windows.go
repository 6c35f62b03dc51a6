package portable

import (
	"runtime"

	"golang.org/x/sys/windows"

	"github.com/connspec/connspec/internal/kernel"
)

// The kernel's address types here.
type (
	sockaddr      = windows.Sockaddr
	sockaddrInet4 = windows.SockaddrInet4
	sockaddrInet6 = windows.SockaddrInet6
	sockaddrUnix  = windows.SockaddrUnix
)

// conns runs ConnectConn and DisconnectConn over Winsock, reading the
// Windows table. runtime.GOOS only names the OS in errors.
var conns = &assoc[windows.Sockaddr]{sys: kernel.Host{}, t: hostTable, goos: runtime.GOOS, ipOf: ipOf}
