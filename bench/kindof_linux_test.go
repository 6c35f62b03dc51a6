package bench_test

import (
	"errors"
	"net"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
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

// BenchmarkKindOfWinsock classifies the error net.Dial returns on Windows
// for a refused dial, *net.OpError wrapping *os.SyscallError "connectex"
// wrapping WSAECONNREFUSED (10061), with the Windows table, built from
// spec/os/windows.yaml as the generated one is; this machine cannot run
// Windows binaries. The baseline is errors.Is against the code.
func BenchmarkKindOfWinsock(b *testing.B) {
	var vs variants
	s, err := spec.Load("../spec")
	if err != nil {
		b.Fatal(err)
	}
	windows, err := sim.Build(s.OS("windows"))
	if err != nil {
		b.Fatal(err)
	}
	kindName := windows.KindName
	refused := windows.Errno("WSAECONNREFUSED")
	dialErr := error(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connectex", refused)})
	vs.add("portable", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if k := kindName(dialErr); k != "refused" {
				b.Fatalf("KindOf(%v) = %s with the Windows table, want refused", dialErr, k)
			}
		}
		cpu.report(b)
	})
	vs.add("errors.Is", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if !errors.Is(dialErr, refused) {
				b.Fatal("errors.Is failed")
			}
		}
		cpu.report(b)
	})
	vs.run(b)
}
