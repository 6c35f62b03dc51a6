package bench_test

import (
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// BenchmarkConnectUDP connects one UDP socket to the same loopback peer
// again and again: the success path, where portable adds only its checks
// before connect(2).
func BenchmarkConnectUDP(b *testing.B) {
	var vs variants
	peer := boundSocket(b, unix.SOCK_DGRAM)
	vs.add("portable", func(b *testing.B) {
		fd := newSocket(b, unix.SOCK_DGRAM)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := portable.Connect(fd, peer); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	vs.add("raw", func(b *testing.B) {
		fd := newSocket(b, unix.SOCK_DGRAM)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := unix.Connect(fd, peer); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	vs.run(b)
}

// BenchmarkConnectRefused makes a blocking TCP socket, connects it to a
// loopback port nobody listens on (the kernel answers ECONNREFUSED at once)
// and closes it: the failure path, where portable classifies the errno and
// returns an *Error.
func BenchmarkConnectRefused(b *testing.B) {
	var vs variants
	closed := boundSocket(b, unix.SOCK_STREAM)
	vs.add("portable", func(b *testing.B) {
		if err := portable.Connect(newSocket(b, unix.SOCK_STREAM), closed); portable.KindOf(err) != portable.Refused {
			b.Fatalf("connect to a closed port: got %v, want a Refused error", err)
		}
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				b.Fatal(err)
			}
			if err := portable.Connect(fd, closed); err == nil {
				b.Fatal("connect to a closed port succeeded")
			}
			unix.Close(fd)
		}
		cpu.report(b)
	})
	vs.add("raw", func(b *testing.B) {
		if err := unix.Connect(newSocket(b, unix.SOCK_STREAM), closed); err != unix.ECONNREFUSED {
			b.Fatalf("connect to a closed port: got %v, want ECONNREFUSED", err)
		}
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				b.Fatal(err)
			}
			if err := unix.Connect(fd, closed); err == nil {
				b.Fatal("connect to a closed port succeeded")
			}
			unix.Close(fd)
		}
		cpu.report(b)
	})
	vs.run(b)
}
