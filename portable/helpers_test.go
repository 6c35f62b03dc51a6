//go:build unix

package portable_test

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// socket opens a socket the test closes at cleanup.
func socket(t *testing.T, domain, typ int) int {
	t.Helper()
	fd, err := unix.Socket(domain, typ, 0)
	if err != nil {
		t.Fatalf("socket: %v", err)
	}
	unix.CloseOnExec(fd)
	t.Cleanup(func() { unix.Close(fd) })
	return fd
}

// nonblockingSocket is socket with O_NONBLOCK set (darwin has no
// SOCK_NONBLOCK).
func nonblockingSocket(t *testing.T, domain, typ int) int {
	t.Helper()
	fd := socket(t, domain, typ)
	if err := unix.SetNonblock(fd, true); err != nil {
		t.Fatal(err)
	}
	return fd
}

// tcpListener listens on 127.0.0.1 and accepts (and holds) connections
// until the test ends; it returns the address to connect to.
func tcpListener(t *testing.T) *unix.SockaddrInet4 {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	return &unix.SockaddrInet4{Port: l.Addr().(*net.TCPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}
}

// queueingListener listens on 127.0.0.1 and never accepts: connections
// complete into its queue, and no descriptor appears in this process while
// a test counts them.
func queueingListener(t *testing.T) *unix.SockaddrInet4 {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return &unix.SockaddrInet4{Port: l.Addr().(*net.TCPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}
}

// closedTCPPort returns a loopback address nobody listens on.
func closedTCPPort(t *testing.T) *unix.SockaddrInet4 {
	t.Helper()
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

// udpPeer binds a UDP socket on 127.0.0.1 and returns it with its address.
func udpPeer(t *testing.T) (*net.UDPConn, *unix.SockaddrInet4) {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, &unix.SockaddrInet4{Port: c.LocalAddr().(*net.UDPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}
}

// unixListener listens on a path socket in a temp dir.
func unixListener(t *testing.T, network string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.sock")
	switch network {
	case "unixgram":
		c, err := net.ListenUnixgram(network, &net.UnixAddr{Name: path, Net: network})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
	default:
		l, err := net.Listen(network, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
	}
	return path
}

// fdState is what must not change about a caller's descriptor.
type fdState struct {
	flags int
	ino   uint64
	dev   uint64
}

func stateOf(t *testing.T, fd int) fdState {
	t.Helper()
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil {
		t.Fatalf("fd %d is no longer open: %v", fd, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		t.Fatalf("fstat fd %d: %v", fd, err)
	}
	return fdState{flags: flags, ino: uint64(st.Ino), dev: uint64(st.Dev)}
}

// openFds counts this process's open descriptors.
func openFds(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("counting descriptors needs /proc/self/fd: %v", err)
	}
	return len(entries)
}

// pollerTargets returns the descriptors the Go runtime's epoll instance
// watches, from /proc/self/fdinfo (Linux).
func pollerTargets(t *testing.T) map[int]bool {
	t.Helper()
	targets := map[int]bool{}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("reading the poller's registrations needs /proc: %v", err)
	}
	for _, e := range entries {
		link, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err != nil || link != "anon_inode:[eventpoll]" {
			continue
		}
		info, err := os.ReadFile("/proc/self/fdinfo/" + e.Name())
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(info), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == "tfd:" {
				n, _ := strconv.Atoi(f[1])
				targets[n] = true
			}
		}
	}
	return targets
}

// settleGoroutines waits briefly for goroutines that are ending, then
// returns the count.
func settleGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 50 && n > want; i++ {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}
