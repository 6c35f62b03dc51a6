package bench_test

import (
	"errors"
	"net"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// BenchmarkKindOf classifies a real net.Dial error: *net.OpError wrapping
// *os.SyscallError wrapping ECONNREFUSED, from a dial to a closed loopback
// port. The baseline is what a caller writes without portable for one
// kind: errors.Is against the errno.
func BenchmarkKindOf(b *testing.B) {
	var vs variants
	closed := boundSocket(b, unix.SOCK_STREAM)
	_, err := net.Dial("tcp4", (&net.TCPAddr{IP: loopback[:], Port: closed.Port}).String())
	var opErr *net.OpError
	var scErr *os.SyscallError
	if !errors.As(err, &opErr) || !errors.As(err, &scErr) || !errors.Is(err, syscall.ECONNREFUSED) {
		b.Fatalf("dial to a closed port: got %#v, want *net.OpError → *os.SyscallError → ECONNREFUSED", err)
	}
	vs.add("portable", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if portable.KindOf(err) != portable.Refused {
				b.Fatalf("KindOf(%v) = %v, want Refused", err, portable.KindOf(err))
			}
		}
		cpu.report(b)
	})
	vs.add("errors.Is", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if !errors.Is(err, syscall.ECONNREFUSED) {
				b.Fatal("errors.Is failed")
			}
		}
		cpu.report(b)
	})
	vs.run(b)
}
