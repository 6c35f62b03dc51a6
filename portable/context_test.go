//go:build unix

package portable_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// silentListener returns a loopback TCP address whose listener never
// answers a SYN: its accept queue (backlog 0) is filled by one connection
// nobody accepts, and Linux drops SYNs to a listener whose queue is full
// (tcp_conn_request).
func silentListener(t *testing.T) *unix.SockaddrInet4 {
	t.Helper()
	l := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := unix.Bind(l, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(l, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := unix.Getsockname(l)
	if err != nil {
		t.Fatal(err)
	}
	addr := sa.(*unix.SockaddrInet4)
	filler := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := unix.Connect(filler, addr); err != nil {
		t.Fatalf("filling the accept queue: %v", err)
	}
	// Check the next SYN really goes unanswered.
	probe := nonblockingSocket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := unix.Connect(probe, addr); err != unix.EINPROGRESS {
		t.Skipf("this kernel answered a connect to a full backlog with %v; the test needs the SYN dropped", err)
	}
	fds := []unix.PollFd{{Fd: int32(probe), Events: unix.POLLOUT}}
	if n, _ := unix.Poll(fds, 200); n != 0 {
		t.Skip("this kernel completed a connect to a full backlog; the test needs the SYN dropped")
	}
	return addr
}

// checkUntouched fails the test if fd changed or leaked anything.
type untouched struct {
	t          *testing.T
	fd         int
	before     fdState
	fds        int
	goroutines int
}

func watch(t *testing.T, fd int) *untouched {
	return &untouched{t: t, fd: fd, before: stateOf(t, fd), fds: openFds(t), goroutines: runtime.NumGoroutine()}
}

func (u *untouched) check() {
	t := u.t
	t.Helper()
	if after := stateOf(t, u.fd); after != u.before {
		t.Errorf("fd %d changed: %+v before, %+v after", u.fd, u.before, after)
	}
	if n := openFds(t); n != u.fds {
		t.Errorf("%d open descriptors before, %d after", u.fds, n)
	}
	if pollerTargets(t)[u.fd] {
		t.Errorf("fd %d is left registered with the runtime poller", u.fd)
	}
	if n := settleGoroutines(u.goroutines); n > u.goroutines {
		t.Errorf("%d goroutines before, %d after", u.goroutines, n)
	}
}

func TestConnectContextDeadline(t *testing.T) {
	addr := silentListener(t)
	for _, nonblocking := range []bool{false, true} {
		fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
		if err := unix.SetNonblock(fd, nonblocking); err != nil {
			t.Fatal(err)
		}
		u := watch(t, fd)
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		start := time.Now()
		err := portable.ConnectContext(ctx, fd, addr)
		cancel()
		elapsed := time.Since(start)
		var pe *portable.Error
		if !errors.As(err, &pe) || pe.Kind != portable.TimedOut {
			t.Fatalf("ConnectContext past its deadline = %v, want kind timed_out", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !pe.Timeout() || !errors.Is(err, portable.ErrTimedOut) {
			t.Errorf("deadline error %v: errors.Is DeadlineExceeded %t, Timeout %t", err, errors.Is(err, context.DeadlineExceeded), pe.Timeout())
		}
		if elapsed < 140*time.Millisecond || elapsed > 2*time.Second {
			t.Errorf("returned after %v; the deadline was 150ms", elapsed)
		}
		u.check()
	}
}

func TestConnectContextCanceled(t *testing.T) {
	addr := silentListener(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	u := watch(t, fd)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	err := portable.ConnectContext(ctx, fd, addr)
	if portable.KindOf(err) != portable.Canceled || !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled ConnectContext = %v, want kind canceled matching context.Canceled", err)
	}
	var pe *portable.Error
	if errors.As(err, &pe) && pe.Timeout() {
		t.Errorf("a cancellation claims to be a timeout")
	}
	u.check()
}

func TestConnectContextAlreadyDone(t *testing.T) {
	addr := tcpListener(t)
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := portable.ConnectContext(ctx, fd, addr); portable.KindOf(err) != portable.Canceled {
		t.Fatalf("ConnectContext with a canceled context = %v, want canceled", err)
	}
	if _, err := unix.Getpeername(fd); err == nil {
		t.Errorf("the socket connected although the context was done before the call")
	}
}

func TestConnectContextConnects(t *testing.T) {
	tcp := queueingListener(t)
	path := unixListener(t, "unix")
	cases := []struct {
		name        string
		domain      int
		nonblocking bool
		sa          unix.Sockaddr
	}{
		{"tcp blocking", unix.AF_INET, false, tcp},
		{"tcp nonblocking", unix.AF_INET, true, tcp},
		{"unix blocking", unix.AF_UNIX, false, &unix.SockaddrUnix{Name: path}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fd := socket(t, c.domain, unix.SOCK_STREAM)
			if err := unix.SetNonblock(fd, c.nonblocking); err != nil {
				t.Fatal(err)
			}
			u := watch(t, fd)
			if err := portable.ConnectContext(context.Background(), fd, c.sa); err != nil {
				t.Fatalf("ConnectContext: %v", err)
			}
			if _, err := unix.Getpeername(fd); err != nil {
				t.Errorf("reported success without a peer: %v", err)
			}
			u.check()
		})
	}
}

func TestConnectContextRefused(t *testing.T) {
	fd := socket(t, unix.AF_INET, unix.SOCK_STREAM)
	u := watch(t, fd)
	err := portable.ConnectContext(context.Background(), fd, closedTCPPort(t))
	if portable.KindOf(err) != portable.Refused || !errors.Is(err, unix.ECONNREFUSED) {
		t.Fatalf("ConnectContext to a closed port = %v, want refused (ECONNREFUSED)", err)
	}
	u.check()
}

// A full AF_UNIX backlog is reported at once: Linux answers EAGAIN, the BSD
// kernels ECONNREFUSED; neither is a reason to wait.
func TestConnectContextUnixBacklogFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.sock")
	l := socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
	if err := unix.Bind(l, &unix.SockaddrUnix{Name: path}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(l, 0); err != nil {
		t.Fatal(err)
	}
	// Fill the backlog with nonblocking connects nobody accepts.
	for i := 0; ; i++ {
		fd := nonblockingSocket(t, unix.AF_UNIX, unix.SOCK_STREAM)
		if err := unix.Connect(fd, &unix.SockaddrUnix{Name: path}); err != nil {
			break
		}
		if i > 64 {
			t.Fatal("the backlog never filled")
		}
	}
	want := expected(t, "unix-backlog-full-context", 0)
	for _, ctxWait := range []time.Duration{0, time.Minute} {
		fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM)
		u := watch(t, fd)
		ctx := context.Background()
		if ctxWait > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, ctxWait)
			defer cancel()
		}
		start := time.Now()
		err := portable.ConnectContext(ctx, fd, &unix.SockaddrUnix{Name: path})
		if portable.KindOf(err) != want {
			t.Errorf("ConnectContext to a full backlog = %v, want %v", err, want)
		}
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("took %v; a full backlog must be reported at once, not waited on", elapsed)
		}
		u.check()
	}
	// Connect on a nonblocking socket says the same.
	fd := nonblockingSocket(t, unix.AF_UNIX, unix.SOCK_STREAM)
	if err := portable.Connect(fd, &unix.SockaddrUnix{Name: path}); portable.KindOf(err) != want {
		t.Errorf("nonblocking Connect to a full backlog = %v, want %v", err, want)
	}
}

