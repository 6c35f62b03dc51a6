//go:build unix

package conformance

import (
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

// provoker makes one scenario happen.
type provoker struct {
	scenario string
	needs    needs
	setup    func(e *env) (*setup, error)
}

// provokers makes every scenario of spec/scenarios.yaml happen, in the
// order of that file (TestProvokersMirrorTheScenarios holds them in step).
// Scenarios decided before the kernel are provoked too: portable must
// refuse them on the real kernel as it does in the simulation.
var provokers = []provoker{
	// TCP
	{"tcp-connected", 0, func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	{"tcp6-connected", needIPv6, func(e *env) (*setup, error) { return e.tcp6(e.listenTCP("tcp6")) }},
	{"tcp-refused", 0, func(e *env) (*setup, error) { return e.tcp4(e.closedPort("tcp4")) }},
	{"tcp6-refused", needIPv6, func(e *env) (*setup, error) { return e.tcp6(e.closedPort("tcp6")) }},
	{"tcp-refused-nonblocking", 0, func(e *env) (*setup, error) { return e.waitWritableBefore(1)(e.tcp4(e.closedPort("tcp4"))) }},
	{"tcp-net-unreachable", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrNoRoute) }},
	{"tcp-host-unreachable", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrUnreachable) }},
	{"tcp-prohibited", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrProhibit) }},
	{"tcp-blackhole", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrBlackhole) }},
	{"tcp-throw-route", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_STREAM, addrThrow) }},
	{"tcp-timeout", needNetns, (*env).unansweredSYN},
	{"tcp-deadline", 0, func(e *env) (*setup, error) { return e.tcp4(e.silentListener()) }},
	{"tcp-canceled", 0, func(e *env) (*setup, error) { return e.tcp4(e.silentListener()) }},
	{"already-connected", 0, func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	{"tcp-in-progress", 0, func(e *env) (*setup, error) { return e.waitWritableBefore(1)(e.tcp4(e.listenTCP("tcp4"))) }},
	{"tcp-pending-again", 0, (*env).pendingAgain},
	{"connect-after-completion", 0, func(e *env) (*setup, error) { return e.waitWritableBefore(1)(e.tcp4(e.listenTCP("tcp4"))) }},
	{"tcp-ephemeral-exhausted", needNetns, (*env).ephemeralExhausted},
	{"tcp-four-tuple-in-use", 0, (*env).fourTupleInUse},
	{"tcp-connect-any", 0, (*env).connectAny},
	{"wrong-family", 0, func(e *env) (*setup, error) { return e.tcp4(&unix.SockaddrInet6{Port: 80, Addr: [16]byte{15: 1}}, nil) }},
	// Interrupted and nonblocking connects
	{"eintr-then-connected", needThreadSignals, func(e *env) (*setup, error) { return e.interrupted((*silent).drain) }},
	{"eintr-then-refused", needThreadSignals, func(e *env) (*setup, error) { return e.interrupted(closeSilent) }},
	{"context-connected", 0, func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	{"context-refused", 0, func(e *env) (*setup, error) { return e.tcp4(e.closedPort("tcp4")) }},
	// UDP
	{"udp-connected", 0, func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	{"udp6-connected", needIPv6, func(e *env) (*setup, error) { return e.udp(unix.AF_INET6, 1) }},
	{"udp-broadcast-denied", needNetns, (*env).broadcastUDP},
	{"udp-net-unreachable", needNetns, func(e *env) (*setup, error) { return e.inRoutes(unix.SOCK_DGRAM, addrNoRoute) }},
	{"udp-reconnect", 0, func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 2) }},
	{"udp-dissolve", 0, func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	{"udp6-dissolve", needIPv6, func(e *env) (*setup, error) { return e.udp(unix.AF_INET6, 1) }},
	{"udp-dissolve-unconnected", 0, func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 1) }},
	{"udp-dissolve-reconnect", 0, func(e *env) (*setup, error) { return e.udp(unix.AF_INET, 3) }},
	{"tcp-dissolve", 0, func(e *env) (*setup, error) { return e.tcp4(e.listenTCP("tcp4")) }},
	// Descriptors and addresses
	{"bad-fd", 0, (*env).closedFd},
	{"negative-fd", 0, func(e *env) (*setup, error) { return &setup{fd: -1, addr: &unix.SockaddrInet4{Port: 9}}, nil }},
	{"not-a-socket", 0, (*env).regularFileFd},
	{"nil-address", 0, func(e *env) (*setup, error) { return e.tcp4(nil, nil) }},
	{"port-out-of-range", 0, func(e *env) (*setup, error) { return e.tcp4(&unix.SockaddrInet4{Port: 70000}, nil) }},
	{"disconnect-not-a-socket", 0, (*env).regularFileFd},
	{"disconnect-negative-fd", 0, func(e *env) (*setup, error) { return &setup{fd: -1}, nil }},
	// AF_UNIX
	{"unix-connected", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unix")) }},
	{"unix-dgram-connected", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_DGRAM)(e.listenUnix("unixgram")) }},
	{"unix-context-connected", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unix")) }},
	{"unix-not-found", 0, (*env).missingUnixPath},
	{"unix-not-directory", 0, (*env).unixPathThroughFile},
	{"unix-path-loop", 0, (*env).unixPathLoop},
	{"unix-not-a-socket", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.regularFile()) }},
	{"unix-no-listener", 0, (*env).unixNoListener},
	{"unix-wrong-type", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.listenUnix("unixgram")) }},
	{"unix-backlog-full", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.fullUnixBacklog()) }},
	{"unix-backlog-full-context", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(e.fullUnixBacklog()) }},
	{"unix-permission", needOtherUser, (*env).unixPermission},
	{"unix-dgram-dissolve", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_DGRAM)(e.listenUnix("unixgram")) }},
	{"unix-abstract", 0, (*env).abstractUnix},
	{"unix-name-too-long", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)(longUnixPath, nil) }},
	{"unix-embedded-nul", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)("/tmp/a\x00b", nil) }},
	{"unix-empty-path", 0, func(e *env) (*setup, error) { return e.unixTo(unix.SOCK_STREAM)("", nil) }},
	// Family mismatches
	{"family-inet-on-inet6", needIPv6, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET6, unix.SOCK_STREAM, "inet") }},
	{"family-unix-short-on-inet", 0, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET, unix.SOCK_STREAM, "unix") }},
	{"family-unix-long-on-inet", 0, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET, unix.SOCK_STREAM, "unix_long") }},
	{"family-unix-short-on-inet6", needIPv6, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET6, unix.SOCK_STREAM, "unix") }},
	{"family-unix-long-on-inet6", needIPv6, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET6, unix.SOCK_STREAM, "unix_long") }},
	{"family-inet-on-unix", 0, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_UNIX, unix.SOCK_STREAM, "inet") }},
	{"family-inet6-on-unix", 0, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_UNIX, unix.SOCK_STREAM, "inet6") }},
	{"udp-family-inet6-on-inet", 0, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET, unix.SOCK_DGRAM, "inet6") }},
	{"udp-family-inet-on-inet6", needIPv6, func(e *env) (*setup, error) { return e.familyMismatch(unix.AF_INET6, unix.SOCK_DGRAM, "inet") }},
	// Destinations
	{"tcp-multicast", 0, func(e *env) (*setup, error) {
		return e.tcpTo(unix.AF_INET, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{224, 0, 0, 1}})
	}},
	{"tcp6-multicast", needIPv6, func(e *env) (*setup, error) {
		return e.tcpTo(unix.AF_INET6, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{0: 0xff, 1: 0x02, 15: 1}})
	}},
	{"tcp-limited-broadcast", 0, func(e *env) (*setup, error) {
		return e.tcpTo(unix.AF_INET, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{255, 255, 255, 255}})
	}},
	{"tcp-subnet-broadcast", needNetns, (*env).subnetBroadcast},
	{"tcp-self-connect", 0, (*env).selfConnect},
	{"tcp6-v4mapped-v6only", needIPv6, func(e *env) (*setup, error) { return e.v4mapped(unix.SOCK_STREAM, true) }},
	{"udp6-v4mapped-v6only", needIPv6, func(e *env) (*setup, error) { return e.v4mapped(unix.SOCK_DGRAM, true) }},
	{"tcp6-v4mapped", needIPv6, func(e *env) (*setup, error) { return e.v4mapped(unix.SOCK_STREAM, false) }},
	{"tcp6-link-local-no-zone", needIPv6, func(e *env) (*setup, error) {
		return e.tcpTo(unix.AF_INET6, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{0: 0xfe, 1: 0x80, 15: 1}})
	}},
	{"tcp-port-zero", 0, func(e *env) (*setup, error) {
		return e.tcpTo(unix.AF_INET, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}})
	}},
	{"udp-port-zero", 0, func(e *env) (*setup, error) {
		fd, err := e.socket(unix.AF_INET, unix.SOCK_DGRAM)
		return &setup{fd: fd, addr: &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}}, err
	}},
	{"tcp-connect-listening", 0, func(e *env) (*setup, error) { return e.listening(unix.AF_INET) }},
	{"unix-connect-listening", 0, func(e *env) (*setup, error) { return e.listening(unix.AF_UNIX) }},
	{"tcp-connect-after-failure", 0, func(e *env) (*setup, error) { return e.afterFailure(false) }},
	{"tcp-connect-after-failure-listening", 0, func(e *env) (*setup, error) { return e.afterFailure(true) }},
	{"tcp6-connect-unspecified", needIPv6, func(e *env) (*setup, error) { return e.unspecified(unix.AF_INET6, unix.SOCK_STREAM) }},
	{"udp-connect-any", 0, func(e *env) (*setup, error) { return e.unspecified(unix.AF_INET, unix.SOCK_DGRAM) }},
}

// provokerOf returns the provoker of a scenario, or nil.
func provokerOf(scenario string) *provoker {
	for i := range provokers {
		if provokers[i].scenario == scenario {
			return &provokers[i]
		}
	}
	return nil
}
