//go:build unix || windows

package conformance

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// netSteps provokes one scenario the way a program holding package net's
// conns meets it: it returns what each step returned.
type netSteps func(e *netEnv) ([]error, error)

// netProvokers are the scenarios RunNet provokes: stream connects dial
// with package net (whose errors KindOf classifies), datagram ones
// associate and dissolve with ConnectConn and DisconnectConn.
var netProvokers = map[string]netSteps{
	"tcp-connected":            dialTo("tcp4", listeningTCP("127.0.0.1")),
	"tcp6-connected":           dialTo("tcp6", listeningTCP("::1")),
	"tcp-refused":              dialTo("tcp4", closedPort("127.0.0.1")),
	"tcp6-refused":             dialTo("tcp6", closedPort("::1")),
	"tcp-connect-any":          dialTo("tcp4", onHost("0.0.0.0", listeningTCP("127.0.0.1"))),
	"tcp6-connect-unspecified": dialTo("tcp6", onHost("::", listeningTCP("::1"))),
	"tcp6-link-local-no-zone":  dialTo("tcp6", fixedAddress("[fe80::1]:80")),
	"unix-connected":           dialTo("unix", listeningUnix),
	"unix-not-found":           dialTo("unix", missingUnixPath),
	"udp-connected":            datagramSteps("udp4", "c"),
	"udp6-connected":           datagramSteps("udp6", "c"),
	"udp-reconnect":            datagramSteps("udp4", "cC"),
	"udp-dissolve":             datagramSteps("udp4", "cd"),
	"udp6-dissolve":            datagramSteps("udp6", "cd"),
	"udp-dissolve-unconnected": datagramSteps("udp4", "d"),
	"udp-dissolve-reconnect":   datagramSteps("udp4", "cdC"),
	"udp-connect-any":          datagramSteps("udp4", "a"),
	"tcp-dissolve":             (*netEnv).dialThenDissolve,
}

// RunNet provokes every scenario of s in netProvokers that f can be
// checked against, through package net and portable's conn API, and
// returns the results in spec order. It checks what portable reports
// against the scenarios, and the codes a dial or ConnectConn answered
// against f (a dissolve's answer, which DisconnectConn reads for the
// caller, is not seen). It is what gen verify runs on Windows; on unix it
// runs too, and its test holds it to spec/os/linux.yaml.
func RunNet(s *spec.Spec, f *spec.OSFile, opts Options) []Result {
	return runEach(s, opts, func(sc *spec.Scenario) Result { return runNetScenario(f, sc, opts.Dir) })
}

func runNetScenario(f *spec.OSFile, sc *spec.Scenario, dir string) Result {
	r := newResult(f, sc)
	a := f.Answers(sc.Name.Name)
	steps, ok := netProvokers[sc.Name.Name]
	switch {
	case a != nil && a.NotApplicable != "":
		r.Status, r.Reason = Skipped, "the spec records no answer: "+a.NotApplicable
		return r
	case !ok:
		r.Status, r.Reason = Skipped, "not provoked through package net"
		return r
	case a != nil:
		r.Spec.Connect = spec.Names(a.Connect)
	}
	e := &netEnv{dir: dir}
	defer e.end()
	errs, err := steps(e)
	if err != nil {
		r.Status, r.Reason = Skipped, "setting up: "+err.Error()
		return r
	}
	for i, err := range errs {
		r.checkNet(i, sc.Steps[i], err)
	}
	r.Problems = append(r.Problems, compareNetAnswers(sc, r.Spec.Connect, r.Observed.Connect)...)
	r.settle()
	return r
}

// checkNet records what step i returned: the outcome, and the code the
// kernel answered where the error carries one.
func (r *Result) checkNet(i int, step *spec.Step, err error) {
	got := spec.Ok
	if err != nil {
		got = portable.KindOf(err).String()
	}
	r.outcome(i, step, got, err)
	answer := answerOf(err)
	if step.Call.Value != spec.CallConnect {
		answer = Unseen
	}
	r.Observed.Connect = append(r.Observed.Connect, answer)
}

// answerOf names the kernel's answer an error carries as the spec does:
// ok, an errno name, or Unseen for a call refused before the kernel.
func answerOf(err error) string {
	if err == nil {
		return spec.Ok
	}
	var pe *portable.Error
	if errors.As(err, &pe) && pe.Errno == 0 {
		return Unseen
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return Unseen
	}
	if rule := rules.Find(HostTable(), errno); rule != nil {
		return rule.Name
	}
	return fmt.Sprintf("errno %d", uintptr(errno))
}

// compareNetAnswers checks the answers of the connect steps, where the
// kernel's answer reaches the caller; a dissolve's does not.
func compareNetAnswers(sc *spec.Scenario, want, got []string) []string {
	var problems []string
	for i, step := range sc.Steps {
		if step.Call.Value != spec.CallConnect || i >= len(want) || i >= len(got) || got[i] == Unseen {
			continue
		}
		if want[i] != got[i] {
			problems = append(problems, fmt.Sprintf("step %d: the kernel answered %s, the spec says %s", i+1, got[i], want[i]))
		}
	}
	return problems
}

