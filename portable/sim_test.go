//go:build unix

package portable_test

import (
	"testing"

	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
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
