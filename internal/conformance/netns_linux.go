package conformance

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Linux gives the conformance suite network namespaces, signals aimed at
// one thread and per-thread file-system credentials.
const (
	namespacesSupported = true
	threadSignals       = true
	threadCredentials   = true
)

// netns is a named network namespace (ip netns add), so ip -n can
// configure it and setns(2) can enter it.
type netns struct {
	name string
	id   int64
}

var netnsCount atomic.Int64

func newNetns(role string) (*netns, error) {
	n := &netns{name: fmt.Sprintf("connspec-%d-%s", os.Getpid(), role), id: netnsCount.Add(1)}
	if err := ip("netns", "add", n.name); err != nil {
		return nil, err
	}
	if err := ip("-n", n.name, "link", "set", "lo", "up"); err != nil {
		n.remove()
		return nil, err
	}
	return n, nil
}

// veth names this namespace's end of the lab's veth pair (at most 15
// bytes, unique per process).
func (n *netns) veth() string { return fmt.Sprintf("cs%dv%d", os.Getpid()%100000, n.id) }

func (n *netns) remove() { _ = ip("netns", "del", n.name) }

// enter moves the calling thread into the namespace; the caller throws the
// thread away afterwards.
func (n *netns) enter() error {
	f, err := os.Open("/var/run/netns/" + n.name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		return fmt.Errorf("setns %s: %v", n.name, err)
	}
	return nil
}

// do runs fn on an OS thread inside the namespace. Sockets made there
// belong to the namespace for good; the thread itself is thrown away
// afterwards (never unlocked), so no other goroutine runs in it.
func (n *netns) do(fn func() error) error {
	errs := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := n.enter(); err != nil {
			errs <- err
			return
		}
		errs <- fn()
	}()
	return <-errs
}

// socket makes a socket inside the namespace.
func (n *netns) socket(domain, typ int) (fd int, err error) {
	err = n.do(func() error {
		fd, err = unix.Socket(domain, typ|unix.SOCK_CLOEXEC, 0)
		return err
	})
	return fd, err
}

func gettid() int { return unix.Gettid() }

// signalThread sends sig to one thread of this process.
func signalThread(tid int, sig unix.Signal) error { return unix.Tgkill(unix.Getpid(), tid, sig) }

// dropFileCredentials makes the calling thread check file permissions as
// nobody: Linux keeps credentials per thread, and setting the file-system
// uid away from 0 also clears CAP_DAC_OVERRIDE from the thread
// (capabilities(7)). The caller throws the thread away afterwards.
func dropFileCredentials() error {
	unix.Setfsgid(65534)
	unix.Setfsuid(65534)
	// setfsuid returns the previous value; calling it again reads the
	// current one.
	if now, _ := unix.SetfsuidRetUid(-1); now != 65534 {
		return fmt.Errorf("setfsuid did not take (fsuid is %d)", now)
	}
	return nil
}

// shortSynRetries makes a TCP socket give up after one SYN retransmission
// (about 3 s) instead of the default six (about 2 minutes).
func shortSynRetries(fd int) error {
	return unix.SetsockoptInt(fd, unix.IPPROTO_TCP, unix.TCP_SYNCNT, 1)
}

// keepWaiting is how long a scenario waits for a retransmitted SYN.
const keepWaiting = 10 * time.Second
