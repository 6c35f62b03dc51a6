package bench_test

import (
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
)

// BenchmarkWaitWritable measures the fixed cost of one wait on the runtime
// poller, which ConnectContext pays whenever connect(2) leaves the
// handshake pending (never on an idle loopback, always across a network):
// kernel.Host.WaitWritable on a socket that is already writable (a
// connected UDP socket), so that nothing is waited for and only the
// bookkeeping is measured. The baseline, poll, is one poll(2) with a zero
// timeout, the least a writability check can cost. No target: the ratio
// shows what registering with the poller costs per wait.
func BenchmarkWaitWritable(b *testing.B) {
	var vs variants
	peer := boundSocket(b, unix.SOCK_DGRAM)
	fd := newSocket(b, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK)
	if err := unix.Connect(fd, peer); err != nil {
		b.Fatal(err)
	}
	vs.add("portable", func(b *testing.B) {
		ctx := requestContext(b)
		var h kernel.Host
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if err := h.WaitWritable(ctx, fd); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
	vs.add("poll", func(b *testing.B) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		b.ReportAllocs()
		cpu := startCPU(b)
		for b.Loop() {
			if n, err := unix.Poll(fds, 0); n != 1 || err != nil {
				b.Fatal(n, err)
			}
		}
		cpu.report(b)
	})
	vs.run(b)
}
