//go:build unix

package portable_test

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

func TestConnectTCP(t *testing.T) {
	addr := tcpListener(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := portable.Connect(fd, addr); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	peer, err := unix.Getpeername(fd)
	if err != nil {
		t.Fatalf("getpeername after Connect: %v", err)
	}
	if p := peer.(*unix.SockaddrInet4); p.Port != addr.Port || p.Addr != addr.Addr {
		t.Errorf("peer is %v, want %v", p, addr)
	}
}

func TestConnectTCPRefused(t *testing.T) {
	addr := closedTCPPort(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	err := portable.Connect(fd, addr)
	var pe *portable.Error
	if !errors.As(err, &pe) {
		t.Fatalf("Connect to a closed port = %v (%T), want *portable.Error", err, err)
	}
	want := portable.Error{Op: "connect", Kind: portable.Refused, Errno: unix.ECONNREFUSED, GOOS: runtime.GOOS, Spec: hostTable(t).Spec, Fd: fd}
	if pe.Op != want.Op || pe.Kind != want.Kind || pe.Errno != want.Errno || pe.GOOS != want.GOOS || pe.Spec != want.Spec || pe.Fd != want.Fd {
		t.Errorf("error is %+v, want %+v", *pe, want)
	}
	if wantAddr := fmt.Sprintf("127.0.0.1:%d", addr.Port); pe.Addr == nil || pe.Addr.String() != wantAddr || pe.Addr.Network() != "ip4" {
		t.Errorf("Addr is %v, want ip4 %s", pe.Addr, wantAddr)
	}
	for _, target := range []error{portable.ErrRefused, unix.ECONNREFUSED} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = false", target)
		}
	}
	if errors.Is(err, portable.ErrTimedOut) || pe.Timeout() {
		t.Errorf("a refusal matches ErrTimedOut or claims to be a timeout")
	}
	msg := err.Error()
	for _, part := range []string{"connect fd ", "to 127.0.0.1:", ": refused: ", runtime.GOOS + " answered ECONNREFUSED"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestConnectUDPDissolveReconnect(t *testing.T) {
	peer, addr := udpPeer(t)
	other, otherAddr := udpPeer(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_DGRAM)

	if err := portable.Connect(fd, addr); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if _, err := unix.Write(fd, []byte("one")); err != nil {
		t.Fatalf("write on a connected UDP socket: %v", err)
	}
	readFrom(t, peer, "one")

	if err := portable.Disconnect(fd); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}
	if _, err := unix.Getpeername(fd); !errors.Is(err, unix.ENOTCONN) {
		t.Errorf("getpeername after Disconnect = %v, want ENOTCONN", err)
	}
	if _, err := unix.Write(fd, []byte("lost")); !errors.Is(err, unix.EDESTADDRREQ) {
		t.Errorf("write after Disconnect = %v, want EDESTADDRREQ (no association)", err)
	}

	if err := portable.Connect(fd, otherAddr); err != nil {
		t.Fatalf("Connect after Disconnect: %v", err)
	}
	if _, err := unix.Write(fd, []byte("two")); err != nil {
		t.Fatalf("write after reconnecting: %v", err)
	}
	readFrom(t, other, "two")
}

func readFrom(t *testing.T, c *net.UDPConn, want string) {
	t.Helper()
	buf := make([]byte, 64)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != want {
		t.Fatalf("peer read %q, %v; want %q", buf[:n], err, want)
	}
}

// Disconnect keeps the socket's port, also where the kernel releases a
// port it chose itself (Linux), and leaves the address the program bound,
// or the unspecified one: a stranger's datagram to the port still arrives.
func TestDisconnectKeepsThePort(t *testing.T) {
	for _, c := range []struct {
		name     string
		bind     *unix.SockaddrInet4 // nil: connect binds
		wantAddr [4]byte
	}{
		{"bound by connect", nil, [4]byte{}},
		{"bound to 127.0.0.1, port 0", &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}, [4]byte{127, 0, 0, 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, addr := udpPeer(t)
			fd := socket(t, unix.AF_INET, unix.SOCK_DGRAM)
			if c.bind != nil {
				if err := unix.Bind(fd, c.bind); err != nil {
					t.Fatal(err)
				}
			}
			if err := portable.Connect(fd, addr); err != nil {
				t.Fatalf("Connect: %v", err)
			}
			before, err := unix.Getsockname(fd)
			if err != nil {
				t.Fatal(err)
			}
			port := before.(*unix.SockaddrInet4).Port
			if err := portable.Disconnect(fd); err != nil {
				t.Fatalf("Disconnect: %v", err)
			}
			after, err := unix.Getsockname(fd)
			if err != nil {
				t.Fatal(err)
			}
			if got := after.(*unix.SockaddrInet4); got.Port != port || got.Addr != c.wantAddr {
				t.Errorf("after Disconnect the socket is bound to %v:%d, want %v:%d", got.Addr, got.Port, c.wantAddr, port)
			}
			stranger, err := net.DialUDP("udp4", nil, &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: port})
			if err != nil {
				t.Fatal(err)
			}
			defer stranger.Close()
			stranger.Write([]byte("still here?"))
			unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &unix.Timeval{Sec: 5})
			buf := make([]byte, 32)
			n, _, err := unix.Recvfrom(fd, buf, 0)
			if err != nil {
				t.Errorf("a stranger's datagram to port %d after Disconnect does not arrive: %v", port, err)
			} else if string(buf[:n]) != "still here?" {
				t.Errorf("a stranger's datagram to port %d after Disconnect: read %q", port, buf[:n])
			}
		})
	}
}

