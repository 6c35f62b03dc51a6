//go:build unix

package conformance

import (
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// socket makes a socket the scenario closes.
func (e *env) socket(domain, typ int) (int, error) {
	fd, err := newSocket(domain, typ)
	if err != nil {
		return -1, err
	}
	e.onClose(func() { unix.Close(fd) })
	return fd, nil
}

// newSocket makes a close-on-exec socket (in two steps: darwin has no
// SOCK_CLOEXEC).
func newSocket(domain, typ int) (int, error) {
	fd, err := unix.Socket(domain, typ, 0)
	if err == nil {
		unix.CloseOnExec(fd)
	}
	return fd, err
}

// tcp4 and tcp6 set up a TCP connect to addr, which another setup made
// (or failed to: err).
func (e *env) tcp4(addr unix.Sockaddr, err error) (*setup, error) {
	return e.tcpToMade(unix.AF_INET, addr, err)
}

func (e *env) tcp6(addr unix.Sockaddr, err error) (*setup, error) {
	return e.tcpToMade(unix.AF_INET6, addr, err)
}

func (e *env) tcpToMade(domain int, addr unix.Sockaddr, err error) (*setup, error) {
	if err != nil {
		return nil, err
	}
	return e.tcpTo(domain, addr)
}

// waitWritableBefore makes step i wait until the socket is writable, as a
// caller's own poller would before Finish.
func (e *env) waitWritableBefore(i int) func(*setup, error) (*setup, error) {
	return func(st *setup, err error) (*setup, error) {
		if err != nil {
			return nil, err
		}
		st.before = map[int]func() error{i: func() error { return waitWritable(st.fd) }}
		return st, nil
	}
}

func waitWritable(fd int) error {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
	for deadline := time.Now().Add(keepWaiting); time.Now().Before(deadline); {
		n, err := unix.Poll(fds, int(keepWaiting/time.Millisecond))
		if err == unix.EINTR {
			continue
		}
		if n > 0 || err != nil {
			return err
		}
	}
	return fmt.Errorf("fd %d did not become writable in %v", fd, keepWaiting)
}

// listenTCP listens on loopback and accepts (and holds) connections until
// the scenario ends.
func (e *env) listenTCP(network string) (unix.Sockaddr, error) {
	l, err := listenLoopback(network)
	if err != nil {
		return nil, err
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	e.onClose(func() {
		l.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return sockaddrOf(l.Addr().(*net.TCPAddr)), nil
}

// closedPort returns a loopback port nobody listens on: one a listener
// just had.
func (e *env) closedPort(network string) (unix.Sockaddr, error) {
	l, err := listenLoopback(network)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return sockaddrOf(l.Addr().(*net.TCPAddr)), nil
}

// listenLoopback listens on an ephemeral port of 127.0.0.1 (tcp4) or ::1
// (tcp6).
func listenLoopback(network string) (net.Listener, error) {
	if network == "tcp6" {
		return net.Listen(network, "[::1]:0")
	}
	return net.Listen(network, "127.0.0.1:0")
}

func sockaddrOf(a *net.TCPAddr) unix.Sockaddr {
	if ip4 := a.IP.To4(); ip4 != nil {
		return &unix.SockaddrInet4{Port: a.Port, Addr: [4]byte(ip4)}
	}
	return &unix.SockaddrInet6{Port: a.Port, Addr: [16]byte(a.IP.To16())}
}

// listenRaw binds and listens on sa's family.
func listenRaw(domain int, sa unix.Sockaddr, backlog int) (int, *unix.SockaddrInet4, error) {
	l, err := newSocket(domain, unix.SOCK_STREAM)
	if err != nil {
		return -1, nil, err
	}
	if err := unix.Bind(l, sa); err != nil {
		unix.Close(l)
		return -1, nil, err
	}
	if err := unix.Listen(l, backlog); err != nil {
		unix.Close(l)
		return -1, nil, err
	}
	got, err := unix.Getsockname(l)
	if err != nil {
		unix.Close(l)
		return -1, nil, err
	}
	return l, got.(*unix.SockaddrInet4), nil
}

// silent is a loopback listener whose accept queue (backlog 0) is full, so
// the kernel drops SYNs to it (Linux tcp_conn_request) until drained.
type silent struct {
	l, filler int
	addr      *unix.SockaddrInet4
	accepted  []int
}

func (e *env) silentListener() (*unix.SockaddrInet4, error) {
	sl, err := e.newSilent()
	if err != nil {
		return nil, err
	}
	return sl.addr, nil
}

func (e *env) newSilent() (*silent, error) {
	l, addr, err := listenRaw(unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}, 0)
	if err != nil {
		return nil, err
	}
	sl := &silent{l: l, filler: -1, addr: addr}
	e.onClose(sl.close)
	if sl.filler, err = newSocket(unix.AF_INET, unix.SOCK_STREAM); err != nil {
		return nil, err
	}
	if err := unix.Connect(sl.filler, addr); err != nil {
		return nil, fmt.Errorf("filling the accept queue: %v", err)
	}
	return sl, nil
}

// drain accepts the filler, making room: the next retransmission of a
// waiting SYN (after about a second) completes its handshake.
func (sl *silent) drain() error {
	fd, _, err := unix.Accept(sl.l)
	if err != nil {
		return err
	}
	sl.accepted = append(sl.accepted, fd)
	return nil
}

// close closes the listener, so the next retransmitted SYN meets a RST.
func (sl *silent) close() {
	for _, fd := range append(sl.accepted, sl.filler, sl.l) {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
	sl.accepted, sl.filler, sl.l = nil, -1, -1
}
