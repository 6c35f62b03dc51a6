package resolve

import (
	"context"
	"slices"
	"time"

	"github.com/connspec/connspec/internal/spec"
)

// Spec loads golang.org/x/sys/unix, as the module in root requires it, for
// every target of every OS file, and resolves the spec's names: the check
// go run ./gen makes before it writes anything.
func Spec(ctx context.Context, root string, s *spec.Spec, useCache bool, logf func(string, ...any)) (map[string]*OSResolution, error) {
	var allGOOS []string
	for _, f := range s.OSes {
		allGOOS = append(allGOOS, f.GOOSNames()...)
	}
	targets, err := Targets(ctx, allGOOS)
	if err != nil {
		return nil, err
	}
	var cache *Cache
	if useCache {
		if cache, err = OpenCache(ctx, root); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	pkgs, err := Load(ctx, root, targets, cache)
	if err != nil {
		return nil, err
	}
	logf("loaded %s for %d targets (%s)", UnixPkg, len(targets), time.Since(start).Round(time.Millisecond))
	byOS := map[string][]Target{}
	for _, f := range s.OSes {
		for _, t := range targets {
			if slices.Contains(f.GOOSNames(), t.GOOS) {
				byOS[f.OS.Name] = append(byOS[f.OS.Name], t)
			}
		}
	}
	return Resolve(s, byOS, pkgs)
}
