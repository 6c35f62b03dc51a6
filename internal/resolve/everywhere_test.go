//go:build !race

// Not under the race detector: it type-checks the standard library from
// source for every target, which the detector slows tenfold; make test
// runs it.

package resolve_test

import (
	"context"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/resolve"
)

// A package importing portable (testdata/importer) type-checks, with the
// standard library and x/sys, for every GOOS/GOARCH of go tool dist list
// (cgo off, as a cross build has it). make cross type-checks every package
// of the module for a target of each GOOS, and vets and links two.
func TestPortableTypeChecksOnEveryTarget(t *testing.T) {
	targets, err := resolve.AllTargets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	problems, err := resolve.TypeCheck(context.Background(), ".", targets, false, "./testdata/importer")
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("a package importing portable does not type-check:\n%s", strings.Join(problems, "\n"))
	}
	t.Logf("type-checked for %d targets", len(targets))
}
