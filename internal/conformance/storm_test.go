//go:build unix

package conformance

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/portable"
)

// TestSignalStorm makes thousands of blocking and nonblocking connects
// while another goroutine keeps signalling the threads that make them with
// a signal the process handles. No EINTR may reach a caller, and every
// connect reported successful must really be connected. Some connects go
// to listeners that hold the SYN for a second, so the signals land while
// connect(2) sleeps: SO_SNDTIMEO makes Linux answer EINTR then, despite Go's
// SA_RESTART, and the test checks the kernel did interrupt connects.
func TestSignalStorm(t *testing.T) {
	if !threadSignals {
		t.Skip("the storm aims signals at the connecting threads, which needs Linux tgkill")
	}
	const (
		workers     = 16
		fastPerWork = 250 // connects to a listener that answers at once
		slowPerWork = 2   // connects to a listener that holds the SYN
	)
	sigs := make(chan os.Signal, 1024)
	signal.Notify(sigs, unix.SIGUSR1)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
		}
	}()

	e := newLab(scratchDir(t)).scenario()
	defer e.end()
	fast, err := e.acceptingListener()
	if err != nil {
		t.Fatal(err)
	}
	slow, err := e.newSilent()
	if err != nil {
		t.Fatal(err)
	}
	// Let a held SYN through about a second later, on its retransmission.
	stopDrain := make(chan struct{})
	var drainWG sync.WaitGroup
	drainWG.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stopDrain:
				return
			case <-tick.C:
				unix.SetNonblock(slow.l, true)
				for slow.drain() == nil {
				}
			}
		}
	})

	rec := NewRecorder()
	c := engine.New(rec, engine.HostTable, runtime.GOOS)
	var (
		tids                             sync.Map
		connects, successes, noPeer, bad atomic.Int64
		firstProblem                     atomic.Value
	)
	problem := func(format string, args ...any) {
		bad.Add(1)
		firstProblem.CompareAndSwap(nil, fmt.Sprintf(format, args...))
	}
	check := func(fd int, err error) {
		connects.Add(1)
		switch {
		case errors.Is(err, unix.EINTR):
			problem("EINTR reached the caller: %v", err)
		case err != nil:
			problem("connect failed: %v", err)
		default:
			successes.Add(1)
			if _, perr := unix.Getpeername(fd); perr != nil {
				noPeer.Add(1)
				problem("success reported without a peer: %v", perr)
			}
		}
	}
	sndtimeo := unix.NsecToTimeval((30 * time.Second).Nanoseconds())

	var workWG sync.WaitGroup
	for w := range workers {
		workWG.Go(func() {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			tids.Store(gettid(), true)
			defer tids.Delete(gettid())
			// x/sys/unix encodes a Sockaddr in place, so each worker has
			// its own.
			fast, slowAddr := *fast, *slow.addr
			for i := range fastPerWork + slowPerWork {
				fd, err := newSocket(unix.AF_INET, unix.SOCK_STREAM)
				if err != nil {
					problem("socket: %v", err)
					return
				}
				unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_SNDTIMEO, &sndtimeo)
				switch {
				case i < slowPerWork:
					check(fd, c.Connect(fd, &slowAddr))
				case (i+w)%3 == 0:
					check(fd, c.Connect(fd, &fast))
				case (i+w)%3 == 1:
					unix.SetNonblock(fd, true)
					err := c.Connect(fd, &fast)
					for err == portable.ErrInProgress {
						waitWritable(fd)
						err = c.Finish(fd)
					}
					check(fd, err)
				default:
					ctx, cancel := context.WithTimeout(context.Background(), keepWaiting)
					check(fd, c.ConnectContext(ctx, fd, &fast))
					cancel()
				}
				unix.Close(fd)
			}
		})
	}
	stopSignals := make(chan struct{})
	var sent atomic.Int64
	var signalWG sync.WaitGroup
	signalWG.Go(func() {
		for {
			select {
			case <-stopSignals:
				return
			default:
			}
			tids.Range(func(tid, _ any) bool {
				if signalThread(tid.(int), unix.SIGUSR1) == nil {
					sent.Add(1)
				}
				return true
			})
			time.Sleep(100 * time.Microsecond)
		}
	})
	workWG.Wait()
	close(stopSignals)
	signalWG.Wait()
	close(stopDrain)
	drainWG.Wait()

	t.Logf("%d connects (%d blocking ones held for a second), %d signals sent, %d connects interrupted in the kernel, %d successes, %d problems",
		connects.Load(), workers*slowPerWork, sent.Load(), rec.Interrupts(), successes.Load(), bad.Load())
	if bad.Load() > 0 {
		t.Errorf("%d problems; the first: %v", bad.Load(), firstProblem.Load())
	}
	if want := int64(workers * (fastPerWork + slowPerWork)); connects.Load() != want {
		t.Errorf("%d connects made, want %d", connects.Load(), want)
	}
	if rec.Interrupts() == 0 {
		t.Errorf("no connect was interrupted: the storm tested nothing")
	}
}

// acceptingListener listens on loopback with a deep backlog and accepts
// and closes connections until the scenario ends.
func (e *env) acceptingListener() (*unix.SockaddrInet4, error) {
	l, addr, err := listenRaw(unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}, 4096)
	if err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			fd, _, err := unix.Accept(l)
			if err == unix.EINTR || err == unix.ECONNABORTED {
				continue
			}
			if err != nil {
				return
			}
			unix.Close(fd)
		}
	}()
	e.onClose(func() {
		unix.Shutdown(l, unix.SHUT_RDWR)
		unix.Close(l)
		<-done
	})
	return addr, nil
}
