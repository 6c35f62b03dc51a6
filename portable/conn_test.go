//go:build unix || windows

package portable_test

import (
	"errors"
	"net"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/connspec/connspec/portable"
)

// listenUDP returns a UDP socket on 127.0.0.1, closed when t ends.
func listenUDP(t *testing.T) *net.UDPConn {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// readDatagram reads one datagram on c within a short time; ok is false when
// none arrives.
func readDatagram(t *testing.T, c net.PacketConn) (string, net.Addr, bool) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	defer c.SetReadDeadline(time.Time{})
	buf := make([]byte, 64)
	n, from, err := c.ReadFrom(buf)
	if err != nil {
		return "", nil, false
	}
	return string(buf[:n]), from, true
}

// After ConnectConn a UDP conn writes to its peer and hears only from it;
// after DisconnectConn it hears from anyone again and has no destination.
func TestConnectConnUDP(t *testing.T) {
	c, peer, stranger := listenUDP(t), listenUDP(t), listenUDP(t)
	if err := portable.ConnectConn(c, peer.LocalAddr()); err != nil {
		t.Fatalf("ConnectConn: %v", err)
	}
	if _, err := c.Write([]byte("hello")); err != nil {
		t.Fatalf("Write after ConnectConn: %v", err)
	}
	if got, _, ok := readDatagram(t, peer); !ok || got != "hello" {
		t.Errorf("the peer read %q (%t), want hello", got, ok)
	}
	stranger.WriteTo([]byte("stranger"), c.LocalAddr())
	peer.WriteTo([]byte("peer"), c.LocalAddr())
	if got, _, ok := readDatagram(t, c); !ok || got != "peer" {
		t.Errorf("associated, the conn read %q (%t), want only the peer's datagram", got, ok)
	}

	if err := portable.DisconnectConn(c); err != nil {
		t.Fatalf("DisconnectConn: %v", err)
	}
	stranger.WriteTo([]byte("stranger again"), c.LocalAddr())
	if got, from, ok := readDatagram(t, c); !ok || got != "stranger again" {
		t.Errorf("dissolved, the conn read %q from %v (%t), want the stranger's datagram", got, from, ok)
	}
	if _, err := c.Write([]byte("where to?")); err == nil {
		t.Errorf("Write after DisconnectConn succeeded; a dissolved socket has no destination")
	}
}

// DisconnectConn dissolves the association net.DialUDP made.
func TestDisconnectConnDialUDP(t *testing.T) {
	peer, stranger := listenUDP(t), listenUDP(t)
	c, err := net.DialUDP("udp4", nil, peer.LocalAddr().(*net.UDPAddr))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := portable.DisconnectConn(c); err != nil {
		t.Fatalf("DisconnectConn: %v", err)
	}
	stranger.WriteTo([]byte("hi"), c.LocalAddr())
	if got, _, ok := readDatagram(t, c); !ok || got != "hi" {
		t.Errorf("the dissolved DialUDP conn read %q (%t), want a stranger's datagram", got, ok)
	}
}

// An IPv4 address given to a dual-stack IPv6 conn is its IPv4-mapped
// address, as in package net.
func TestConnectConnDualStack(t *testing.T) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv6unspecified})
	if err != nil {
		t.Skipf("no IPv6: %v", err)
	}
	defer c.Close()
	peer := listenUDP(t)
	if err := portable.ConnectConn(c, peer.LocalAddr()); err != nil {
		t.Fatalf("ConnectConn of an IPv6 conn to %v: %v", peer.LocalAddr(), err)
	}
	if _, err := c.Write([]byte("mapped")); err != nil {
		t.Fatal(err)
	}
	if got, _, ok := readDatagram(t, peer); !ok || got != "mapped" {
		t.Errorf("the peer read %q (%t)", got, ok)
	}
}