// Connect and Disconnect on UDP allocate nothing, also where Linux
// releases the port and Disconnect binds it back, and a refused Connect
// allocates its *Error once.
func TestConnectDisconnectAllocations(t *testing.T) {
	_, addr := udpPeer(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_DGRAM) // bound by connect: Linux releases the port
	if n := testing.AllocsPerRun(100, func() {
		if err := portable.Connect(fd, addr); err != nil {
			t.Fatal(err)
		}
		if err := portable.Disconnect(fd); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("a Connect and Disconnect cycle on UDP allocates %v times, want 0", n)
	}
	closed := closedTCPPort(t)
	if n := testing.AllocsPerRun(20, func() {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Close(fd)
		if portable.Connect(fd, closed) == nil {
			t.Fatal("connect to a closed port succeeded")
		}
	}); n > 1 {
		t.Errorf("a refused Connect allocates %v times, want 1 (its *Error)", n)
	}
}

func TestDisconnectUnconnectedUDP(t *testing.T) {
	for _, domain := range []int{unix.AF_INET, unix.AF_INET6} {
		fd := socket(t, domain, unix.SOCK_DGRAM)
		if err := portable.Disconnect(fd); err != nil {
			t.Errorf("Disconnect on a never-connected socket (domain %d): %v", domain, err)
		}
	}
}

func TestDisconnectUnixDgram(t *testing.T) {
	path := unixListener(t, "unixgram")
	fd := socket(t, unix.AF_UNIX, unix.SOCK_DGRAM)
	if err := portable.Connect(fd, &unix.SockaddrUnix{Name: path}); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if err := portable.Disconnect(fd); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}
	if _, err := unix.Write(fd, []byte("x")); !errors.Is(err, unix.ENOTCONN) && !errors.Is(err, unix.EDESTADDRREQ) {
		t.Errorf("write after Disconnect = %v, want ENOTCONN or EDESTADDRREQ", err)
	}
}

