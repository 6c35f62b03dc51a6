// Package resolve checks the spec against golang.org/x/sys/unix as Go builds it
// for each target: it loads the package with golang.org/x/tools/go/packages
// once per GOOS/GOARCH, resolves every name the spec uses to its value on
// each target, reports a name a target lacks at the spec line that wrote it,
// and groups names that share a value so generated switches never repeat a
// case.
package resolve

import (
	"bytes"
	"context"
	"encoding/json"
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

// UnixPkg is the import path the spec is checked against.
const UnixPkg = "golang.org/x/sys/unix"

// Target is one GOOS/GOARCH pair.
type Target struct {
	// GOOS and GOARCH name the target as go tool dist list does.
	GOOS, GOARCH string
}

// String formats the target as goos/goarch.
func (t Target) String() string { return t.GOOS + "/" + t.GOARCH }

// Package is what golang.org/x/sys/unix defines for one target.
type Package struct {
	// Target is the GOOS/GOARCH it was built for.
	Target Target
	// Errnos maps each constant of type Errno to its value.
	Errnos map[string]int64
	// Families maps each AF_* constant to its value.
	Families map[string]int64
	// Wrappers holds, by name, the unexported x/sys/unix functions platform
	// links to (see Wrappers), as this target defines them; a missing name
	// means the target has no such function.
	Wrappers map[string]WrapperSignature
}

// WrapperSignature is how a target defines a wrapper.
type WrapperSignature struct {
	// Signature is the function's type as Go prints it.
	Signature string
	// Fits says it has the shape platform declares.
	Fits bool
}

// Wrapper is an unexported golang.org/x/sys/unix function that platform
// calls through go:linkname, so that every OS reaches the kernel the way
// x/sys/unix does (libc where Go uses libc).
type Wrapper struct {
	// Name is the function's name in x/sys/unix.
	Name string
	// Declared is how platform declares it, for messages.
	Declared string
	// fits checks a target's signature against the declaration.
	fits func(p *types.Tuple, r *types.Tuple) bool
}

// Wrappers are the functions platform links to.
var Wrappers = []Wrapper{
	{
		Name:     "connect",
		Declared: "func connect(fd int, addr unsafe.Pointer, addrlen _Socklen) error",
		fits: func(p, r *types.Tuple) bool {
			return p.Len() == 3 && basic(p.At(0).Type(), types.Int) && basic(p.At(1).Type(), types.UnsafePointer) &&
				basic(p.At(2).Type(), types.Uint32) && isError(r)
		},
	},
	{
		Name:     "getpeername",
		Declared: "func getpeername(fd int, rsa *RawSockaddrAny, addrlen *_Socklen) error",
		fits: func(p, r *types.Tuple) bool {
			return p.Len() == 3 && basic(p.At(0).Type(), types.Int) && pointerTo(p.At(1).Type(), "RawSockaddrAny") &&
				pointerToBasic(p.At(2).Type(), types.Uint32) && isError(r)
		},
	},
}

// Targets returns the targets `go tool dist list` knows for the given GOOS
// values, sorted.
func Targets(ctx context.Context, goos []string) ([]Target, error) {
	cmd := exec.CommandContext(ctx, "go", "tool", "dist", "list", "-json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool dist list: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var all []Target
	if err := json.Unmarshal(out, &all); err != nil {
		return nil, fmt.Errorf("go tool dist list -json: %v", err)
	}
	var targets []Target
	for _, t := range all {
		if slices.Contains(goos, t.GOOS) {
			targets = append(targets, t)
		}
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
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, t := range targets {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
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
	}
	wg.Wait()
	if err := joinErrors(errs); err != nil {
		return nil, err
	}
	return pkgs, nil
}

func loadTarget(ctx context.Context, dir string, t Target) (*Package, error) {
	cfg := &packages.Config{
		Context: ctx,
		Dir:     dir,
		// Type-check the package and its imports from source (dependencies
		// without function bodies). That costs about a second per target
		// whether or not the build cache is warm; loading imports from
		// export data instead would compile the standard library for each
		// of the 39 targets on a fresh machine, which takes minutes.
		// Syntax also gives the unexported connect wrapper.
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedImports | packages.NeedDeps,
		Env:  append(os.Environ(), "GOOS="+t.GOOS, "GOARCH="+t.GOARCH, "CGO_ENABLED=0", "GOFLAGS=-mod=readonly"),
	}
	loaded, err := packages.Load(cfg, UnixPkg)
	if err != nil {
		return nil, fmt.Errorf("%s: loading %s: %v", t, UnixPkg, err)
	}
	if len(loaded) != 1 {
		return nil, fmt.Errorf("%s: loading %s gave %d packages", t, UnixPkg, len(loaded))
	}
	p := loaded[0]
	if len(p.Errors) > 0 {
		var msgs []string
		for _, e := range p.Errors {
			msgs = append(msgs, e.Error())
		}
		return nil, fmt.Errorf("%s: %s does not load: %s", t, UnixPkg, strings.Join(msgs, "; "))
	}
	return fromScope(t, p.Types.Scope()), nil
}

// fromScope collects the constants and the connect wrapper of a loaded
// package scope.
func fromScope(t Target, scope *types.Scope) *Package {
	pkg := &Package{Target: t, Errnos: map[string]int64{}, Families: map[string]int64{}, Wrappers: map[string]WrapperSignature{}}
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Const:
			v, ok := constant.Int64Val(constant.ToInt(obj.Val()))
			if !ok {
				continue
			}
			if named, isNamed := types.Unalias(obj.Type()).(*types.Named); isNamed && named.Obj().Name() == "Errno" {
				pkg.Errnos[name] = v
			} else if strings.HasPrefix(name, "AF_") {
				pkg.Families[name] = v
			}
		case *types.Func:
			for _, w := range Wrappers {
				if name == w.Name {
					sig := obj.Signature()
					pkg.Wrappers[name] = WrapperSignature{
						Signature: types.TypeString(sig, func(*types.Package) string { return "" }),
						Fits:      !sig.Variadic() && w.fits(sig.Params(), sig.Results()),
					}
				}
			}
		}
	}
	return pkg
}

func joinErrors(errs []error) error {
	var msgs []string
	for _, e := range errs {
		if e != nil {
			msgs = append(msgs, e.Error())
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

func basic(t types.Type, kind types.BasicKind) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == kind
}

func pointerToBasic(t types.Type, kind types.BasicKind) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && basic(p.Elem(), kind)
}

func pointerTo(t types.Type, name string) bool {
	p, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == name
}

func isError(r *types.Tuple) bool {
	return r.Len() == 1 && types.Identical(r.At(0).Type(), types.Universe.Lookup("error").Type())
}
