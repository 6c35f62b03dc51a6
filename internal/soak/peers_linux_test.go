package soak

import (
	"errors"
	"net"
	"testing"

	"golang.org/x/sys/unix"
)

// peers are the loopback addresses the ConnectContext calls go to.
type peers struct {
	accepting, closed, silent unix.SockaddrInet4
	listener                  net.Listener
	silentFds                 []int
	done                      chan struct{}
}

func newPeers(t *testing.T) *peers {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &peers{listener: l, done: make(chan struct{}), accepting: sockaddr(l.Addr())}
	go p.accept()
	gone, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.closed = sockaddr(gone.Addr())
	gone.Close()
	p.silent = p.silentListener(t)
	return p
}

// accept accepts and closes connections until the listener closes; with
// descriptors short it drops what it cannot accept.
func (p *peers) accept() {
	defer close(p.done)
	for {
		c, err := p.listener.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err == nil {
			c.Close()
		}
	}
}

// silentListener returns the address of a listener whose backlog (0) one
// connection nobody accepts fills, so SYNs to it go unanswered.
func (p *peers) silentListener(t *testing.T) unix.SockaddrInet4 {
	l, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	p.silentFds = append(p.silentFds, l)
	if err := unix.Bind(l, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(l, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := unix.Getsockname(l)
	addr := *sa.(*unix.SockaddrInet4)
	filler, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	p.silentFds = append(p.silentFds, filler)
	if err := unix.Connect(filler, &addr); err != nil {
		t.Fatal(err)
	}
	return addr
}

// fds is how many descriptors the peers hold.
func (p *peers) fds() int { return 1 + len(p.silentFds) }

func (p *peers) close() {
	p.listener.Close()
	<-p.done
	for _, fd := range p.silentFds {
		unix.Close(fd)
	}
}

func sockaddr(a net.Addr) unix.SockaddrInet4 {
	return unix.SockaddrInet4{Port: a.(*net.TCPAddr).Port, Addr: [4]byte{127, 0, 0, 1}}
}
