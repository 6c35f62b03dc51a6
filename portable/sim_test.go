package portable_test

import (
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// simFd is the descriptor the simulated scenarios use.
const simFd = 10

// simTable is the table a simulated OS runs on.
type simTable = rules.Table[portable.Kind, syscall.Errno]

// simInputs are the arguments of scenarios that need other than a socket
// and an address of its family.
var simInputs = map[string]func(t *simTable) sim.Input{
	"negative-fd":            func(*simTable) sim.Input { return sim.Input{Fd: -1, Addr: inet4(80)} },
	"disconnect-negative-fd": func(*simTable) sim.Input { return sim.Input{Fd: -1} },
	"nil-address":            func(*simTable) sim.Input { return sim.Input{Fd: simFd} },
	"port-out-of-range":      func(*simTable) sim.Input { return sim.Input{Fd: simFd, Addr: inet4(70000)} },
	"wrong-family":           func(*simTable) sim.Input { return sim.Input{Fd: simFd, Addr: &unix.SockaddrInet6{Port: 80}} },
	"unix-abstract":          func(*simTable) sim.Input { return unixInput("@connspec-sim") },
	"unix-embedded-nul":      func(*simTable) sim.Input { return unixInput("/tmp/a\x00b") },
	"unix-empty-path":        func(*simTable) sim.Input { return unixInput("") },
	"unix-name-too-long": func(t *simTable) sim.Input {
		return unixInput("/" + strings.Repeat("x", t.Sockaddr.UnixPathMax))
	},
}

func inet4(port int) *unix.SockaddrInet4 {
	return &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}}
}

func unixInput(path string) sim.Input {
	return sim.Input{Fd: simFd, Addr: &unix.SockaddrUnix{Name: path}}
}

// simInput returns a scenario's arguments: the overrides above, or the
// socket's family's address.
func simInput(sc *spec.Scenario, t *simTable) sim.Input {
	if in, ok := simInputs[sc.Name.Name]; ok {
		return in(t)
	}
	switch sc.Socket.Value.Family() {
	case rules.FamilyInet6:
		return sim.Input{Fd: simFd, Addr: &unix.SockaddrInet6{Port: 80, Addr: [16]byte{15: 1}}}
	case rules.FamilyUnix:
		return unixInput("/tmp/connspec-sim.sock")
	}
	return sim.Input{Fd: simFd, Addr: inet4(80)}
}

// TestSimulation replays every OS spec's answers for every scenario through
// Connect, ConnectContext, Finish and Disconnect over a scripted kernel, and
// checks each call reports what the scenario expects on that OS. FreeBSD,
// macOS and the POSIX baseline are tested on any machine this way.
func TestSimulation(t *testing.T) {
	s, err := spec.Load("../spec")
	if err != nil {
		t.Fatal(err)
	}
	covered, skipped := 0, 0
	for _, f := range s.OSes {
		o, err := sim.Build(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sc := range s.Scenarios.Scenarios {
			a := f.Answers(sc.Name.Name)
			if a == nil && !sc.PreKernel {
				t.Errorf("%s: scenario %s has no answer and no declared reason", f.File, sc.Name.Name)
				continue
			}
			t.Run(f.OS.Name+"/"+sc.Name.Name, func(t *testing.T) {
				k := sim.NewKernel(o, sc.Socket.Value, a)
				problems := sim.Run(o, sc, k, o.API(k), simInput(sc, o.Table))
				if a != nil && a.NotApplicable != "" && len(problems) > 0 {
					// The kernel was needed, and the spec says why it has
					// no answer: nothing to replay.
					skipped++
					t.Skipf("not applicable on %s: %s", f.OS.Name, a.NotApplicable)
				}
				covered++
				for _, p := range problems {
					t.Error(p)
				}
				if t.Failed() {
					t.Logf("system calls:\n%s", k.Trace())
				}
			})
		}
	}
	t.Logf("simulated %d (OS, scenario) pairs; %d not applicable, with their reasons", covered, skipped)
}
