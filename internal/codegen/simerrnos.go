package codegen

import (
	"maps"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/connspec/connspec/internal/resolve"
	"github.com/connspec/connspec/internal/spec"
)

// SimErrnosPath is where simErrnos is written.
const SimErrnosPath = "internal/sim/zerrnos.go"

// simErrnos renders internal/sim/zerrnos.go: the value of every errno name
// each OS file uses, on each of its targets, as golang.org/x/sys resolved
// them, so the simulation runs every OS's table with that OS's own values.
func simErrnos(s *spec.Spec, res map[string]*resolve.OSResolution, source string) *jen.File {
	f := newFile("sim", source, "")
	names := map[string][]string{}
	first := map[string]string{}
	values := map[string]map[string][]int{}
	for _, o := range s.OSes {
		r := res[o.OS.Name]
		list := slices.Sorted(maps.Keys(r.Errnos))
		names[o.OS.Name] = list
		first[o.OS.Name] = primaryTarget(o, r.Targets)
		values[o.OS.Name] = map[string][]int{}
		for _, t := range r.Targets {
			for _, name := range list {
				values[o.OS.Name][t.String()] = append(values[o.OS.Name][t.String()], int(r.Errnos[name][t]))
			}
		}
	}
	f.Comment("errnoNames lists, for each OS file, the errno names it uses, sorted.")
	f.Var().Id("errnoNames").Op("=").Map(jen.String()).Index().String().Values(dictOf(names, func(v []string) jen.Code {
		return jen.Values(strLits(v)...)
	}))
	f.Comment("firstTarget is the first target of each OS file, whose values stand")
	f.Comment("for the OS where the simulation does not run on it.")
	f.Var().Id("firstTarget").Op("=").Map(jen.String()).String().Values(dictOf(first, func(v string) jen.Code { return jen.Lit(v) }))
	f.Comment("errnoValuesOf gives, for each OS file and each of its targets, the")
	f.Comment("values of the file's errnoNames, in the same order.")
	f.Var().Id("errnoValuesOf").Op("=").Map(jen.String()).Map(jen.String()).Index().Int().Values(dictOf(values, func(byTarget map[string][]int) jen.Code {
		return jen.Values(dictOf(byTarget, func(v []int) jen.Code {
			var lits []jen.Code
			for _, n := range v {
				lits = append(lits, jen.Lit(n))
			}
			return jen.Values(lits...)
		}))
	}))
	return f
}

// dictOf renders a map literal's entries sorted by key, one a line.
func dictOf[V any](m map[string]V, value func(V) jen.Code) jen.Code {
	keys := slices.Sorted(maps.Keys(m))
	return jen.DictFunc(func(d jen.Dict) {
		for _, k := range keys {
			d[jen.Lit(k)] = value(m[k])
		}
	})
}

func strLits(list []string) []jen.Code {
	codes := make([]jen.Code, len(list))
	for i, s := range list {
		codes[i] = jen.Lit(s)
	}
	return codes
}

// primaryTarget is the target whose values stand for an OS: amd64 of the
// OS's own GOOS where Go has it, else its first target.
func primaryTarget(o *spec.OSFile, targets []resolve.Target) string {
	for _, t := range targets {
		if t.GOOS == o.OS.Name && t.GOARCH == "amd64" {
			return t.String()
		}
	}
	if len(targets) > 0 {
		return targets[0].String()
	}
	return ""
}
