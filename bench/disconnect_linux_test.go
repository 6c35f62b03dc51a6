package bench_test

import (
	"errors"
	"net"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// BenchmarkDisconnectUDP connects a UDP socket and dissolves the
// association, so every iteration dissolves a real one. Every variant makes
// the same unix.Connect first; they differ in how they dissolve:
//
//   - portable: portable.Disconnect, which reads SO_TYPE to refuse stream
//     sockets and then connects to AF_UNSPEC;
//   - raw: connect(2) with a zeroed 16-byte AF_UNSPEC address, which
//     x/sys/unix cannot express (golang/go#64006), so through unix.Syscall;
//   - raw-sotype: raw plus the SO_TYPE getsockopt portable makes, to show
//     what that check costs on its own.
func BenchmarkDisconnectUDP(b *testing.B) {
	var vs variants
	peer := boundSocket(b, unix.SOCK_DGRAM)
	vs.add("portable", func(b *testing.B) {
		fd := newSocket(b, unix.SOCK_DGRAM)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := unix.Connect(fd, peer); err != nil {
				b.Fatal(err)
			}
			if err := portable.Disconnect(fd); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		assertDissolved(b, fd)
	})
	vs.add("raw", func(b *testing.B) {
		fd := newSocket(b, unix.SOCK_DGRAM)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := unix.Connect(fd, peer); err != nil {
				b.Fatal(err)
			}
			if err := connectUnspec(fd); err != 0 {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		assertDissolved(b, fd)
	})
	vs.add("raw-sotype", func(b *testing.B) {
		fd := newSocket(b, unix.SOCK_DGRAM)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := unix.Connect(fd, peer); err != nil {
				b.Fatal(err)
			}
			if typ, err := unix.GetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TYPE); err != nil || typ != unix.SOCK_DGRAM {
				b.Fatal(typ, err)
			}
			if err := connectUnspec(fd); err != 0 {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		assertDissolved(b, fd)
	})
	vs.run(b)
}

// connectUnspec is connect(2) to a zeroed sockaddr of 16 bytes, family
// AF_UNSPEC: Linux dissolves the association and answers 0.
func connectUnspec(fd int) unix.Errno {
	var unspec [16]byte
	_, _, errno := unix.Syscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&unspec)), uintptr(len(unspec)))
	return errno
}

// assertDissolved fails b unless fd has no peer.
func assertDissolved(b *testing.B, fd int) {
	b.Helper()
	if _, err := unix.Getpeername(fd); err != unix.ENOTCONN {
		b.Fatalf("getpeername after dissolving: got %v, want ENOTCONN", err)
	}
}

// BenchmarkDisconnectConn dissolves the association of a *net.UDPConn (from
// net.ListenUDP, bound to its port), associating it again by hand each
// iteration, the same way in both variants:
//
//   - portable: portable.DisconnectConn;
//   - control: the calls it makes, written by hand through
//     SyscallConn().Control as a program without portable would: SO_TYPE
//     (the stream check), getsockname (the port Linux may release),
//     connect(2) to AF_UNSPEC, getsockname, and bind(2) back to the port
//     Linux released (it keeps only a port the program chose itself).
func BenchmarkDisconnectConn(b *testing.B) {
	var vs variants
	peer := boundSocket(b, unix.SOCK_DGRAM)
	for _, v := range []struct {
		name     string
		dissolve func(*net.UDPConn) error
	}{
		{"portable", func(c *net.UDPConn) error { return portable.DisconnectConn(c) }},
		{"control", dissolveByHand},
	} {
		vs.add(v.name, func(b *testing.B) {
			conn := listenUDP(b)
			associate := associator(b, conn, peer)
			b.ReportAllocs()
			cpu := startCPU(b)
			for b.Loop() {
				associate()
				if err := v.dissolve(conn); err != nil {
					b.Fatal(err)
				}
			}
			cpu.report(b)
			if _, err := conn.Write([]byte("x")); err == nil {
				b.Fatal("Write succeeded after the association was dissolved")
			}
		})
	}
	vs.run(b)
}

// listenUDP returns a UDP conn bound to a loopback port, closed when tb
// ends.
func listenUDP(tb testing.TB) *net.UDPConn {
	tb.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: loopback[:]})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close() })
	return conn
}

// associator returns what connects the socket under conn to peer, by
// hand, without allocating: the closure Control runs is made once.
func associator(b *testing.B, conn *net.UDPConn, peer *unix.SockaddrInet4) func() {
	rc, err := conn.SyscallConn()
	if err != nil {
		b.Fatal(err)
	}
	var cerr error
	connect := func(fd uintptr) { cerr = unix.Connect(int(fd), peer) }
	return func() {
		if err := rc.Control(connect); err != nil || cerr != nil {
			b.Fatal(err, cerr)
		}
	}
}

// dissolveByHand makes DisconnectConn's calls on a UDP conn by hand.
func dissolveByHand(conn *net.UDPConn) error {
	rc, err := conn.SyscallConn()
	if err != nil {
		return err
	}
	var opErr error
	err = rc.Control(func(fd uintptr) {
		if typ, err := unix.GetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_TYPE); err != nil || typ == unix.SOCK_STREAM {
			opErr = errors.New("not a datagram socket")
			return
		}
		before, err := unix.Getsockname(int(fd))
		if err != nil {
			opErr = err
			return
		}
		if errno := connectUnspec(int(fd)); errno != 0 {
			opErr = errno
			return
		}
		after, err := unix.Getsockname(int(fd))
		if err == nil && after.(*unix.SockaddrInet4).Port != before.(*unix.SockaddrInet4).Port {
			err = unix.Bind(int(fd), before)
		}
		opErr = err
	})
	if err != nil {
		return err
	}
	return opErr
}
