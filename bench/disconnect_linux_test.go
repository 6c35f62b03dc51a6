package bench_test

import (
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
