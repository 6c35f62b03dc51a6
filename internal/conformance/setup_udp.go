//go:build unix

package conformance

import (
	"net"

	"golang.org/x/sys/unix"
)

// udp makes a UDP socket and n peers, one address per step.
func (e *env) udp(domain, n int) (*setup, error) {
	network, host := "udp4", "127.0.0.1"
	if domain == unix.AF_INET6 {
		network, host = "udp6", "[::1]"
	}
	fd, err := e.socket(domain, unix.SOCK_DGRAM)
	if err != nil {
		return nil, err
	}
	st := &setup{fd: fd, addrs: map[int]unix.Sockaddr{}}
	for i := range n {
		c, err := net.ListenPacket(network, host+":0")
		if err != nil {
			return nil, err
		}
		e.onClose(func() { c.Close() })
		a := c.LocalAddr().(*net.UDPAddr)
		sa := sockaddrOf(&net.TCPAddr{IP: a.IP, Port: a.Port})
		if i == 0 {
			st.addr = sa
		}
		st.addrs[i] = sa
	}
	if n > 1 {
		// Steps alternate peers: connect, (dissolve,) connect elsewhere.
		st.addrs[n-1] = st.addrs[1]
	}
	return st, nil
}

// broadcastUDP sets up a UDP connect, in the client namespace, to the
// broadcast address of its subnet, without SO_BROADCAST.
func (e *env) broadcastUDP() (*setup, error) {
	fd, err := e.client.socket(unix.AF_INET, unix.SOCK_DGRAM)
	e.onClose(func() { unix.Close(fd) })
	return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 9, Addr: addrBroadcast}}, err
}
