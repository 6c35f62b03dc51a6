//go:build unix

package sim

import (
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// Input is what a scenario calls the API with.
type Input struct {
	// Fd is the descriptor.
	Fd int
	// Addr is the address connected to.
	Addr unix.Sockaddr
}

// fd is the descriptor the simulated scenarios use.
const fd = 10

// inputs are the arguments of scenarios that a socket, its kind of address
// and the scenario's destination do not say (but for unix-name-too-long,
// whose path depends on the table), made afresh for each call, since
// x/sys encodes a Sockaddr in place.
var inputs = map[string]func() Input{
	"negative-fd":            func() Input { return Input{Fd: -1, Addr: inet4(80)} },
	"disconnect-negative-fd": func() Input { return Input{Fd: -1} },
	"nil-address":            func() Input { return Input{Fd: fd} },
	"port-out-of-range":      func() Input { return Input{Fd: fd, Addr: inet4(70000)} },
	"tcp-port-zero":          func() Input { return Input{Fd: fd, Addr: inet4(0)} },
	"udp-port-zero":          func() Input { return Input{Fd: fd, Addr: inet4(0)} },
	"tcp-subnet-broadcast": func() Input {
		return Input{Fd: fd, Addr: &unix.SockaddrInet4{Port: 80, Addr: [4]byte{10, 77, 0, 255}}}
	},
	"unix-abstract":     func() Input { return unixInput("@connspec-sim") },
	"unix-embedded-nul": func() Input { return unixInput("/tmp/a\x00b") },
	"unix-empty-path":   func() Input { return unixInput("") },
}

// destinations are the addresses of each destination, for IPv4 and IPv6.
var destinations = map[rules.Destination][2]unix.Sockaddr{
	rules.DestinationUnspecified:     {&unix.SockaddrInet4{Port: 80}, &unix.SockaddrInet6{Port: 80}},
	rules.DestinationMulticast:       {&unix.SockaddrInet4{Port: 80, Addr: [4]byte{224, 0, 0, 1}}, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{0: 0xff, 1: 0x02, 15: 1}}},
	rules.DestinationBroadcast:       {&unix.SockaddrInet4{Port: 80, Addr: [4]byte{255, 255, 255, 255}}, nil},
	rules.DestinationLinkLocalNoZone: {nil, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{0: 0xfe, 1: 0x80, 15: 1}}},
	rules.DestinationV4mapped:        {nil, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 1}}},
	rules.DestinationV4mappedV6only:  {nil, &unix.SockaddrInet6{Port: 80, Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 1}}},
}

// InputFor returns the arguments of a scenario's calls: the descriptor, and
// an address of the scenario's kind (its socket's family unless it names
// another) and destination.
func InputFor(sc *spec.Scenario, t *rules.Table[portable.Kind, syscall.Errno]) Input {
	if sc.Name.Name == "unix-name-too-long" {
		// One byte more than sun_path holds on the table's OS.
		return unixInput("/" + strings.Repeat("x", t.Sockaddr.UnixPathMax))
	}
	if in, ok := inputs[sc.Name.Name]; ok {
		return in()
	}
	fam := sc.Socket.Value.Family()
	switch sc.Address.Value {
	case spec.AddressUnix:
		return unixInput("/a")
	case spec.AddressUnixLong:
		return unixInput("/" + strings.Repeat("x", 59))
	case spec.AddressInet, spec.AddressInet6:
		fam = sc.Address.Value.Family()
	}
	if addrs, ok := destinations[sc.Destination.Value]; ok {
		if sa := addrs[0]; fam == rules.FamilyInet && sa != nil {
			return Input{Fd: fd, Addr: sa}
		}
		if sa := addrs[1]; fam == rules.FamilyInet6 && sa != nil {
			return Input{Fd: fd, Addr: sa}
		}
	}
	switch fam {
	case rules.FamilyInet6:
		return Input{Fd: fd, Addr: &unix.SockaddrInet6{Port: 80, Addr: [16]byte{15: 1}}}
	case rules.FamilyUnix:
		return unixInput("/tmp/connspec-sim.sock")
	}
	return Input{Fd: fd, Addr: inet4(80)}
}

func inet4(port int) *unix.SockaddrInet4 {
	return &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

func unixInput(path string) Input {
	return Input{Fd: fd, Addr: &unix.SockaddrUnix{Name: path}}
}
