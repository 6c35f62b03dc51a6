package bench_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

const (
	// concurrentConns is how many connections a burst opens at once.
	concurrentConns = 10_000
	// maxThreads is the bound on the process's OS threads during a burst:
	// ConnectContext waits on the runtime poller, so the thread count stays
	// near GOMAXPROCS however many calls wait.
	maxThreads = 64
	// burstListeners is how many listeners a burst spreads over.
	burstListeners = 8
	// drainedBacklog is the listen backlog of a listener that accepts
	// from the start: with burstListeners of them, no SYN is ever dropped.
	drainedBacklog = 4096
	// stalledBacklog is the listen backlog of a listener that accepts
	// only once every call of the burst has started: burstListeners ×
	// (stalledBacklog+1) = 5,128 connections complete at once, and the
	// kernel drops the SYNs of the other 4,872, which retransmit a second
	// later. (Each waiting call holds two descriptors, its socket and the
	// duplicate on the poller: this keeps the burst under a descriptor
	// limit of 20,000.)
	stalledBacklog = 640
	// retransmitted is the shortest connect time that needed a SYN
	// retransmission (the initial RTO is one second).
	retransmitted = 900 * time.Millisecond
)

// TestConcurrentConnectContextThreads makes 10,000 ConnectContext calls at
// once, each on a blocking socket of its own, and fails if the process ever
// has 64 OS threads or more; it logs the peak (go test -v shows it).
//
//   - drained: 8 listeners with a backlog of 4096 accept from the start,
//     so most connections complete inside connect(2);
//   - stalled: 8 listeners with a backlog of 640 accept only once every
//     call has started, so about 4,900 calls find their SYN dropped and wait
//     on the poller, all at the same time, for its retransmission a second
//     later. This is the case a blocking connect would need a thread for:
//     the same burst with unix.Connect on the blocking sockets peaks at
//     about 4,900 threads, while in the drained case it stays under 10.
func TestConcurrentConnectContextThreads(t *testing.T) {
	setupBurst(t)
	t.Run("drained", func(t *testing.T) {
		ls := burstTargets(t, drainedBacklog)
		drainAll(ls)
		checkBurst(t, ls, nil)
	})
	t.Run("stalled", func(t *testing.T) {
		ls := burstTargets(t, stalledBacklog)
		r := checkBurst(t, ls, func() { drainAll(ls) })
		if r.waited < concurrentConns/4 {
			t.Errorf("only %d calls waited for a SYN retransmission; the stalled listeners should have made about %d wait", r.waited, concurrentConns-burstListeners*(stalledBacklog+1))
		}
	})
}

// BenchmarkConcurrentConnectContext times bursts of 10,000 concurrent
// connections to drained listeners (the drained case of
// TestConcurrentConnectContextThreads), one burst per iteration, and
// reports the peak OS thread count of the process as the threads metric.
// The runtime never ends idle threads, so the metric is the high-water mark
// of the process so far: the dialer variant, run second, reports at least
// the portable one's.
func BenchmarkConcurrentConnectContext(b *testing.B) {
	var vs variants
	setupBurst(b)
	ls := burstTargets(b, drainedBacklog)
	drainAll(ls)
	for _, v := range burstVariants {
		vs.add(v.name, func(b *testing.B) {
			benchBurst(b, v.connect, func() ([]*pollerListener, func()) { return ls, nil })
		})
	}
	vs.run(b)
}

// BenchmarkConcurrentConnectContextStalled is the stalled case of
// TestConcurrentConnectContextThreads as a benchmark: about 4,900 of the
// 10,000 calls of each burst wait on the poller for a SYN retransmission,
// and the threads metric is what matters. ns/op is mostly the one-second
// initial RTO, and it is not a comparison of speed: when thousands of
// retransmission timers fire within a few milliseconds, the loopback
// device's input queue (net.core.netdev_max_backlog, 1000 by default)
// drops some of the SYNs, whose connections then take a second more (the
// kernel counts them in /proc/net/softnet_stat and TCPLostRetransmit). The
// faster a variant opens its 10,000 connections, the closer together its
// timers fire and the more often that happens.
func BenchmarkConcurrentConnectContextStalled(b *testing.B) {
	var vs variants
	setupBurst(b)
	for _, v := range burstVariants {
		vs.add(v.name, func(b *testing.B) {
			benchBurst(b, v.connect, func() ([]*pollerListener, func()) {
				ls := burstTargets(b, stalledBacklog)
				return ls, func() { drainAll(ls) }
			})
		})
	}
	vs.run(b)
}

// burstVariants are the ways a burst connects: ours, and package net's.
var burstVariants = []struct {
	name    string
	connect func(context.Context, *pollerListener) error
}{
	{"portable", connectPortable},
	{"dialer", connectDialer},
}

// benchBurst runs one burst of connect per iteration and reports the peak
// thread count. setup, run with the timer stopped, returns the listeners
// of a burst and what to call once all its calls have begun (or nil).
func benchBurst(b *testing.B, connect func(context.Context, *pollerListener) error, setup func() ([]*pollerListener, func())) {
	sampler := sampleThreads()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		ls, started := setup()
		b.StartTimer()
		if r := burst(b, ls, started, connect); r.failed > 0 {
			b.Fatalf("%d of %d calls failed, the first with: %v", r.failed, concurrentConns, r.first)
		}
	}
	b.ReportMetric(float64(sampler.stop()), "threads")
}