func TestFinish(t *testing.T) {
	addr := tcpListener(t)
	fd := nonblockingSocket(t, unix.AF_INET, unix.SOCK_STREAM)
	err := portable.Connect(fd, addr)
	if err != nil && err != portable.ErrInProgress {
		t.Fatalf("nonblocking Connect = %v, want nil or ErrInProgress", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for err == portable.ErrInProgress && time.Now().Before(deadline) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		unix.Poll(fds, 100)
		err = portable.Finish(fd)
	}
	if err != nil {
		t.Fatalf("Finish = %v", err)
	}
	if _, err := unix.Getpeername(fd); err != nil {
		t.Errorf("Finish reported success without a peer: %v", err)
	}

	refused := nonblockingSocket(t, unix.AF_INET, unix.SOCK_STREAM)
	err = portable.Connect(refused, closedTCPPort(t))
	for err == portable.ErrInProgress && time.Now().Before(deadline) {
		fds := []unix.PollFd{{Fd: int32(refused), Events: unix.POLLOUT}}
		unix.Poll(fds, 100)
		err = portable.Finish(refused)
	}
	if portable.KindOf(err) != portable.Refused {
		t.Fatalf("Finish after a refused nonblocking connect = %v, want refused", err)
	}
	var pe *portable.Error
	if errors.As(err, &pe) && pe.Op != "finish" && pe.Op != "connect" {
		t.Errorf("Op %q", pe.Op)
	}
}

// A SYN nobody answers keeps Finish at ErrInProgress.
func TestFinishPending(t *testing.T) {
	addr := silentListener(t)
	fd := nonblockingSocket(t, unix.AF_INET, unix.SOCK_STREAM)
	if err := portable.Connect(fd, addr); err != portable.ErrInProgress {
		t.Fatalf("nonblocking Connect to a silent peer = %v, want ErrInProgress", err)
	}
	for range 3 {
		if err := portable.Finish(fd); err != portable.ErrInProgress {
			t.Fatalf("Finish while the SYN is unanswered = %v, want ErrInProgress", err)
		}
	}
	if err := portable.Connect(fd, addr); err != portable.ErrInProgress {
		t.Errorf("a second nonblocking Connect while pending = %v, want ErrInProgress (EALREADY)", err)
	}
}
