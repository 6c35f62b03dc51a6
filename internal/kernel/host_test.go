//go:build unix

package kernel_test

import (
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
)

// udpPair returns a UDP socket and the loopback address of another one.
func udpPair(t *testing.T) (int, *unix.SockaddrInet4) {
	t.Helper()
	var fds [2]int
	for i := range fds {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { unix.Close(fd) })
		fds[i] = fd
	}
	if err := unix.Bind(fds[1], &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := unix.Getsockname(fds[1])
	if err != nil {
		t.Fatal(err)
	}
	return fds[0], sa.(*unix.SockaddrInet4)
}

// Host answers in the spec's terms, from the kernel.
func TestHost(t *testing.T) {
	var h kernel.Host
	fd, peer := udpPair(t)
	if typ, err := h.SocketType(fd); typ != rules.SocketTypeDgram || err != nil {
		t.Errorf("SocketType = %v, %v; want dgram", typ, err)
	}
	if fam, err := h.SocketFamily(fd); fam != rules.FamilyInet || err != nil {
		t.Errorf("SocketFamily = %v, %v; want inet", fam, err)
	}
	if has, err := h.HasPeer(fd); has || err != nil {
		t.Errorf("HasPeer before connecting = %v, %v; want false", has, err)
	}
	if err := h.Connect(fd, peer); err != nil {
		t.Fatal(err)
	}
	if has, err := h.HasPeer(fd); !has || err != nil {
		t.Errorf("HasPeer after connecting = %v, %v; want true", has, err)
	}
	if has, err := h.HasPeer(-1); has || err != unix.EBADF {
		t.Errorf("HasPeer(-1) = %v, %v; want EBADF", has, err)
	}
	f, err := unix.Open(t.TempDir(), unix.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(f)
	if typ, err := h.SocketType(f); typ != rules.SocketTypeNone || err != nil {
		t.Errorf("SocketType of a directory = %v, %v; want none", typ, err)
	}
}

// The system calls of the success paths allocate nothing: getpeername and
// getsockname read into buffers on the stack, the dissolve address is on
// the stack too.
func TestHostDoesNotAllocate(t *testing.T) {
	var h kernel.Host
	fd, peer := udpPair(t)
	if err := h.Connect(fd, peer); err != nil {
		t.Fatal(err)
	}
	calls := map[string]func(){
		"HasPeer":      func() { h.HasPeer(fd) },
		"SocketFamily": func() { h.SocketFamily(fd) },
		"SocketType":   func() { h.SocketType(fd) },
		"Connect":      func() { h.Connect(fd, peer) },
		"Dissolve":     func() { h.Dissolve(fd, rules.DissolveMethodAFUnspec, 16) },
	}
	for name, call := range calls {
		if n := testing.AllocsPerRun(100, call); n != 0 {
			t.Errorf("%s allocates %v times a call, want 0", name, n)
		}
	}
}

// Dissolving an association leaves the socket without a peer.
func TestHostDissolve(t *testing.T) {
	var h kernel.Host
	for _, method := range []rules.DissolveMethod{rules.DissolveMethodAFUnspec, rules.DissolveMethodZeroAddress} {
		fd, peer := udpPair(t)
		if err := h.Connect(fd, peer); err != nil {
			t.Fatal(err)
		}
		err := h.Dissolve(fd, method, 16)
		has, perr := h.HasPeer(fd)
		t.Logf("%s: connect answered %v; getpeername: peer %v, %v", method, err, has, perr)
		if method == rules.DissolveMethodAFUnspec && (err != nil || has) {
			t.Errorf("%s: %v, peer %v; Linux dissolves and answers 0", method, err, has)
		}
	}
}
