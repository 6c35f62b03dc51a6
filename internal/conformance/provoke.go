package conformance

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// setup is a scenario ready to run: the socket, the address, and what must
// happen around the steps.
type setup struct {
	fd   int
	addr unix.Sockaddr
	// addrs overrides addr for some steps (by index).
	addrs map[int]unix.Sockaddr
	// before runs before a step.
	before map[int]func() error
	// during runs while a step blocks, given the step's thread.
	during map[int]func(tid int, rec *Recorder)
	// prepare runs on the step's own thread just before it; the thread is
	// thrown away afterwards.
	prepare map[int]func() error
}

// provoker makes a scenario happen.
type provoker struct {
	needs needs
	setup func(e *env) (*setup, error)
}

// provokers holds every scenario this package can provoke, by name.
var provokers = map[string]provoker{
	"tcp-connected":  {setup: func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	"tcp6-connected": {needs: needIPv6, setup: func(e *env) (*setup, error) { return e.tcp6(e.listenTCP("tcp6")) }},
	"tcp-refused":    {setup: func(e *env) (*setup, error) { return e.tcp4(e.closedPort("tcp4")) }},
	"tcp6-refused":   {needs: needIPv6, setup: func(e *env) (*setup, error) { return e.tcp6(e.closedPort("tcp6")) }},
	"tcp-refused-nonblocking": {setup: func(e *env) (*setup, error) {
		return e.waitWritableBefore(1)(e.tcp4(e.closedPort("tcp4")))
	}},
	"tcp-net-unreachable":  {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrNoRoute) }},
	"tcp-host-unreachable": {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrUnreachable) }},
	"tcp-prohibited":       {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrProhibit) }},
	"tcp-blackhole":        {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrBlackhole) }},
	"tcp-throw-route":      {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrThrow) }},
	"tcp-timeout": {needs: needNetns, setup: func(e *env) (*setup, error) {
		fd, err := e.client.socket(unix.AF_INET, unix.SOCK_STREAM)
		if err != nil {
			return nil, err
		}
		e.onClose(func() { unix.Close(fd) })
		if err := shortSynRetries(fd); err != nil {
			return nil, err
		}
		return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 80, Addr: addrServer}}, nil
	}},
	"tcp-deadline": {setup: func(e *env) (*setup, error) { return e.tcp4(e.silentListener()) }},
	"tcp-canceled": {setup: func(e *env) (*setup, error) { return e.tcp4(e.silentListener()) }},
	"already-connected": {setup: func(e *env) (*setup, error) {
		return e.tcp4(e.listenTCP("tcp4"))
	}},
	"tcp-in-progress": {setup: func(e *env) (*setup, error) {
		return e.waitWritableBefore(1)(e.tcp4(e.listenTCP("tcp4")))
	}},
	"tcp-pending-again": {setup: func(e *env) (*setup, error) {
		sl, err := e.newSilent()
		if err != nil {
			return nil, err
		}
		st, err := e.tcp4(sl.addr, nil)
		if err != nil {
			return nil, err
		}
		// Let the SYN through only after both connects saw it pending.
		st.before = map[int]func() error{2: func() error {
			if err := sl.drain(); err != nil {
				return err
			}
			return waitWritable(st.fd)
		}}
		return st, nil
	}},
	"connect-after-completion": {setup: func(e *env) (*setup, error) {
		return e.waitWritableBefore(1)(e.tcp4(e.listenTCP("tcp4")))
	}},
	"tcp-ephemeral-exhausted": {needs: needNetns, setup: func(e *env) (*setup, error) {
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
	}},
	"tcp-four-tuple-in-use": {setup: func(e *env) (*setup, error) {
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
	}},
	"tcp-connect-any": {setup: func(e *env) (*setup, error) {
		addr, err := e.listenTCP("tcp4")
		if err != nil {
			return nil, err
		}
		st, err := e.tcp4(&unix.SockaddrInet4{Port: addr.(*unix.SockaddrInet4).Port}, nil)
		return st, err
	}},
	"wrong-family": {setup: func(e *env) (*setup, error) {
		fd, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
		return &setup{fd: fd, addr: &unix.SockaddrInet6{Port: 80, Addr: [16]byte{15: 1}}}, err
	}},
	"eintr-then-connected": {needs: needThreadSignals, setup: func(e *env) (*setup, error) {
		return e.interrupted(func(sl *silent) error { return sl.drain() })
	}},
	"eintr-then-refused": {needs: needThreadSignals, setup: func(e *env) (*setup, error) {
		return e.interrupted(func(sl *silent) error { sl.close(); return nil })
	}},
	"context-connected": {setup: func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	"context-refused":   {setup: func(e *env) (*setup, error) { return e.tcp4(e.closedPort("tcp4")) }},
	"udp-connected":     {setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	"udp6-connected":    {needs: needIPv6, setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET6, 1) }},
	"udp-broadcast-denied": {needs: needNetns, setup: func(e *env) (*setup, error) {
		fd, err := e.client.socket(unix.AF_INET, unix.SOCK_DGRAM)
		e.onClose(func() { unix.Close(fd) })
		return &setup{fd: fd, addr: &unix.SockaddrInet4{Port: 9, Addr: addrBroadcast}}, err
	}},
	"udp-net-unreachable":      {needs: needNetns, setup: func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_DGRAM, addrNoRoute) }},
	"udp-reconnect":            {setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 2) }},
	"udp-dissolve":             {setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	"udp6-dissolve":            {needs: needIPv6, setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET6, 1) }},
	"udp-dissolve-unconnected": {setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	"udp-dissolve-reconnect":   {setup: func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 3) }},
	"tcp-dissolve":             {setup: func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	"bad-fd": {setup: func(e *env) (*setup, error) {
		// Closed just before the step, so nothing can reuse the number.
		st := &setup{fd: -1, addr: &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}}}
		st.before = map[int]func() error{0: func() error {
			fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
			st.fd = fd
			unix.Close(fd)
			return err
		}}
		return st, nil
	}},
	"not-a-socket":            {setup: (*env).regularFileFd},
	"negative-fd":             {setup: func(e *env) (*setup, error) { return &setup{fd: -1, addr: &unix.SockaddrInet4{Port: 9}}, nil }},
	"nil-address":             {setup: func(e *env) (*setup, error) { return e.tcp4(nil, nil) }},
	"port-out-of-range":       {setup: func(e *env) (*setup, error) { return e.tcp4(&unix.SockaddrInet4{Port: 70000}, nil) }},
	"disconnect-negative-fd":  {setup: func(e *env) (*setup, error) { return &setup{fd: -1}, nil }},
	"disconnect-not-a-socket": {setup: (*env).regularFileFd},
	"unix-connected":          {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unix")) }},
	"unix-dgram-connected":    {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_DGRAM)(e.listenUnix("unixgram")) }},
	"unix-context-connected":  {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unix")) }},
	"unix-dgram-dissolve":     {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_DGRAM)(e.listenUnix("unixgram")) }},
	"unix-not-found": {setup: func(e *env) (*setup, error) {
		return e.unixTo(unix.SOCK_STREAM)(filepath.Join(e.dir, "missing.sock"), nil)
	}},
	"unix-not-directory": {setup: func(e *env) (*setup, error) {
		file, err := e.regularFile()
		return e.unixTo(unix.SOCK_STREAM)(filepath.Join(file, "s.sock"), err)
	}},
	"unix-path-loop": {setup: func(e *env) (*setup, error) {
		loop := filepath.Join(e.dir, "loop")
		err := os.Symlink("loop", loop)
		return e.unixTo(unix.SOCK_STREAM)(loop, err)
	}},
	"unix-not-a-socket": {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.regularFile()) }},
	"unix-no-listener": {setup: func(e *env) (*setup, error) {
		// A socket file whose socket is gone.
		path := filepath.Join(e.dir, "gone.sock")
		fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err == nil {
			err = unix.Bind(fd, &unix.SockaddrUnix{Name: path})
			unix.Close(fd)
		}
		return e.unixTo(unix.SOCK_STREAM)(path, err)
	}},
	"unix-wrong-type": {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unixgram")) }},
	"unix-backlog-full": {setup: func(e *env) (*setup, error) {
		return e.unixTo(unix.SOCK_STREAM)(e.fullUnixBacklog())
	}},
	"unix-backlog-full-context": {setup: func(e *env) (*setup, error) {
		return e.unixTo(unix.SOCK_STREAM)(e.fullUnixBacklog())
	}},
	"unix-permission": {needs: needOtherUser, setup: func(e *env) (*setup, error) {
		path, err := e.listenUnix("unix")
		if err == nil {
			// Readable by all, writable by its owner only, in a directory
			// anyone may search: only the write check can fail.
			err = errors.Join(os.Chmod(path, 0o644), os.Chmod(filepath.Dir(path), 0o755))
		}
		st, err := e.unixTo(unix.SOCK_STREAM)(path, err)
		if err == nil && os.Geteuid() == 0 {
			st.prepare = map[int]func() error{0: dropFileCredentials}
		}
		return st, err
	}},
	"unix-abstract": {setup: func(e *env) (*setup, error) {
		name := fmt.Sprintf("@connspec-conformance-%d", os.Getpid())
		l, err := net.Listen("unix", name)
		if err == nil {
			e.onClose(func() { l.Close() })
		}
		return e.unixTo(unix.SOCK_STREAM)(name, err)
	}},
	"unix-name-too-long": {setup: func(e *env) (*setup, error) {
		return e.unixTo(unix.SOCK_STREAM)("/"+strings.Repeat("x", 4096), nil)
	}},
	"unix-embedded-nul": {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)("/tmp/a\x00b", nil) }},
	"unix-empty-path":   {setup: func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)("", nil) }},
}

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