// netEnv holds one scenario's conns and files until it ends.
type netEnv struct {
	dir string
	cleanups
}

func (e *netEnv) keep(c io.Closer) { e.onClose(func() { c.Close() }) }

// netDialTimeout bounds a dial, so that a dropped SYN cannot stall a run.
const netDialTimeout = 5 * time.Second

// netAddress makes the address a scenario dials, with whatever listens
// there kept until the scenario ends.
type netAddress func(e *netEnv) (string, error)

// dialTo dials network at the address addr makes: one connect step.
func dialTo(network string, addr netAddress) netSteps {
	return func(e *netEnv) ([]error, error) {
		a, err := addr(e)
		if err != nil {
			return nil, err
		}
		c, err := net.DialTimeout(network, a, netDialTimeout)
		if err == nil {
			e.keep(c)
		}
		return []error{err}, nil
	}
}

// dialThenDissolve dials a TCP listener, then asks DisconnectConn to
// dissolve the stream, which it refuses.
func (e *netEnv) dialThenDissolve() ([]error, error) {
	a, err := listeningTCP("127.0.0.1")(e)
	if err != nil {
		return nil, err
	}
	c, err := net.DialTimeout("tcp4", a, netDialTimeout)
	if err != nil {
		return []error{err}, nil
	}
	e.keep(c)
	return []error{nil, portable.DisconnectConn(c.(*net.TCPConn))}, nil
}

// datagramSteps opens an unconnected datagram conn and runs ops on it, one
// step each: c connects it to a first peer, C to a second, a to the first
// peer's port on the unspecified address, d dissolves the association.
func datagramSteps(network, ops string) netSteps {
	return func(e *netEnv) ([]error, error) {
		loopback := map[string]string{"udp4": "127.0.0.1", "udp6": "::1"}[network]
		conn, err := e.listenUDP(network, loopback)
		if err != nil {
			return nil, err
		}
		var peers [2]*net.UDPAddr
		for i := range peers {
			p, err := e.listenUDP(network, loopback)
			if err != nil {
				return nil, err
			}
			peers[i] = p.LocalAddr().(*net.UDPAddr)
		}
		var errs []error
		for _, op := range ops {
			errs = append(errs, datagramStep(conn, op, peers))
		}
		return errs, nil
	}
}

func datagramStep(conn *net.UDPConn, op rune, peers [2]*net.UDPAddr) error {
	switch op {
	case 'c':
		return portable.ConnectConn(conn, peers[0])
	case 'C':
		return portable.ConnectConn(conn, peers[1])
	case 'a':
		unspecified := net.IPv4zero
		if peers[0].IP.To4() == nil {
			unspecified = net.IPv6unspecified
		}
		return portable.ConnectConn(conn, &net.UDPAddr{IP: unspecified, Port: peers[0].Port})
	case 'd':
		return portable.DisconnectConn(conn)
	}
	panic(fmt.Sprintf("conformance: unknown datagram op %q", op))
}

func (e *netEnv) listenUDP(network, host string) (*net.UDPConn, error) {
	c, err := net.ListenUDP(network, &net.UDPAddr{IP: net.ParseIP(host)})
	if err != nil {
		return nil, err
	}
	e.keep(c)
	return c, nil
}

// listeningTCP listens on host and makes its address; the listener
// accepts and keeps connections until the scenario ends.
func listeningTCP(host string) netAddress {
	return func(e *netEnv) (string, error) {
		l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return "", err
		}
		e.keep(l)
		go acceptAll(l)
		return l.Addr().String(), nil
	}
}

// acceptAll accepts until l closes, which the scenario's cleanups do; the
// accepted conns close then.
func acceptAll(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
	}
}

// listeningUnix listens on a path in the scratch directory.
func listeningUnix(e *netEnv) (string, error) {
	path := filepath.Join(e.dir, "net.sock")
	os.Remove(path)
	l, err := net.Listen("unix", path)
	if err != nil {
		return "", err
	}
	e.keep(l)
	go acceptAll(l)
	return path, nil
}

// missingUnixPath names a path nothing is bound to.
func missingUnixPath(e *netEnv) (string, error) {
	return filepath.Join(e.dir, "missing.sock"), nil
}

// closedPort makes an address on host nobody listens on: one a listener
// just had.
func closedPort(host string) netAddress {
	return func(e *netEnv) (string, error) {
		l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return "", err
		}
		defer l.Close()
		return l.Addr().String(), nil
	}
}

// onHost makes the address addr makes, on another host.
func onHost(host string, addr netAddress) netAddress {
	return func(e *netEnv) (string, error) {
		a, err := addr(e)
		if err != nil {
			return "", err
		}
		_, port, err := net.SplitHostPort(a)
		return net.JoinHostPort(host, port), err
	}
}

// fixedAddress makes addr.
func fixedAddress(addr string) netAddress {
	return func(*netEnv) (string, error) { return addr, nil }
}
