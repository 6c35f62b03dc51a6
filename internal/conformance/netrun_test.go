//go:build unix || windows

package conformance

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/spec"
)

func loadSpec(t *testing.T, dir string) (*spec.Spec, *spec.OSFile) {
	t.Helper()
	s, err := spec.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := s.OS(HostTable().Spec)
	if f == nil {
		t.Fatalf("the spec has no file for %s", HostTable().Spec)
	}
	return s, f
}

// scratchDir returns a short directory for AF_UNIX paths.
func scratchDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "cs")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// corruptedSpec copies spec/ to a scratch directory with right replaced by
// wrong in os/<file>, and returns the directory.
func corruptedSpec(t *testing.T, file, right, wrong string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../spec")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "os", file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), right) {
		t.Fatalf("%s no longer has the entry this test corrupts:\n%s", path, right)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), right, wrong, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Every scenario RunNet provokes is one of spec/scenarios.yaml.
func TestNetProvokersAreScenarios(t *testing.T) {
	s, _ := loadSpec(t, "../../spec")
	for name := range netProvokers {
		if s.Scenario(name) == nil {
			t.Errorf("net provoker %q provokes no scenario of spec/scenarios.yaml", name)
		}
	}
}

// RunNet, what gen verify runs on Windows, agrees with this machine's spec
// file through package net and the conn API, provoking every scenario it
// has a provoker for.
func TestRunNet(t *testing.T) {
	s, f := loadSpec(t, "../../spec")
	results := RunNet(s, f, Options{Dir: scratchDir(t), Logf: t.Logf})
	agreed := 0
	for _, r := range results {
		switch {
		case r.Status == Disagree:
			t.Errorf("%s: %s", r.Scenario, strings.Join(r.Problems, "; "))
		case r.Status == Agree:
			agreed++
		case netProvokers[r.Scenario] != nil && !strings.HasPrefix(r.Reason, "the spec records no answer"):
			t.Errorf("%s: %s: %s", r.Scenario, r.Status, r.Reason)
		}
	}
	t.Logf("%d of %d net scenarios agree with %s", agreed, len(netProvokers), f.File)
	if agreed == 0 {
		t.Error("no scenario was provoked through package net")
	}
}

// A wrong answer in the spec is caught through package net too.
func TestRunNetCatchesAWrongEntry(t *testing.T) {
	if HostTable().Spec != "linux" {
		t.Skipf("the wrong entry is written into linux.yaml; this is %s", HostTable().Spec)
	}
	dir := corruptedSpec(t, "linux.yaml", "  tcp-refused:\n    connect: [ECONNREFUSED]", "  tcp-refused:\n    connect: [ENOPROTOOPT]")
	s, f := loadSpec(t, dir)
	results := RunNet(s, f, Options{Dir: scratchDir(t), Only: []string{"tcp-refused"}})
	if len(results) != 1 || results[0].Status != Disagree {
		t.Fatalf("results %+v, want one disagreement", results)
	}
	if got := strings.Join(results[0].Problems, "; "); !strings.Contains(got, "the kernel answered ECONNREFUSED, the spec says ENOPROTOOPT") {
		t.Errorf("problems %q do not name the wrong answer", got)
	}
}
