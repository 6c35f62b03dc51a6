//go:build !race

// Not under the race detector: it type-checks the standard library from
// source for every target, which the detector slows tenfold; make test
// runs it.

package resolve_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	gopackages "golang.org/x/tools/go/packages"

	"github.com/connspec/connspec/internal/resolve"
)

// A package importing portable type-checks, with the standard library and
// x/sys, for every GOOS/GOARCH of go tool dist list (cgo off, as a cross
// build has it). make cross compiles and vets a target of each GOOS too.
func TestPortableTypeChecksOnEveryTarget(t *testing.T) {
	targets, err := resolve.AllTargets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	work := make(chan resolve.Target)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for target := range work {
				if problems := typeCheck(target); problems != "" {
					t.Errorf("%s: a package importing portable does not type-check:\n%s", target, problems)
				}
			}
		})
	}
	for _, target := range targets {
		work <- target
	}
	close(work)
	wg.Wait()
	t.Logf("type-checked for %d targets", len(targets))
}

// typeCheck type-checks testdata/importer and everything it imports, from
// source, for target, and returns the problems found.
func typeCheck(target resolve.Target) string {
	cfg := &gopackages.Config{
		Mode: gopackages.NeedName | gopackages.NeedTypes | gopackages.NeedSyntax | gopackages.NeedDeps | gopackages.NeedImports,
		Env:  append(os.Environ(), "GOOS="+target.GOOS, "GOARCH="+target.GOARCH, "CGO_ENABLED=0"),
	}
	pkgs, err := gopackages.Load(cfg, "./testdata/importer")
	if err != nil {
		return err.Error()
	}
	var problems []string
	gopackages.Visit(pkgs, nil, func(p *gopackages.Package) {
		for _, e := range p.Errors {
			problems = append(problems, fmt.Sprintf("  %s: %v", p.PkgPath, e))
		}
	})
	return strings.Join(problems, "\n")
}
