package bench_test

import (
	"errors"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// loopback is 127.0.0.1, the only address the benchmarks use.
var loopback = [4]byte{127, 0, 0, 1}

// newSocket returns a close-on-exec AF_INET socket of type typ (with
// unix.SOCK_NONBLOCK or'ed in for a nonblocking one), closed when tb ends.
func newSocket(tb testing.TB, typ int) int {
	tb.Helper()
	fd, err := unix.Socket(unix.AF_INET, typ|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		tb.Fatalf("socket: %v", err)
	}
	tb.Cleanup(func() { unix.Close(fd) })
	return fd
}

// boundSocket returns the loopback address of a socket of type typ bound to
// an ephemeral port and never listening: a UDP peer to connect to, or a
// TCP port that refuses (the kernel answers the SYN with a RST) and that no
// other program can take while tb runs.
func boundSocket(tb testing.TB, typ int) *unix.SockaddrInet4 {
	tb.Helper()
	fd := newSocket(tb, typ)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: loopback}); err != nil {
		tb.Fatalf("bind: %v", err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		tb.Fatalf("getsockname: %v", err)
	}
	return sa.(*unix.SockaddrInet4)
}

// serverEnv, set in the environment of a child copy of the test binary,
// makes TestMain serve the listening socket the child inherits as fd 3.
const serverEnv = "CONNSPEC_BENCH_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(serverEnv) != "" {
		serve(3)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// serverListener starts a loopback TCP listener served by another process
// (a child copy of the test binary, see serve) and stops it when tb ends.
// It returns the listener's address as a sockaddr and as "127.0.0.1:port".
//
// With the server in another process, everything a benchmark reports is
// the client's: its allocations, its CPU time, and its Go runtime, which
// an in-process server would perturb (a goroutine blocked in accept4 makes
// sysmon retake its P and wake every 20µs; one on the poller allocates and
// wakes the client's threads).
func serverListener(tb testing.TB) (*unix.SockaddrInet4, string) {
	tb.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		tb.Fatalf("socket: %v", err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	defer f.Close() // the child has its own copy
	// Accepted sockets inherit SO_LINGER from the listener (sk_clone
	// copies the socket): their close is a reset (see serve).
	if err := unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1}); err != nil {
		tb.Fatalf("SO_LINGER: %v", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: loopback}); err != nil {
		tb.Fatalf("bind: %v", err)
	}
	if err := unix.Listen(fd, unix.SOMAXCONN); err != nil {
		tb.Fatalf("listen: %v", err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		tb.Fatalf("getsockname: %v", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), serverEnv+"=1")
	cmd.ExtraFiles = []*os.File{f}
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting the server process: %v", err)
	}
	tb.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	sa4 := sa.(*unix.SockaddrInet4)
	return sa4, netip.AddrPortFrom(netip.AddrFrom4(sa4.Addr), uint16(sa4.Port)).String()
}

// serveEvery is how often serve wakes up.
const serveEvery = time.Millisecond

// serve serves the nonblocking listening socket lfd until it is killed:
// every serveEvery it accepts every connection waiting, and closes each
// one whose client has closed (reads EOF), keeping the others for the next
// round.
//
// The server never waits on a socket, so nothing the client does wakes it:
// the client's connect and close cost the same however fast the client
// runs. (A server blocked in accept4 or read would be woken, an interrupt
// to the other CPU paid in the client's system call, by some clients'
// connects and closes and not others', depending on how far ahead of the
// server they are; that made a variant that spends 2µs more per
// connection pay 6µs more.)
//
// The close is a reset (SO_LINGER 0), which frees the client's socket in
// FIN_WAIT2: neither side is left in TIME_WAIT, so the kernel's ephemeral
// port search costs the same in the last iteration as in the first. (Left
// alone, every connection would leave a TIME_WAIT socket behind on the
// client, which closes first; a few seconds of connects fill the 28,232
// ports of the default range and make connect(2) slower and slower.)
func serve(lfd int) {
	var (
		open []int
		buf  [64]byte
	)
	for {
		time.Sleep(serveEvery)
		for {
			// accept4 with a NULL address, so nothing is allocated.
			fd, _, errno := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(lfd), 0, 0, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0, 0)
			if errno != 0 {
				break // EAGAIN: none left
			}
			open = append(open, int(fd))
		}
		waiting := open[:0]
		for _, fd := range open {
			if n, err := unix.Read(fd, buf[:]); n > 0 || err == unix.EAGAIN || err == unix.EINTR {
				waiting = append(waiting, fd)
				continue
			}
			unix.Close(fd)
		}
		open = waiting
	}
}

// pollerListener is a loopback TCP listener served in this process by
// goroutines that wait on the runtime poller, so it adds no thread however
// many connections arrive. Like serve, it reads each connection until the
// client's FIN and then resets it, leaving no TIME_WAIT behind.
type pollerListener struct {
	ln   net.Listener
	sa   *unix.SockaddrInet4
	done sync.WaitGroup
}

