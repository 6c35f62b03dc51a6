//go:build unix

package portable_test

import (
	"testing"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
	"golang.org/x/sys/unix"
)

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
				k := sim.NewKernel(o, sc)
				problems := sim.Run(o, sc, k, o.API(k), sim.InputFor(sc, o.Table))
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

// symbols makes spec symbols of names.
func symbols(names ...string) []spec.Symbol {
	syms := make([]spec.Symbol, len(names))
	for i, n := range names {
		syms[i] = spec.Symbol{Name: n}
	}
	return syms
}

// On illumos, EINVAL on a stream connect reads as "connected" after the
// peer accepted and closed (golang/go#6828), but also answers a bad
// address or an unexpected TCP state. portable believes the connected
// reading only when getpeername finds a peer: an EINVAL that means
// failure surfaces as a failure.
func TestConnectedReadingNeedsAPeer(t *testing.T) {
	s, err := spec.Load("../spec")
	if err != nil {
		t.Fatal(err)
	}
	o, err := sim.Build(s.OS("illumos"))
	if err != nil {
		t.Fatal(err)
	}
	if m := spec.KindIn(spec.NameTable(o.File), "EINVAL", spec.SocketTCP4.Facts(rules.PhaseConnect)); m != spec.Connected {
		t.Fatalf("illumos reads a stream EINVAL as %s; this test needs the connected reading", m)
	}
	sc := &spec.Scenario{Name: spec.Symbol{Name: "einval"}, Socket: spec.Word[spec.Socket]{Value: spec.SocketTCP4}}
	for _, c := range []struct {
		peer string
		want string
	}{
		{"ENOTCONN", "invalid_address"}, // a failure: no peer
		{"ok", spec.Ok},                 // the peer accepted and closed
	} {
		k := sim.NewScriptedKernel(o, sc, &spec.Answers{Connect: symbols("EINVAL"), Getpeername: symbols(c.peer)})
		api := o.API(k)
		err := api.Connect(10, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}})
		if got := sim.Outcome(api, err); got != c.want {
			t.Errorf("illumos EINVAL, getpeername %s: %s (%v), want %s\n%s", c.peer, got, err, c.want, k.Trace())
		}
	}
}
