//go:build unix

package conformance

import (
	"fmt"
	"os"
	"os/signal"
	"time"

	"golang.org/x/sys/unix"
)

// interrupted sets up a blocking connect to a silent listener that a
// signal interrupts; once the recorder saw the interruption, after runs.
// SO_SNDTIMEO makes Linux answer EINTR even though Go's signal handlers
// have SA_RESTART (sock_intr_errno).
func (e *env) interrupted(after func(*silent) error) (*setup, error) {
	sl, err := e.newSilent()
	if err != nil {
		return nil, err
	}
	fd, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	tv := unix.NsecToTimeval((30 * time.Second).Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_SNDTIMEO, &tv); err != nil {
		return nil, err
	}
	sigs := make(chan os.Signal, 64)
	signal.Notify(sigs, unix.SIGUSR1)
	e.onClose(func() { signal.Stop(sigs) })
	st := &setup{fd: fd, addr: sl.addr}
	st.during = map[int]func(int, *Recorder){0: func(tid int, rec *Recorder) {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		timeout := time.After(keepWaiting)
		for {
			select {
			case <-rec.Interrupted():
				if err := after(sl); err != nil {
					panic(err)
				}
				return
			case <-timeout:
				// No interruption: unblock the connect and let the
				// comparison report the missing EINTR.
				sl.close()
				return
			case <-tick.C:
				signalThread(tid, unix.SIGUSR1)
			}
		}
	}}
	return st, nil
}

func (e *env) inRoutes(typ int, addr [4]byte) (*setup, error) {
	fd, err := e.routes.socket(unix.AF_INET, typ)
	if err != nil {
		return nil, err
	}
	e.onClose(func() { unix.Close(fd) })
	return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 80, Addr: addr}}, nil
}

// closeSilent closes a silent listener, so the next retransmitted SYN
// meets a RST.
func closeSilent(sl *silent) error {
	sl.close()
	return nil
}

// unansweredSYN sets up a blocking connect, from the client namespace, to
// a server that never answers, with few SYN retries.
func (e *env) unansweredSYN() (*setup, error) {
	fd, err := e.client.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	e.onClose(func() { unix.Close(fd) })
	if err := shortSynRetries(fd); err != nil {
		return nil, err
	}
	return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 80, Addr: addrServer}}, nil
}

// pendingAgain sets up two nonblocking connects to a silent listener that
// lets the SYN through only after both saw the attempt pending.
func (e *env) pendingAgain() (*setup, error) {
	sl, err := e.newSilent()
	if err != nil {
		return nil, err
	}
	st, err := e.tcp4(sl.addr, nil)
	if err != nil {
		return nil, err
	}
	st.before = map[int]func() error{2: func() error {
		if err := sl.drain(); err != nil {
			return err
		}
		return waitWritable(st.fd)
	}}
	return st, nil
}

// ephemeralExhausted uses up the two ephemeral ports of the ports
// namespace towards one listener, then sets up a third connect there.
func (e *env) ephemeralExhausted() (*setup, error) {
	var l, first, second, fd int
	var addr *unix.SockaddrInet4
	err := e.ports.do(func() (err error) {
		// The listener takes a fixed port, not one of the two.
		if l, addr, err = listenRaw(unix.AF_INET, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}}, 16); err != nil {
			return err
		}
		for _, p := range []*int{&first, &second} {
			if *p, err = newSocket(unix.AF_INET, unix.SOCK_STREAM); err != nil {
				return err
			}
			if err := unix.Connect(*p, addr); err != nil {
				return fmt.Errorf("using up the two ephemeral ports: %v", err)
			}
		}
		fd, err = newSocket(unix.AF_INET, unix.SOCK_STREAM)
		return err
	})
	e.onClose(func() {
		for _, x := range []int{fd, second, first, l} {
			unix.Close(x)
		}
	})
	if err != nil {
		return nil, err
	}
	return &setup{fd: fd, addr: addr}, nil
}

// fourTupleInUse binds a second socket to the local address and port of
// one already connected to a listener, with SO_REUSEADDR, to connect to
// the same listener.
func (e *env) fourTupleInUse() (*setup, error) {
	dest, err := e.listenTCP("tcp4")
	if err != nil {
		return nil, err
	}
	first, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	unix.SetsockoptInt(first, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(first, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return nil, err
	}
	local, _ := unix.Getsockname(first)
	if err := unix.Connect(first, dest); err != nil {
		return nil, err
	}
	fd, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
	if err != nil {
		return nil, err
	}
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if err := unix.Bind(fd, local); err != nil {
		return nil, fmt.Errorf("binding a second socket to %v: %v", local, err)
	}
	return &setup{fd: fd, addr: dest}, nil
}

// connectAny sets up a connect to 0.0.0.0 on the port of a loopback
// listener.
func (e *env) connectAny() (*setup, error) {
	addr, err := e.listenTCP("tcp4")
	if err != nil {
		return nil, err
	}
	return e.tcp4(&unix.SockaddrInet4{Port: addr.(*unix.SockaddrInet4).Port}, nil)
}
