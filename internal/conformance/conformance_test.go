//go:build unix

package conformance

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// minProvoked is how many distinct kernel scenarios a root run on Linux
// must provoke for real.
const minProvoked = 30

// TestConformance provokes every scenario this machine can produce,
// through package portable, and checks the kernel's answers against the
// running OS's spec file and portable's outcomes against the scenarios.
// Scenarios that need root or network namespaces are skipped, with the
// reason, when those are missing; as root on Linux they all run.
func TestConformance(t *testing.T) {
	s, f := loadSpec(t, "../../spec")
	results := Run(s, f, Options{Dir: scratchDir(t), Logf: t.Logf})
	var provoked, preKernel []string
	for _, r := range results {
		switch r.Status {
		case Disagree:
			t.Errorf("%s: %s", r.Scenario, strings.Join(r.Problems, "; "))
		case Agree:
			if r.PreKernel {
				preKernel = append(preKernel, r.Scenario)
			} else {
				provoked = append(provoked, r.Scenario)
			}
		case Skipped:
			if strings.HasPrefix(r.Reason, "no provoker") {
				t.Errorf("%s: %s; write one, or give not_provoked with the reason in %s", r.Scenario, r.Reason, f.File)
			}
		}
	}
	t.Logf("provoked %d kernel scenarios for real and %d settled before the kernel, all agreeing with %s: %s",
		len(provoked), len(preKernel), f.File, strings.Join(provoked, " "))
	if runtime.GOOS == "linux" && os.Geteuid() == 0 && len(provoked) < minProvoked {
		t.Errorf("provoked %d kernel scenarios as root on Linux, want at least %d", len(provoked), minProvoked)
	}
}

// A wrong entry in a scratch copy of the spec is caught, naming the
// scenario.
func TestWrongSpecEntryIsCaught(t *testing.T) {
	if HostTable().Spec != "linux" {
		t.Skipf("the wrong entry is written into linux.yaml; this is %s", HostTable().Spec)
	}
	dir := corruptedSpec(t, "linux.yaml",
		"  tcp-refused-nonblocking:\n    connect: [EINPROGRESS]\n    so_error: [ECONNREFUSED]",
		"  tcp-refused-nonblocking:\n    connect: [EINPROGRESS]\n    so_error: [ETIMEDOUT]")
	s, f := loadSpec(t, dir)
	results := Run(s, f, Options{Dir: scratchDir(t), Only: []string{"tcp-refused-nonblocking"}})
	if len(results) != 1 || results[0].Status != Disagree {
		t.Fatalf("results %+v, want one disagreement", results)
	}
	if got := strings.Join(results[0].Problems, "; "); !strings.Contains(got, "SO_ERROR read ECONNREFUSED, the spec says ETIMEDOUT") {
		t.Errorf("problems %q do not name the wrong answer", got)
	}
}

// The provokers read as spec/scenarios.yaml does: one for each scenario,
// in the same order.
func TestProvokersMirrorTheScenarios(t *testing.T) {
	s, _ := loadSpec(t, "../../spec")
	var names []string
	for _, sc := range s.Scenarios.Scenarios {
		names = append(names, sc.Name.Name)
	}
	next := 0
	for _, p := range provokers {
		i := slices.Index(names, p.scenario)
		switch {
		case i < 0:
			t.Errorf("provoker %q provokes no scenario of spec/scenarios.yaml", p.scenario)
		case i < next:
			t.Errorf("provoker %q is out of order: spec/scenarios.yaml has it before %q", p.scenario, names[next-1])
		default:
			next = i + 1
		}
	}
}
