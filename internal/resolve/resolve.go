package resolve

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/spec"
)

// OSResolution is what one OS file's names are on each of its targets.
type OSResolution struct {
	// OS is the spec name ("linux").
	OS string
	// Package is the import path the names resolve in: golang.org/x/sys/unix,
	// or golang.org/x/sys/windows for Windows.
	Package string
	// Targets are the targets the file's GOOS values build for, sorted.
	Targets []Target
	// Errnos maps each errno name the file uses to its value per target.
	Errnos map[string]map[Target]int64
	// Aliases maps each errno name the file uses to the other x/sys errno
	// names equal to it on every target (EAGAIN: EWOULDBLOCK), sorted.
	Aliases map[string][]string
	// Canonical maps each errno name the file uses to the name that stands
	// for its value in generated switches: the first of the names the file
	// uses that are equal to it, in spec order.
	Canonical map[string]string
}

// Same reports whether two errno names the file uses are one errno on
// every target.
func (r *OSResolution) Same(a, b string) bool { return r.Canonical[a] == r.Canonical[b] }

// Resolve checks every name s uses against the loaded packages of its
// targets. Errors are a spec.ErrorList, each at the spec line that wrote the
// name, naming the target that lacks it.
func Resolve(s *spec.Spec, targets map[string][]Target, pkgs map[Target]*Package) (map[string]*OSResolution, error) {
	var errs spec.ErrorList
	out := map[string]*OSResolution{}
	for _, f := range s.OSes {
		out[f.OS.Name] = resolveOS(f, targets[f.OS.Name], pkgs, &errs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func resolveOS(f *spec.OSFile, targets []Target, pkgs map[Target]*Package, errs *spec.ErrorList) *OSResolution {
	r := &OSResolution{
		OS:        f.OS.Name,
		Package:   packageOf(f),
		Targets:   targets,
		Errnos:    map[string]map[Target]int64{},
		Aliases:   map[string][]string{},
		Canonical: map[string]string{},
	}
	add := func(pos spec.Pos, format string, args ...any) {
		*errs = append(*errs, &spec.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	if len(targets) == 0 {
		add(f.Pos, "%s: go tool dist list knows no target for goos %s", f.OS.Name, strings.Join(f.GOOSNames(), ", "))
		return r
	}
	for _, sym := range f.Symbols() {
		if _, done := r.Errnos[sym.Name]; !done {
			r.resolveName(sym, pkgs, add)
		}
	}
	r.group(f, targets, pkgs, add)
	return r
}

// resolveName records the value of one name on every target, or reports,
// at the place that wrote it, the targets that lack it.
func (r *OSResolution) resolveName(sym spec.Symbol, pkgs map[Target]*Package, add func(spec.Pos, string, ...any)) {
	values := map[Target]int64{}
	var missing []string
	var lacking *Package
	for _, t := range r.Targets {
		v, ok := pkgs[t].Errnos[sym.Name]
		if !ok {
			missing = append(missing, t.String())
			lacking = cmp.Or(lacking, pkgs[t])
			continue
		}
		values[t] = v
	}
	if len(missing) > 0 {
		add(sym.Pos, "errno %q is not defined by %s for %s%s", sym.Name, r.Package, strings.Join(missing, ", "),
			suggest(sym.Name, slices.Collect(maps.Keys(lacking.Errnos))))
		return
	}
	r.Errnos[sym.Name] = values
}

// group computes Canonical and Aliases, and reports names that are one errno
// on some targets and two on others: one generated file per OS cannot have
// both a single case and two cases for them.
func (r *OSResolution) group(f *spec.OSFile, targets []Target, pkgs map[Target]*Package, add func(spec.Pos, string, ...any)) {
	var used []spec.Symbol
	seen := map[string]bool{}
	for _, sym := range f.Symbols() {
		if _, ok := r.Errnos[sym.Name]; ok && !seen[sym.Name] {
			seen[sym.Name] = true
			used = append(used, sym)
		}
	}
	for i, a := range used {
		r.Canonical[a.Name] = a.Name
		for _, b := range used[:i] {
			equal, differ := splitTargets(targets, r.Errnos[a.Name], r.Errnos[b.Name])
			switch {
			case len(differ) == 0:
				if r.Canonical[a.Name] == a.Name {
					r.Canonical[a.Name] = r.Canonical[b.Name]
				}
			case len(equal) > 0:
				add(a.Pos, "%s and %s are one errno on %s but two on %s; the generated %s file serves all of them, so map only one of the names",
					b.Name, a.Name, strings.Join(equal, ", "), strings.Join(differ, ", "), f.OS.Name)
			}
		}
	}
	for _, u := range used {
		var aliases []string
		for name, v := range pkgs[targets[0]].Errnos {
			if name == u.Name || v != r.Errnos[u.Name][targets[0]] {
				continue
			}
			same := true
			for _, t := range targets[1:] {
				if w, ok := pkgs[t].Errnos[name]; !ok || w != r.Errnos[u.Name][t] {
					same = false
					break
				}
			}
			if same {
				aliases = append(aliases, name)
			}
		}
		slices.Sort(aliases)
		r.Aliases[u.Name] = aliases
	}
}

// splitTargets returns the targets where a and b have the same value and
// those where they differ.
func splitTargets(targets []Target, a, b map[Target]int64) (equal, differ []string) {
	for _, t := range targets {
		if a[t] == b[t] {
			equal = append(equal, t.String())
		} else {
			differ = append(differ, fmt.Sprintf("%s (%d, %d)", t, b[t], a[t]))
		}
	}
	return equal, differ
}

// suggest proposes the closest defined name for a misspelt one.
func suggest(name string, known []string) string {
	slices.Sort(known)
	if best := spec.Nearest(name, known); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

// packageOf is the package an OS file's names resolve in.
func packageOf(f *spec.OSFile) string { return packageFor(f.GOOSNames()[0]) }
