package resolve

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/connspec/connspec/internal/spec"
)

// Spec loads golang.org/x/sys, as the module in root requires it, for
// every target of every OS file, and resolves the spec's names: the check
// go run ./gen makes before it writes anything. The baseline is resolved
// against every unix target: it names only POSIX errnos, which every unix
// GOOS defines, and stands in for any unix GOOS without a file.
func Spec(ctx context.Context, root string, s *spec.Spec, useCache bool, logf func(string, ...any)) (map[string]*OSResolution, error) {
	targets, err := Targets(ctx, spec.GOOS(0).Names())
	if err != nil {
		return nil, err
	}
	var cache *Cache
	if useCache {
		if cache, err = OpenCache(ctx, root); err != nil {
			return nil, err
		}
	}
	byOS := TargetsByOS(s, targets)
	var used []Target
	for _, list := range byOS {
		used = append(used, list...)
	}
	slices.SortFunc(used, func(a, b Target) int { return strings.Compare(a.String(), b.String()) })
	used = slices.Compact(used)
	start := time.Now()
	pkgs, err := Load(ctx, root, used, cache)
	if err != nil {
		return nil, err
	}
	logf("loaded golang.org/x/sys for %d targets (%s)", len(used), time.Since(start).Round(time.Millisecond))
	return Resolve(s, byOS, pkgs)
}

// TargetsByOS assigns targets to the OS files that describe them; the
// baseline gets every unix target.
func TargetsByOS(s *spec.Spec, targets []Target) map[string][]Target {
	byOS := map[string][]Target{}
	unix := spec.UnixGOOS()
	for _, f := range s.OSes {
		for _, t := range targets {
			baseline := f.OS.Name == spec.Baseline && slices.Contains(unix, t.GOOS)
			if baseline || slices.Contains(f.GOOSNames(), t.GOOS) {
				byOS[f.OS.Name] = append(byOS[f.OS.Name], t)
			}
		}
	}
	return byOS
}