// connectPortable is one call of a burst: a blocking socket,
// portable.ConnectContext, close. Each call has its own copy of the
// address, since x/sys/unix encodes a Sockaddr in place.
func connectPortable(ctx context.Context, l *pollerListener) error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	sa := *l.sa
	return portable.ConnectContext(ctx, fd, &sa)
}

// connectDialer is connectPortable's baseline: net.Dialer.DialContext,
// close.
func connectDialer(ctx context.Context, l *pollerListener) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp4", l.ln.Addr().String())
	if err != nil {
		return err
	}
	return c.Close()
}

// drainAll starts the accept goroutines of ls.
func drainAll(ls []*pollerListener) {
	for _, l := range ls {
		l.drain()
	}
}

// setupBurst raises the limits a burst needs: a descriptor for each
// client socket, each accepted one and each duplicate ConnectContext
// waits on, and listen backlogs of drainedBacklog.
func setupBurst(tb testing.TB) {
	raiseNofile(tb, 2*concurrentConns)
	raiseSomaxconn(tb, drainedBacklog)
}

// burstTargets starts burstListeners listeners with the given backlog,
// not yet accepting.
func burstTargets(tb testing.TB, backlog int) []*pollerListener {
	ls := make([]*pollerListener, burstListeners)
	for i := range ls {
		ls[i] = listenPoller(tb, backlog)
	}
	return ls
}

// checkBurst runs a burst of ConnectContext calls on blocking sockets,
// fails t when a call fails or the thread count reaches maxThreads, and
// logs the peak.
func checkBurst(t *testing.T, ls []*pollerListener, started func()) burstResult {
	created := threadsCreated()
	sampler := sampleThreads()
	r := burst(t, ls, started, connectPortable)
	peak := sampler.stop()
	created = threadsCreated() - created
	t.Logf("%d concurrent ConnectContext calls in %v (%d waited on the poller for a SYN retransmission): peak %d OS threads; threadcreate profile: %d threads created during the burst, %d in all; GOMAXPROCS %d",
		concurrentConns, r.elapsed.Round(time.Millisecond), r.waited, peak, created, threadsCreated(), runtimeProcs())
	if r.failed > 0 {
		t.Errorf("%d of %d calls failed, the first with: %v", r.failed, concurrentConns, r.first)
	}
	if peak >= maxThreads {
		t.Errorf("the process had %d OS threads at its peak; ConnectContext should wait on the runtime poller and keep it under %d", peak, maxThreads)
	}
	return r
}

// burstResult is how a burst went.
type burstResult struct {
	elapsed time.Duration
	failed  int
	first   error // the first failure
	waited  int   // calls that took retransmitted or longer
}

// burst runs connect concurrentConns times at once, spread over ls, each
// with a 30-second deadline, and returns when all have. When started is
// not nil, it is called once every call has begun (and the calls have had
// a moment to reach their connect).
func burst(tb testing.TB, ls []*pollerListener, started func(), connect func(context.Context, *pollerListener) error) burstResult {
	ctx, cancel := context.WithTimeout(tb.Context(), 30*time.Second)
	defer cancel()
	var (
		r        burstResult
		mu       sync.Mutex
		wg       sync.WaitGroup
		begun    atomic.Int64
		allBegun = make(chan struct{})
		go_      = make(chan struct{})
	)
	for i := range concurrentConns {
		l := ls[i%len(ls)]
		wg.Go(func() {
			<-go_
			if begun.Add(1) == concurrentConns {
				close(allBegun)
			}
			start := time.Now()
			err := connect(ctx, l)
			took := time.Since(start)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if r.failed == 0 {
					r.first = err
				}
				r.failed++
			}
			if took >= retransmitted {
				r.waited++
			}
		})
	}
	start := time.Now()
	close(go_)
	if started != nil {
		<-allBegun
		time.Sleep(100 * time.Millisecond)
		started()
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	return r
}

// threadSampler records the peak of the process's OS thread count.
type threadSampler struct {
	peak atomic.Int64
	quit chan struct{}
	done chan struct{}
}

// sampleThreads reads the thread count every 200µs until stop.
func sampleThreads() *threadSampler {
	s := &threadSampler{quit: make(chan struct{}), done: make(chan struct{})}
	s.peak.Store(int64(osThreads()))
	go func() {
		defer close(s.done)
		for {
			if n := int64(osThreads()); n > s.peak.Load() {
				s.peak.Store(n)
			}
			select {
			case <-s.quit:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the peak, counting the threads that
// exist now (the runtime does not end idle threads, so a thread created
// between two samples is still counted here).
func (s *threadSampler) stop() int {
	close(s.quit)
	<-s.done
	return max(int(s.peak.Load()), osThreads())
}

// osThreads returns the Threads line of /proc/self/status.
func osThreads() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		panic(fmt.Sprintf("reading the thread count: %v", err))
	}
	_, rest, ok := bytes.Cut(b, []byte("\nThreads:"))
	line, _, _ := bytes.Cut(rest, []byte("\n"))
	n, err := strconv.Atoi(string(bytes.TrimSpace(line)))
	if !ok || err != nil {
		panic(fmt.Sprintf("no Threads line in /proc/self/status: %q", b))
	}
	return n
}

// threadsCreated returns how many OS threads the runtime has created.
func threadsCreated() int { return pprof.Lookup("threadcreate").Count() }

// runtimeProcs returns GOMAXPROCS.
func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
