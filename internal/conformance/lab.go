//go:build unix

package conformance

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"golang.org/x/sys/unix"
)

// needs is what a scenario needs from the machine beyond loopback.
type needs uint8

const (
	// needNetns: network namespaces the run creates (Linux, root, and the
	// ip command of iproute2).
	needNetns needs = 1 << iota
	// needThreadSignals: a signal sent to one thread (Linux tgkill).
	needThreadSignals
	// needOtherUser: a connect made without root's permissions (on Linux
	// as root, one thread drops its file-system uid).
	needOtherUser
	// needIPv6: ::1 on loopback.
	needIPv6
)

// lab holds what scenarios share: the scratch directory and the network
// namespaces, made on first use and removed by close.
type lab struct {
	dir string

	once    sync.Once
	nsErr   error
	routes  *netns // lo, plus unreachable, prohibit, blackhole and throw routes
	client  *netns // one end of a veth pair, 10.77.0.1/24
	server  *netns // the other end, 10.77.0.2/24, which drops its replies
	ports   *netns // lo, with two ephemeral ports
	removes []func()
}

// Addresses inside the namespaces.
var (
	addrNoRoute     = [4]byte{10, 99, 0, 1}
	addrUnreachable = [4]byte{10, 98, 0, 1}
	addrProhibit    = [4]byte{10, 97, 0, 1}
	addrBlackhole   = [4]byte{10, 96, 0, 1}
	addrThrow       = [4]byte{10, 95, 0, 1}
	addrServer      = [4]byte{10, 77, 0, 2}
	addrBroadcast   = [4]byte{10, 77, 0, 255}
)

func newLab(dir string) *lab { return &lab{dir: dir} }

// check says why a scenario with needs n cannot run here, or nil.
func (l *lab) check(n needs) error {
	if n&needNetns != 0 {
		if err := l.namespaces(); err != nil {
			return err
		}
	}
	if n&needThreadSignals != 0 && !threadSignals {
		return errors.New("needs signals aimed at one thread (Linux tgkill)")
	}
	if n&needOtherUser != 0 && os.Geteuid() == 0 && !threadCredentials {
		return errors.New("needs to connect without root's permissions: run as another user, or on Linux")
	}
	if n&needIPv6 != 0 {
		fd, err := unix.Socket(unix.AF_INET6, unix.SOCK_STREAM, 0)
		if err != nil {
			return fmt.Errorf("needs IPv6: %v", err)
		}
		defer unix.Close(fd)
		if err := unix.Bind(fd, &unix.SockaddrInet6{Addr: [16]byte{15: 1}}); err != nil {
			return fmt.Errorf("needs ::1 on loopback: %v", err)
		}
	}
	return nil
}

// namespaces makes the lab's network namespaces, once.
func (l *lab) namespaces() error {
	l.once.Do(func() { l.nsErr = l.makeNamespaces() })
	return l.nsErr
}

func (l *lab) makeNamespaces() error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to create network namespaces")
	}
	if !namespacesSupported {
		return errors.New("needs Linux network namespaces")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return errors.New("needs the ip command (iproute2) to configure network namespaces")
	}
	var err error
	newNS := func(role string) *netns {
		if err != nil {
			return nil
		}
		var n *netns
		n, err = newNetns(role)
		if n != nil {
			l.removes = append(l.removes, n.remove)
		}
		return n
	}
	l.routes, l.client, l.server, l.ports = newNS("routes"), newNS("client"), newNS("server"), newNS("ports")
	if err != nil {
		return err
	}
	steps := [][]string{
		// No default route: anything else is unreachable by lack of a
		// route; and one route of each special type.
		{"-n", l.routes.name, "route", "add", "unreachable", "10.98.0.0/16"},
		{"-n", l.routes.name, "route", "add", "prohibit", "10.97.0.0/16"},
		{"-n", l.routes.name, "route", "add", "blackhole", "10.96.0.0/16"},
		{"-n", l.routes.name, "route", "add", "throw", "10.95.0.0/16"},
		// A veth pair whose server end answers nothing: its replies to
		// the client hit a blackhole route, so SYNs go unanswered.
		{"link", "add", l.client.veth(), "type", "veth", "peer", "name", l.server.veth()},
		{"link", "set", l.client.veth(), "netns", l.client.name},
		{"link", "set", l.server.veth(), "netns", l.server.name},
		{"-n", l.client.name, "addr", "add", "10.77.0.1/24", "broadcast", "10.77.0.255", "dev", l.client.veth()},
		{"-n", l.server.name, "addr", "add", "10.77.0.2/24", "dev", l.server.veth()},
		{"-n", l.client.name, "link", "set", l.client.veth(), "up"},
		{"-n", l.server.name, "link", "set", l.server.veth(), "up"},
		{"-n", l.server.name, "route", "add", "blackhole", "10.77.0.1/32"},
	}
	for _, args := range steps {
		if err := ip(args...); err != nil {
			return err
		}
	}
	// Two ephemeral ports, so a third connect to one destination finds
	// none free.
	return l.ports.do(func() error {
		return os.WriteFile("/proc/sys/net/ipv4/ip_local_port_range", []byte("40000 40001"), 0)
	})
}

// close removes the namespaces.
func (l *lab) close() {
	for i := len(l.removes) - 1; i >= 0; i-- {
		l.removes[i]()
	}
}

// scenario returns a fresh environment for one scenario.
func (l *lab) scenario() *env { return &env{lab: l} }

// env holds one scenario's resources until it ends.
type env struct {
	*lab
	cleanups
}

func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %v: %v: %s", args, err, out)
	}
	return nil
}
