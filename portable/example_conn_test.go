//go:build unix || windows

package portable_test

import (
	"fmt"
	"net"
	"time"

	"github.com/connspec/connspec/portable"
)

// Associate a UDP conn from net.ListenUDP with one peer: Write then sends
// to it, and the kernel drops datagrams from anyone else.
func ExampleConnectConn() {
	peer, _ := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	defer peer.Close()
	conn, _ := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	defer conn.Close()

	if err := portable.ConnectConn(conn, peer.LocalAddr()); err != nil {
		fmt.Println(portable.KindOf(err), err)
		return
	}
	conn.Write([]byte("hello"))
	buf := make([]byte, 16)
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, from, _ := peer.ReadFrom(buf)
	fmt.Println(string(buf[:n]), from.String() == conn.LocalAddr().String())
	// Output: hello true
}

// Dissolve the association of a conn from net.DialUDP: it then receives
// from any sender again, and Write, which has no destination any more,
// fails.
func ExampleDisconnectConn() {
	server, _ := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	defer server.Close()
	conn, _ := net.DialUDP("udp4", nil, server.LocalAddr().(*net.UDPAddr))
	defer conn.Close()

	if err := portable.DisconnectConn(conn); err != nil {
		fmt.Println(portable.KindOf(err), err)
		return
	}
	stranger, _ := net.DialUDP("udp4", nil, conn.LocalAddr().(*net.UDPAddr))
	defer stranger.Close()
	stranger.Write([]byte("from a stranger"))
	buf := make([]byte, 32)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, _, err := conn.ReadFrom(buf)
	fmt.Println(string(buf[:n]), err)
	_, err = conn.Write([]byte("to whom?"))
	fmt.Println("write fails:", err != nil)
	// Output:
	// from a stranger <nil>
	// write fails: true
}
