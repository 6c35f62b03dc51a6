package bench_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/mdlayher/socket"
	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// BenchmarkConnectContextTCP opens a TCP connection to a loopback listener
// (served by another process, see serverListener) and closes it, each
// iteration: socket, connect, close, the way each API is meant to be used:
//
//   - portable: a nonblocking socket, portable.ConnectContext, unix.Close;
//   - dialer: net.Dialer.DialContext and Conn.Close;
//   - mdlayher: socket.Socket, Conn.Connect and Conn.Close from
//     github.com/mdlayher/socket;
//   - raw: a blocking socket, unix.Connect, unix.Close (no context, and
//     the thread blocks while connecting).
//
// The context variants get the same context, with a deadline and a
// cancel function as a request's would have.
func BenchmarkConnectContextTCP(b *testing.B) {
	var vs variants
	sa, addr := serverListener(b)
	warm(b, sa)
	vs.add("portable", func(b *testing.B) {
		ctx := requestContext(b)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				b.Fatal(err)
			}
			if err := portable.ConnectContext(ctx, fd, sa); err != nil {
				b.Fatal(err)
			}
			unix.Close(fd)
		}
		cpu.report(b)
	})
	vs.add("dialer", func(b *testing.B) {
		ctx := requestContext(b)
		var d net.Dialer
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			c, err := d.DialContext(ctx, "tcp", addr)
			if err != nil {
				b.Fatal(err)
			}
			c.Close()
		}
		cpu.report(b)
	})
	vs.add("mdlayher", func(b *testing.B) {
		ctx := requestContext(b)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			c, err := socket.Socket(unix.AF_INET, unix.SOCK_STREAM, 0, "bench", nil)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.Connect(ctx, sa); err != nil {
				b.Fatal(err)
			}
			c.Close()
		}
		cpu.report(b)
	})
	vs.add("raw", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			rawConnect(b, sa)
		}
		cpu.report(b)
	})
	vs.run(b)
}

// BenchmarkConnectContextBlockingFD is BenchmarkConnectContextTCP's
// portable variant on a blocking socket, which ConnectContext makes
// nonblocking for the call and blocking again before it returns, against
// the same raw baseline.
func BenchmarkConnectContextBlockingFD(b *testing.B) {
	var vs variants
	sa, _ := serverListener(b)
	warm(b, sa)
	vs.add("portable", func(b *testing.B) {
		ctx := requestContext(b)
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
			if err != nil {
				b.Fatal(err)
			}
			if err := portable.ConnectContext(ctx, fd, sa); err != nil {
				b.Fatal(err)
			}
			unix.Close(fd)
		}
		cpu.report(b)
	})
	vs.add("raw", func(b *testing.B) {
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			rawConnect(b, sa)
		}
		cpu.report(b)
	})
	vs.run(b)
}

// rawConnect is the baseline: a blocking socket, connect(2), close(2).
func rawConnect(b *testing.B, sa unix.Sockaddr) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		b.Fatal(err)
	}
	if err := unix.Connect(fd, sa); err != nil {
		b.Fatal(err)
	}
	unix.Close(fd)
}

// warm runs a thousand connections to sa before the clock starts, so that
// the first variant measured does not pay for the listener's first accepts
// and the kernel's first ephemeral-port lookups.
func warm(b *testing.B, sa unix.Sockaddr) {
	for range 1000 {
		rawConnect(b, sa)
	}
}

// requestContext returns a context with a deadline far away and a cancel
// function, canceled when b ends.
func requestContext(b *testing.B) context.Context {
	ctx, cancel := context.WithTimeout(b.Context(), time.Hour)
	b.Cleanup(cancel)
	return ctx
}
