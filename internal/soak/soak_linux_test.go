package soak

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// sizes are the soak's lengths: cycles of Connect and Disconnect, and
// ConnectContext calls.
var sizes = map[string]struct{ cycles, contexts int }{
	"full":  {1_000_000, 100_000},
	"short": {50_000, 10_000},
}

// holdings are what the process holds: descriptors, goroutines and OS
// threads.
type holdings struct{ fds, goroutines, threads int }

func held(t *testing.T) holdings {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	return holdings{fds: len(fds) - 1, goroutines: runtime.NumGoroutine(), threads: len(tasks)}
}

// settled waits for the descriptors and goroutines the soak used to be
// released (threads the runtime keeps, and counts them as they are).
func settled(t *testing.T, want holdings) holdings {
	var h holdings
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if h = held(t); h.fds <= want.fds && h.goroutines <= want.goroutines {
			break
		}
	}
	return h
}

func TestSoak(t *testing.T) {
	size, ok := sizes[os.Getenv("CONNSPEC_SOAK")]
	if !ok {
		t.Skip("the soak runs with CONNSPEC_SOAK=full (make soak) or short")
	}
	peers := newPeers(t)
	defer peers.close()
	start := held(t)
	// Each call in flight holds two descriptors, the socket and
	// ConnectContext's duplicate: one short of that for every worker, so
	// some duplicates meet EMFILE.
	limit := start.fds + 2*contextWorkers - 1
	// The runtime starts threads for goroutines blocked in system calls
	// and keeps them idle afterwards: start as many as the soak's
	// concurrency can use, and warm up, so that what the process holds
	// then is the baseline the soak must end on.
	startThreads(contextWorkers + 8)
	udpCycles(t, size.cycles/10)
	underLimit(t, limit, func() { contextCalls(t, peers, size.contexts/10) })
	before := settled(t, start)
	if before.fds != start.fds || before.goroutines != start.goroutines {
		t.Fatalf("the process held %+v before the warm-up and %+v after", start, before)
	}

	began := time.Now()
	udp := udpCycles(t, size.cycles)
	udpTime := time.Since(began)
	var ctx *outcomes
	began = time.Now()
	underLimit(t, limit, func() { ctx = contextCalls(t, peers, size.contexts) })
	ctxTime := time.Since(began)
	after := settled(t, before)

	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &ru)
	t.Logf("UDP: %d Connect/Disconnect cycles in %v (%.0f cycles/s)", udp, udpTime.Round(time.Millisecond), float64(udp)/udpTime.Seconds())
	t.Logf("ConnectContext: %d calls in %v (%.0f calls/s): %v", ctx.calls.Load(), ctxTime.Round(time.Millisecond), float64(ctx.calls.Load())/ctxTime.Seconds(), ctx)
	t.Logf("peak RSS %d MiB; RLIMIT_NOFILE %d; before %+v, after %+v", ru.Maxrss/1024, limit, before, after)
	if after != before {
		t.Errorf("the process held %+v before the soak and %+v after", before, after)
	}
	if got := ctx.calls.Load(); got < int64(size.contexts) {
		t.Errorf("made %d ConnectContext calls, want %d", got, size.contexts)
	}
	if ctx.exhausted.Load() == 0 {
		t.Errorf("no call met EMFILE: the descriptor pressure tested nothing")
	}
}

// startThreads has the runtime start n threads, which it keeps idle
// after: n goroutines lock a thread each, all at once, then unlock it.
func startThreads(n int) {
	var locked, release sync.WaitGroup
	locked.Add(n)
	release.Add(1)
	for range n {
		go func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			locked.Done()
			release.Wait()
		}()
	}
	locked.Wait()
	release.Done()
}

// udpCycles connects a UDP socket to two peers in turn and dissolves each
// association, cycles times.
func udpCycles(t *testing.T, cycles int) int {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	var peers [2]unix.SockaddrInet4
	for i := range peers {
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		peers[i] = unix.SockaddrInet4{Port: c.LocalAddr().(*net.UDPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}
	}
	for i := range cycles {
		if err := portable.Connect(fd, &peers[i%2]); err != nil {
			t.Fatalf("cycle %d: Connect: %v", i, err)
		}
		if err := portable.Disconnect(fd); err != nil {
			t.Fatalf("cycle %d: Disconnect: %v", i, err)
		}
	}
	return cycles
}

// underLimit runs f with the soft RLIMIT_NOFILE lowered to n.
func underLimit(t *testing.T, n int, f func()) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	lowered := lim
	lowered.Cur = uint64(n)
	if err := unix.Setrlimit(unix.RLIMIT_NOFILE, &lowered); err != nil {
		t.Fatal(err)
	}
	defer unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
	f()
}

// outcomes count what ConnectContext calls returned.
type outcomes struct {
	calls, connected, refused, timedOut, canceled, exhausted, noSocket atomic.Int64
}

func (o *outcomes) String() string {
	return fmt.Sprintf("%d connected, %d refused, %d timed out, %d canceled, %d EMFILE (resource_exhausted); %d sockets not made (EMFILE from socket(2))",
		o.connected.Load(), o.refused.Load(), o.timedOut.Load(), o.canceled.Load(), o.exhausted.Load(), o.noSocket.Load())
}

// contextWorkers is how many goroutines make ConnectContext calls at once.
const contextWorkers = 8

// contextCalls makes n ConnectContext calls from contextWorkers
// goroutines, each of the four kinds in turn, and checks each reports what
// its kind must (or resource_exhausted) and leaves the caller's descriptor
// open. Attempts whose socket(2) meets EMFILE make no call; they are
// counted, and bounded at 20 per call.
func contextCalls(t *testing.T, p *peers, n int) *outcomes {
	var o outcomes
	var wg sync.WaitGroup
	var next atomic.Int64
	for range contextWorkers {
		wg.Go(func() {
			for i := int(next.Add(1)); o.calls.Load() < int64(n) && i <= 20*n; i = int(next.Add(1)) {
				if err := p.call(i, &o); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return &o
}

// call makes ConnectContext call i: to the accepting listener, a closed
// port, the silent listener with a deadline, or the silent listener
// canceled.
func (p *peers) call(i int, o *outcomes) error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		o.noSocket.Add(1)
		return nil
	}
	defer unix.Close(fd)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, want := p.accepting, portable.Unknown
	switch i % 4 {
	case 1:
		addr, want = p.closed, portable.Refused
	case 2:
		addr, want = p.silent, portable.TimedOut
		ctx, cancel = context.WithTimeout(ctx, time.Millisecond)
		defer cancel()
	case 3:
		addr, want = p.silent, portable.Canceled
		time.AfterFunc(time.Millisecond, cancel)
	}
	o.calls.Add(1)
	err = portable.ConnectContext(ctx, fd, &addr)
	if _, ferr := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); ferr != nil {
		return fmt.Errorf("call %d: the caller's descriptor is gone after ConnectContext: %v", i, ferr)
	}
	return o.count(i, err, want)
}

func (o *outcomes) count(i int, err error, want portable.Kind) error {
	switch k := portable.KindOf(err); {
	case err == nil && want == portable.Unknown:
		o.connected.Add(1)
	case k == portable.ResourceExhausted && errors.Is(err, unix.EMFILE):
		o.exhausted.Add(1)
	case k == want && k == portable.Refused:
		o.refused.Add(1)
	case k == want && k == portable.TimedOut:
		o.timedOut.Add(1)
	case k == want && k == portable.Canceled:
		o.canceled.Add(1)
	default:
		return fmt.Errorf("call %d: %v (kind %v), want %v", i, err, k, want)
	}
	return nil
}