func (e *env) tcp4(addr unix.Sockaddr, err error) (*setup, error) {
	if err != nil {
		return nil, err
	}
	fd, err := e.socket(unix.AF_INET, unix.SOCK_STREAM)
	return &setup{fd: fd, addr: addr}, err
}

func (e *env) tcp6(addr unix.Sockaddr, err error) (*setup, error) {
	if err != nil {
		return nil, err
	}
	fd, err := e.socket(unix.AF_INET6, unix.SOCK_STREAM)
	return &setup{fd: fd, addr: addr}, err
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

// listenUnix listens on (or, for datagrams, binds) a path in the scratch
// directory.
func (e *env) listenUnix(network string) (string, error) {
	dir, err := os.MkdirTemp(e.dir, "u")
	if err != nil {
		return "", err
	}
	e.onClose(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "s.sock")
	if network == "unixgram" {
		c, err := net.ListenUnixgram(network, &net.UnixAddr{Name: path, Net: network})
		if err != nil {
			return "", err
		}
		e.onClose(func() { c.Close() })
		return path, nil
	}
	l, err := net.Listen(network, path)
	if err != nil {
		return "", err
	}
	e.onClose(func() { l.Close() })
	return path, nil
}

// unixTo returns a setup connecting an AF_UNIX socket of type typ to a
// path, given as a helper's (path, error) result.
func (e *env) unixTo(typ int) func(path string, err error) (*setup, error) {
	return func(path string, err error) (*setup, error) {
		if err != nil {
			return nil, err
		}
		fd, err := e.socket(unix.AF_UNIX, typ)
		return &setup{fd: fd, addr: &unix.SockaddrUnix{Name: path}}, err
	}
}

func (e *env) regularFile() (string, error) {
	f, err := os.CreateTemp(e.dir, "file")
	if err != nil {
		return "", err
	}
	f.Close()
	e.onClose(func() { os.Remove(f.Name()) })
	return f.Name(), nil
}

// fullUnixBacklog returns the path of an AF_UNIX listener (backlog 0) whose
// queue nonblocking connects nobody accepts have filled.
func (e *env) fullUnixBacklog() (string, error) {
	dir, err := os.MkdirTemp(e.dir, "u")
	if err != nil {
		return "", err
	}
	e.onClose(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "full.sock")
	l, err := e.socket(unix.AF_UNIX, unix.SOCK_STREAM)
	if err != nil {
		return "", err
	}
	if err := unix.Bind(l, &unix.SockaddrUnix{Name: path}); err != nil {
		return "", err
	}
	if err := unix.Listen(l, 0); err != nil {
		return "", err
	}
	for i := 0; i < 64; i++ {
		fd, err := e.socket(unix.AF_UNIX, unix.SOCK_STREAM)
		if err != nil {
			return "", err
		}
		if err := unix.SetNonblock(fd, true); err != nil {
			return "", err
		}
		if unix.Connect(fd, &unix.SockaddrUnix{Name: path}) != nil {
			return path, nil
		}
	}
	return "", errors.New("the AF_UNIX backlog never filled")
}

// regularFileFd sets up a call on the descriptor of a regular file.
func (e *env) regularFileFd() (*setup, error) {
	f, err := os.CreateTemp(e.dir, "file")
	if err != nil {
		return nil, err
	}
	e.onClose(func() { f.Close() })
	return &setup{fd: int(f.Fd()), addr: &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}}}, nil
}
