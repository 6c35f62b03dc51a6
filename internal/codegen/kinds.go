package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/connspec/connspec/internal/spec"
)

// platformKinds renders platform/zkinds.go: the kind constants the tables
// use. They are numbered like portable's, from the same list.
func platformKinds(s *spec.Spec, source string) *jen.File {
	f := newFile("platform", source, "")
	f.Comment("Kind is a portable error kind as the tables carry it. It is numbered like")
	f.Comment("portable.Kind, both being generated from spec/kinds.yaml in order.")
	f.Type().Id("Kind").Uint8()
	f.Const().DefsFunc(func(g *jen.Group) {
		for i, k := range s.Kinds.Kinds {
			name := "Kind" + GoName(k.Name.Name)
			g.Comment(name + " means " + lowerFirst(k.Doc))
			if i == 0 {
				g.Id(name).Id("Kind").Op("=").Iota()
			} else {
				g.Id(name)
			}
		}
	})
	return f
}

// portableKinds renders portable/zkind.go: Kind, its constants with the
// spec's docs, their data and the sentinel errors.
func portableKinds(s *spec.Spec, source string) *jen.File {
	f := newFile("portable", source, "")
	f.Comment("Kind classifies a connect error the same way on every OS: the same")
	f.Comment("situation gives the same Kind on Linux, FreeBSD, macOS and the rest.")
	f.Comment("The kinds are listed in spec/kinds.yaml; the zero Kind is Unknown.")
	f.Type().Id("Kind").Uint8()
	f.Const().DefsFunc(func(g *jen.Group) {
		for i, k := range s.Kinds.Kinds {
			name := GoName(k.Name.Name)
			g.Comment(name + " means " + lowerFirst(k.Doc))
			if i == 0 {
				g.Id(name).Id("Kind").Op("=").Iota()
			} else {
				g.Id(name)
			}
		}
	})
	f.Comment("kindData holds each kind's entry in spec/kinds.yaml.")
	f.Var().Id("kindData").Op("=").Index(jen.Op("...")).Id("kindEntry").ValuesFunc(func(g *jen.Group) {
		for _, k := range s.Kinds.Kinds {
			g.Line().Id(GoName(k.Name.Name)).Op(":").Values(jen.Dict{
				jen.Id("name"):    jen.Lit(k.Name.Name),
				jen.Id("doc"):     jen.Lit(k.Doc),
				jen.Id("retry"):   jen.Lit(k.Retry),
				jen.Id("timeout"): jen.Lit(k.Timeout),
			})
		}
		g.Line()
	})
	f.Comment("Sentinel errors, one per kind: errors.Is(err, ErrRefused) reports whether")
	f.Comment("err, or an error it wraps, is of kind Refused.")
	f.Var().DefsFunc(func(g *jen.Group) {
		for _, k := range s.Kinds.Kinds {
			name := GoName(k.Name.Name)
			g.Commentf("Err%s matches errors of kind %s.", name, name)
			g.Id("Err" + name).Error().Op("=").Id("sentinel").Call(jen.Id(name))
		}
	})
	return f
}

// lowerFirst lower-cases the first letter of a sentence so it can follow
// "X means", unless it starts an acronym ("AF_UNIX").
func lowerFirst(s string) string {
	if len(s) > 1 && s[1] >= 'a' && s[1] <= 'z' && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