// A unixgram conn is associated and dissolved too.
func TestConnectConnUnixgram(t *testing.T) {
	dir := t.TempDir()
	listen := func(name string) *net.UnixConn {
		c, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: filepath.Join(dir, name), Net: "unixgram"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	c, peer, stranger := listen("c"), listen("peer"), listen("stranger")
	if err := portable.ConnectConn(c, peer.LocalAddr()); err != nil {
		t.Fatalf("ConnectConn: %v", err)
	}
	if _, err := c.Write([]byte("to peer")); err != nil {
		t.Fatal(err)
	}
	if got, _, ok := readDatagram(t, peer); !ok || got != "to peer" {
		t.Errorf("the peer read %q (%t)", got, ok)
	}
	if err := portable.DisconnectConn(c); err != nil {
		t.Fatalf("DisconnectConn: %v", err)
	}
	stranger.WriteTo([]byte("anyone"), c.LocalAddr())
	if got, _, ok := readDatagram(t, c); !ok || got != "anyone" {
		t.Errorf("dissolved, the conn read %q (%t)", got, ok)
	}
}

// An ICMP port unreachable after associating shows as a read error that
// KindOf calls Refused.
func TestConnectConnRefusedRead(t *testing.T) {
	c, gone := listenUDP(t), listenUDP(t)
	addr := gone.LocalAddr()
	gone.Close()
	if err := portable.ConnectConn(c, addr); err != nil {
		t.Fatal(err)
	}
	c.Write([]byte("anyone there?"))
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	_, err := c.Read(make([]byte, 8))
	if err == nil {
		t.Fatal("read succeeded from a closed port")
	}
	if k := portable.KindOf(err); k != portable.Refused {
		t.Errorf("KindOf(%v) = %v, want refused", err, k)
	}
}

// Bad calls get an error, never a panic, and leave the conn working.
func TestConnectConnRefusesBadCalls(t *testing.T) {
	udp := listenUDP(t)
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tcp, err := net.Dial("tcp4", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	closed := listenUDP(t)
	closed.Close()
	var nilConn *net.UDPConn
	var nilAddr *net.UDPAddr
	unixAddr := &net.UnixAddr{Name: "/tmp/x.sock", Net: "unixgram"}
	v6 := &net.UDPAddr{IP: net.IPv6loopback, Port: 9}
	cases := []struct {
		name string
		err  error
		kind portable.Kind
		is   error
	}{
		{"stream conn", portable.ConnectConn(tcp.(*net.TCPConn), udp.LocalAddr()), portable.Unsupported, nil},
		{"stream conn dissolved", portable.DisconnectConn(tcp.(*net.TCPConn)), portable.Unsupported, nil},
		{"AF_UNIX address on a UDP conn", portable.ConnectConn(udp, unixAddr), portable.FamilyNotSupported, nil},
		{"IPv6 address on an IPv4 conn", portable.ConnectConn(udp, v6), portable.FamilyNotSupported, nil},
		{"nil address", portable.ConnectConn(udp, nil), portable.InvalidAddress, nil},
		{"typed nil address", portable.ConnectConn(udp, nilAddr), portable.InvalidAddress, nil},
		{"port 0", portable.ConnectConn(udp, &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}), portable.InvalidAddress, nil},
		{"nil conn", portable.ConnectConn(nil, udp.LocalAddr()), portable.BadDescriptor, nil},
		{"typed nil conn", portable.DisconnectConn(nilConn), portable.BadDescriptor, nil},
		{"closed conn", portable.ConnectConn(closed, udp.LocalAddr()), portable.BadDescriptor, net.ErrClosed},
		{"closed conn dissolved", portable.DisconnectConn(closed), portable.BadDescriptor, net.ErrClosed},
	}
	for _, c := range cases {
		var pe *portable.Error
		if !errors.As(c.err, &pe) || pe.Kind != c.kind {
			t.Errorf("%s: %v, want an *Error of kind %v", c.name, c.err, c.kind)
		}
		if c.is != nil && !errors.Is(c.err, c.is) {
			t.Errorf("%s: %v does not wrap %v", c.name, c.err, c.is)
		}
	}
	// The stream conn still works.
	if _, err := tcp.Write([]byte("still here")); err != nil {
		t.Errorf("the TCP conn broke: %v", err)
	}
}

// DisconnectConn on a *net.UDPConn allocates nothing.
func TestDisconnectConnDoesNotAllocate(t *testing.T) {
	c := listenUDP(t)
	if n := testing.AllocsPerRun(100, func() { portable.DisconnectConn(c) }); n != 0 {
		t.Errorf("DisconnectConn allocates %v times a call, want 0", n)
	}
}

// A syscall.Conn other than package net's conns works too.
func TestConnectConnAnySyscallConn(t *testing.T) {
	c, peer := listenUDP(t), listenUDP(t)
	wrapped := struct{ syscall.Conn }{c}
	if err := portable.ConnectConn(wrapped, peer.LocalAddr()); err != nil {
		t.Fatalf("ConnectConn through a wrapper: %v", err)
	}
	if err := portable.DisconnectConn(wrapped); err != nil {
		t.Fatalf("DisconnectConn through a wrapper: %v", err)
	}
}
