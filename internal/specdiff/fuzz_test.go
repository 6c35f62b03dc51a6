package specdiff_test

import (
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
	"github.com/connspec/connspec/internal/specdiff/specdifftest"
)

// fixtureDir is the smallest valid spec, kept by package spec's tests: small
// enough to load thousands of times a second.
const fixtureDir = "../spec/testdata/valid"

// loadWith loads the fixture with os/linux.yaml replaced by linux, or
// returns nil when that spec does not load.
func loadWith(t *testing.T, base specdifftest.Files, linux []byte) *spec.Spec {
	fsys := base.FS()
	fsys["os/linux.yaml"] = &fstest.MapFile{Data: linux}
	s, err := spec.LoadFS(fsys, "spec")
	if err != nil {
		return nil
	}
	return s
}

// FuzzDiff compares two revisions of an OS file: Diff never panics, gives
// the same findings every time, finds nothing between a spec and itself,
// and gives every finding its rule's severity and a place.
func FuzzDiff(f *testing.F) {
	base, err := specdifftest.ReadSpec(fixtureDir)
	if err != nil {
		f.Fatal(err)
	}
	linux := base["os/linux.yaml"]
	f.Add(linux, linux)
	for _, c := range specdifftest.Cases {
		old, new := base.Clone(), base.Clone()
		if old.Apply(c.Old) == nil && new.Apply(c.New) == nil {
			f.Add(old["os/linux.yaml"], new["os/linux.yaml"])
		}
	}
	if data, err := os.ReadFile("../../spec/os/linux.yaml"); err == nil {
		f.Add(linux, data)
	}
	f.Fuzz(func(t *testing.T, oldLinux, newLinux []byte) {
		old, new := loadWith(t, base, oldLinux), loadWith(t, base, newLinux)
		first := specdiff.Diff(old, new)
		if again := specdiff.Diff(old, new); !slices.EqualFunc(first, again, func(a, b specdiff.Finding) bool { return a.String() == b.String() }) {
			t.Fatalf("two diffs of the same specs differ:\n%v\n%v", first, again)
		}
		if self := specdiff.Diff(new, new); len(self) != 0 {
			t.Fatalf("a spec differs from itself: %v", self)
		}
		for _, fd := range first {
			if fd.Severity != fd.Rule.Severity() || fd.Message == "" || (fd.Old.File == "" && fd.New.File == "") {
				t.Fatalf("finding %q has no severity, message or place", fd)
			}
		}
	})
}
