package resolve

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/tools/go/packages"
)

// TypeCheck type-checks the packages patterns match in dir, with their
// tests when tests is set, and everything they import, from source, for
// every target, compiling nothing: a second or two per target where
// building would compile the standard library for each. It returns the
// problems found, each prefixed with its target, running as many targets
// at once as there are CPUs.
func TypeCheck(ctx context.Context, dir string, targets []Target, tests bool, patterns ...string) ([]string, error) {
	problems := make([][]string, len(targets))
	errs := make([]error, len(targets))
	eachTarget(targets, func(i int, t Target) {
		problems[i], errs[i] = typeCheckTarget(ctx, dir, t, tests, patterns)
	})
	var all []string
	for _, p := range problems {
		all = append(all, p...)
	}
	return all, errors.Join(errs...)
}

func typeCheckTarget(ctx context.Context, dir string, t Target, tests bool, patterns []string) ([]string, error) {
	cfg := fromSource(ctx, dir, t)
	cfg.Tests = tests
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", t, err)
	}
	var problems []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if msg := fmt.Sprintf("%s: %v", t, e); !seen[msg] {
				seen[msg] = true
				problems = append(problems, msg)
			}
		}
	})
	return problems, nil
}