// listenPoller starts a pollerListener with the given listen backlog (which
// the kernel caps at net.core.somaxconn) that does not accept until drain
// is called, and stops it when tb ends.
func listenPoller(tb testing.TB, backlog int) *pollerListener {
	tb.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		tb.Fatalf("socket: %v", err)
	}
	// f owns fd from here on; net.FileListener duplicates it, so the
	// listening socket keeps its backlog and f is closed at once.
	f := os.NewFile(uintptr(fd), "listener")
	defer f.Close()
	// Accepted sockets inherit SO_LINGER 0: their close is a reset.
	if err := unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1}); err != nil {
		tb.Fatalf("SO_LINGER: %v", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: loopback}); err != nil {
		tb.Fatalf("bind: %v", err)
	}
	if err := unix.Listen(fd, backlog); err != nil {
		tb.Fatalf("listen: %v", err)
	}
	ln, err := net.FileListener(f)
	if err != nil {
		tb.Fatalf("net.FileListener: %v", err)
	}
	ap := netip.MustParseAddrPort(ln.Addr().String())
	l := &pollerListener{ln: ln, sa: &unix.SockaddrInet4{Addr: ap.Addr().As4(), Port: int(ap.Port())}}
	tb.Cleanup(func() {
		ln.Close()
		l.done.Wait()
	})
	return l
}

// drain starts the accept goroutine.
func (l *pollerListener) drain() {
	l.done.Go(func() {
		for {
			c, err := l.ln.Accept()
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if err != nil {
				// EMFILE or the like: the client sees a failed connect,
				// which the test reports.
				continue
			}
			l.done.Go(func() {
				// The deadline bounds the wait for a client that never
				// closes (a failed test).
				c.SetReadDeadline(time.Now().Add(time.Minute))
				var buf [64]byte
				for {
					if _, err := c.Read(buf[:]); err != nil {
						break
					}
				}
				c.Close()
			})
		}
	})
}

// raiseNofile raises RLIMIT_NOFILE to n (the hard limit too, which needs
// CAP_SYS_RESOURCE), or as close to n as the hard limit allows, and
// restores it when tb ends.
func raiseNofile(tb testing.TB, n uint64) {
	tb.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &old); err != nil {
		tb.Fatalf("getrlimit: %v", err)
	}
	if old.Cur >= n {
		return
	}
	lim := syscall.Rlimit{Cur: n, Max: max(n, old.Max)}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		lim = syscall.Rlimit{Cur: old.Max, Max: old.Max}
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			tb.Fatalf("raising RLIMIT_NOFILE from %d to its hard limit %d: %v", old.Cur, old.Max, err)
		}
		tb.Logf("RLIMIT_NOFILE is %d, not the %d asked for: the hard limit cannot be raised without CAP_SYS_RESOURCE (%v)", lim.Cur, n, err)
	}
	tb.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old) })
}

// somaxconnPath caps every listen backlog on Linux.
const somaxconnPath = "/proc/sys/net/core/somaxconn"

// raiseSomaxconn makes sure listen backlogs of n are not capped, writing
// net.core.somaxconn (as root) when it is lower, and restores it when tb
// ends.
func raiseSomaxconn(tb testing.TB, n int) {
	tb.Helper()
	b, err := os.ReadFile(somaxconnPath)
	if err != nil {
		tb.Fatalf("reading the listen backlog cap: %v", err)
	}
	old, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		tb.Fatalf("%s: %v", somaxconnPath, err)
	}
	if old >= n {
		return
	}
	if err := os.WriteFile(somaxconnPath, []byte(strconv.Itoa(n)), 0); err != nil {
		tb.Fatalf("net.core.somaxconn is %d, below the backlog of %d the test needs, and raising it failed: %v (run as root, or sysctl -w net.core.somaxconn=%d)", old, n, err, n)
	}
	tb.Cleanup(func() { os.WriteFile(somaxconnPath, b, 0) })
}

// cpuClock measures the CPU time of the whole process (every thread: the
// benchmark's and the runtime's; the TCP server runs in another process)
// across a benchmark loop.
// On a shared machine, wall time also counts the time the benchmark waited
// for a CPU that other programs held; CPU time does not, so cpu-ns/op stays
// comparable between variants measured seconds apart.
type cpuClock struct{ start int64 }

// startCPU reads the clock; call it just before the b.Loop loop.
func startCPU(b *testing.B) cpuClock { return cpuClock{processCPU(b)} }

// report adds cpu-ns/op to b's results; call it just after the loop.
func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU(b)-c.start)/float64(b.N), "cpu-ns/op")
}

func processCPU(b *testing.B) int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_PROCESS_CPUTIME_ID, &ts); err != nil {
		b.Fatalf("clock_gettime(CLOCK_PROCESS_CPUTIME_ID): %v", err)
	}
	return ts.Nano()
}
