// Package resolve checks the spec against golang.org/x/sys as Go builds it
// for each target (golang.org/x/sys/unix, and golang.org/x/sys/windows for
// Windows): it loads the package with golang.org/x/tools/go/packages once
// per GOOS/GOARCH, resolves every errno name the spec uses to its value on
// each target, reports a name a target lacks at the spec line that wrote
// it, and groups names that share a value so a generated table never has
// two rules for one errno.
package resolve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/constant"
	"go/types"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// The packages the spec's names resolve in.
const (
	UnixPkg    = "golang.org/x/sys/unix"
	WindowsPkg = "golang.org/x/sys/windows"
)

// packageFor returns the package a GOOS's errno names resolve in.
func packageFor(goos string) string {
	if goos == "windows" {
		return WindowsPkg
	}
	return UnixPkg
}

// Target is one GOOS/GOARCH pair.
type Target struct {
	// GOOS and GOARCH name the target as go tool dist list does.
	GOOS, GOARCH string
}

// String formats the target as goos/goarch.
func (t Target) String() string { return t.GOOS + "/" + t.GOARCH }

// Package is what the target's package (packageFor) defines.
type Package struct {
	// Target is the GOOS/GOARCH it was built for.
	Target Target
	// Errnos maps each constant of type Errno to its value.
	Errnos map[string]int64
}

// Targets returns the targets `go tool dist list` knows for the given GOOS
// values, sorted.
func Targets(ctx context.Context, goos []string) ([]Target, error) {
	all, err := AllTargets(ctx)
	return slices.DeleteFunc(all, func(t Target) bool { return !slices.Contains(goos, t.GOOS) }), err
}

// AllTargets returns every target `go tool dist list` knows, sorted.
func AllTargets(ctx context.Context) ([]Target, error) {
	cmd := exec.CommandContext(ctx, "go", "tool", "dist", "list", "-json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool dist list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var targets []Target
	if err := json.Unmarshal(out, &targets); err != nil {
		return nil, fmt.Errorf("go tool dist list -json: %v", err)
	}
	slices.SortFunc(targets, func(a, b Target) int { return strings.Compare(a.String(), b.String()) })
	return targets, nil
}

// Load loads golang.org/x/sys/unix, as the module in dir requires it, for
// every target, running as many loads at once as there are CPUs. Errors of
// all targets are reported together. With a cache (see OpenCache), targets
// already loaded for the same Go and x/sys versions are read from it.
func Load(ctx context.Context, dir string, targets []Target, cache *Cache) (map[Target]*Package, error) {
	pkgs := make(map[Target]*Package, len(targets))
	errs := make([]error, len(targets))
	var mu sync.Mutex
	eachTarget(targets, func(i int, t Target) {
		p, ok := cache.get(t)
		if !ok {
			var err error
			if p, err = loadTarget(ctx, dir, t); err != nil {
				errs[i] = err
				return
			}
			cache.put(p)
		}
		mu.Lock()
		pkgs[t] = p
		mu.Unlock()
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return pkgs, nil
}

// eachTarget calls f for every target, as many at once as there are CPUs,
// and returns when all calls have.
func eachTarget(targets []Target, f func(i int, t Target)) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, t := range targets {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			f(i, t)
		})
	}
	wg.Wait()
}

// fromSource configures a load for target t that type-checks packages and
// their imports from source (dependencies without function bodies), with
// cgo off as in a cross build. That costs about a second per target
// whether or not the build cache is warm; loading imports from export data
// instead would compile the standard library for each of the targets on a
// fresh machine, which takes minutes.
func fromSource(ctx context.Context, dir string, t Target) *packages.Config {
	return &packages.Config{
		Context: ctx,
		Dir:     dir,
		Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedImports | packages.NeedDeps,
		Env:     append(os.Environ(), "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "CGO_ENABLED=0"),
	}
}

func loadTarget(ctx context.Context, dir string, t Target) (*Package, error) {
	path := packageFor(t.GOOS)
	cfg := fromSource(ctx, dir, t)
	cfg.Env = append(cfg.Env, "GOFLAGS=-mod=readonly")
	loaded, err := packages.Load(cfg, path)
	if err != nil {
		return nil, fmt.Errorf("%s: loading %s: %v", t, path, err)
	}
	if len(loaded) != 1 {
		return nil, fmt.Errorf("%s: loading %s gave %d packages", t, path, len(loaded))
	}
	p := loaded[0]
	if len(p.Errors) > 0 {
		var msgs []string
		for _, e := range p.Errors {
			msgs = append(msgs, e.Error())
		}
		return nil, fmt.Errorf("%s: %s does not load: %s", t, path, strings.Join(msgs, "; "))
	}
	return fromScope(t, p.Types.Scope()), nil
}

// fromScope collects the Errno constants of a loaded package scope.
func fromScope(t Target, scope *types.Scope) *Package {
	pkg := &Package{Target: t, Errnos: map[string]int64{}}
	for _, name := range scope.Names() {
		obj, ok := scope.Lookup(name).(*types.Const)
		if !ok {
			continue
		}
		v, ok := constant.Int64Val(constant.ToInt(obj.Val()))
		if named, isNamed := types.Unalias(obj.Type()).(*types.Named); ok && isNamed && named.Obj().Name() == "Errno" {
			pkg.Errnos[name] = v
		}
	}
	return pkg
}