// A stream socket is refused before the kernel, and the connection survives
// (Linux would have aborted it).
func TestDisconnectStreamIsUnsupported(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		accepted <- c
	}()
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := portable.Connect(fd, &unix.SockaddrInet4{Port: l.Addr().(*net.TCPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	server := <-accepted
	defer server.Close()

	err = portable.Disconnect(fd)
	if portable.KindOf(err) != portable.Unsupported || !errors.Is(err, portable.ErrUnsupported) {
		t.Fatalf("Disconnect on TCP = %v, want kind unsupported", err)
	}
	var pe *portable.Error
	if errors.As(err, &pe); pe == nil || pe.Errno != 0 {
		t.Errorf("the refusal should come before the kernel (Errno 0): %+v", pe)
	}
	if _, err := unix.Write(fd, []byte("still here")); err != nil {
		t.Fatalf("write after the refused Disconnect: %v (the connection was touched)", err)
	}
	buf := make([]byte, 32)
	server.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := server.Read(buf); err != nil || string(buf[:n]) != "still here" {
		t.Fatalf("server read %q, %v", buf[:n], err)
	}
}

func TestConnectUnix(t *testing.T) {
	for _, c := range []struct {
		network string
		typ     int
	}{{"unix", unix.SOCK_STREAM}, {"unixgram", unix.SOCK_DGRAM}, {"unixpacket", unix.SOCK_SEQPACKET}} {
		t.Run(c.network, func(t *testing.T) {
			path := unixListener(t, c.network)
			fd := socket(t, unix.AF_UNIX, c.typ)
			if err := portable.Connect(fd, &unix.SockaddrUnix{Name: path}); err != nil {
				t.Fatalf("Connect: %v", err)
			}
			if _, err := unix.Getpeername(fd); err != nil {
				t.Errorf("no peer after Connect: %v", err)
			}
		})
	}
}

func TestConnectAbstractUnix(t *testing.T) {
	if !hostTable(t).Sockaddr.AbstractUnix {
		// The refusal elsewhere is checked by the simulation for every OS.
		t.Skipf("%s has no abstract AF_UNIX namespace", hostTable(t).Spec)
	}
	name := "@connspec-test-" + t.Name()
	l, err := net.Listen("unix", name)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
	if err := portable.Connect(fd, &unix.SockaddrUnix{Name: name}); err != nil {
		t.Fatalf("Connect to %s: %v", name, err)
	}
}

// Every bad input is refused before the kernel, with the same kind on every
// OS, without panicking, and with a message that says why.
func TestConnectRefusesBadInput(t *testing.T) {
	limit := hostTable(t).Sockaddr.UnixPathMax
	var nilInet4 *unix.SockaddrInet4
	cases := []struct {
		name    string
		fd      int
		sa      unix.Sockaddr
		kind    portable.Kind
		message string
	}{
		{"negative fd", -1, &unix.SockaddrInet4{Port: 80}, portable.BadDescriptor, "fd is negative"},
		{"nil address", 0, nil, portable.InvalidAddress, "the address is nil"},
		{"typed nil address", 0, nilInet4, portable.InvalidAddress, "the address is nil"},
		{"port out of range", 0, &unix.SockaddrInet4{Port: 70000}, portable.InvalidAddress, "port 70000 is out of range"},
		{"negative port", 0, &unix.SockaddrInet6{Port: -1}, portable.InvalidAddress, "port -1 is out of range"},
		{"empty path", 0, &unix.SockaddrUnix{Name: ""}, portable.InvalidAddress, "the AF_UNIX path is empty"},
		{"embedded NUL", 0, &unix.SockaddrUnix{Name: "/tmp/a\x00b"}, portable.InvalidAddress, "has a NUL byte inside"},
		{"path one byte too long", 0, &unix.SockaddrUnix{Name: "/" + strings.Repeat("x", limit)}, portable.NameTooLong, "allows at most"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fd := c.fd
			if fd == 0 {
				fd = socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
			}
			err := portable.Connect(fd, c.sa)
			var pe *portable.Error
			if !errors.As(err, &pe) {
				t.Fatalf("Connect = %v, want *portable.Error", err)
			}
			if pe.Kind != c.kind || pe.Errno != 0 {
				t.Errorf("kind %v errno %v, want %v before the kernel (errno 0)", pe.Kind, pe.Errno, c.kind)
			}
			if !strings.Contains(err.Error(), c.message) {
				t.Errorf("message %q lacks %q", err, c.message)
			}
		})
	}
	// The longest path allowed reaches the kernel, which looks it up.
	fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
	longest := "/" + strings.Repeat("x", limit-1)
	if err := portable.Connect(fd, &unix.SockaddrUnix{Name: longest}); portable.KindOf(err) != portable.NotFound {
		t.Errorf("Connect to a missing %d-byte path = %v, want not_found from the kernel", len(longest), err)
	}
	if !strings.Contains(errorOf(t, &unix.SockaddrUnix{Name: longest + "x"}), "at most "+strconv.Itoa(limit)) {
		t.Errorf("the name_too_long message does not give the limit %d", limit)
	}
}

func errorOf(t *testing.T, sa unix.Sockaddr) string {
	fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
	err := portable.Connect(fd, sa)
	if err == nil {
		t.Fatalf("Connect(%v) succeeded", sa)
	}
	return err.Error()
}

func TestConnectKernelErrors(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "file")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A descriptor closed just before the call, so nothing reuses it.
	closed := func() int {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		unix.Close(fd)
		return fd
	}
	cases := []struct {
		name string
		fd   int
		sa   unix.Sockaddr
		kind portable.Kind
	}{
		{"closed fd", -1, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}}, portable.BadDescriptor},
		{"regular file", int(f.Fd()), &unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}}, portable.NotSocket},
		{"missing path", socket(t, unix.AF_UNIX, unix.SOCK_STREAM), &unix.SockaddrUnix{Name: "/nonexistent/connspec.sock"}, portable.NotFound},
		{"wrong family", socket(t, unix.AF_INET, unix.SOCK_STREAM), &unix.SockaddrInet6{Port: 80, Addr: [16]byte{15: 1}}, portable.FamilyNotSupported},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fd := c.fd
			if fd == -1 {
				fd = closed()
			}
			if err := portable.Connect(fd, c.sa); portable.KindOf(err) != c.kind {
				t.Errorf("Connect = %v, want kind %v", err, c.kind)
			}
		})
	}
}
