//go:build unix

package portable_test

import (
	"fmt"
	"reflect"
	"syscall"
	"testing"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// hostTable is the table portable runs on here, as generated into
// zspec_<os>.go.
func hostTable(t testing.TB) *rules.Table[portable.Kind, syscall.Errno] {
	t.Helper()
	tbl, ok := engine.HostTable.(*rules.Table[portable.Kind, syscall.Errno])
	if !ok {
		t.Fatalf("engine.HostTable is %T", engine.HostTable)
	}
	return tbl
}

// hostSpec loads the spec and returns the running OS's file: the
// expectations of the tests that run on the real kernel.
func hostSpec(t testing.TB) (*spec.Spec, *spec.OSFile) {
	t.Helper()
	s, err := spec.Load("../spec")
	if err != nil {
		t.Fatal(err)
	}
	f := s.OS(hostTable(t).Spec)
	if f == nil {
		t.Fatalf("the spec has no file %s", hostTable(t).Spec)
	}
	return s, f
}

// expected returns what a scenario's step reports on the running OS, as
// spec/scenarios.yaml says.
func expected(t testing.TB, scenario string, step int) portable.Kind {
	t.Helper()
	s, f := hostSpec(t)
	sc := s.Scenario(scenario)
	if sc == nil || step >= len(sc.Steps) {
		t.Fatalf("spec/scenarios.yaml has no step %d in scenario %q", step, scenario)
	}
	var k portable.Kind
	if err := k.UnmarshalText([]byte(sc.Steps[step].Expected(f.OS.Name).Name)); err != nil {
		t.Fatal(err)
	}
	return k
}

// The table the simulation replays for the running OS is the very table
// compiled into portable: spec.Translate at run time, with this target's
// errno values, deep-equals the generated zspec_<os>.go.
func TestSimulationReplaysTheGeneratedTable(t *testing.T) {
	_, f := hostSpec(t)
	o, err := sim.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.Table, hostTable(t); !reflect.DeepEqual(got, want) {
		t.Errorf("the simulation's %s table differs from the generated one:\n got %s\nwant %s", f.OS.Name, dump(got), dump(want))
	}
}

func dump(t *rules.Table[portable.Kind, syscall.Errno]) string { return fmt.Sprintf("%+v", *t) }
