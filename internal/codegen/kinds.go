package codegen

import (
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

// portableKinds renders portable/zkind.go: Kind, its constants with the
// spec's docs, their data and the sentinel errors. It is the only Kind:
// the tables carry portable's constants.
func portableKinds(s *spec.Spec, source string) *jen.File {
	f := newFile("portable", source, "")
	f.Comment("Kind classifies a connect error the same way on every OS: the same")
	f.Comment("situation gives the same Kind on Linux, FreeBSD, macOS, Windows and the rest.")
	f.Comment("The kinds are listed in spec/kinds.yaml; the zero Kind is Unknown.")
	f.Type().Id("Kind").Uint8()
	f.Const().DefsFunc(func(g *jen.Group) {
		for i, k := range s.Kinds.Kinds {
			name := rules.GoName(k.Name.Name)
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
			g.Line().Id(rules.GoName(k.Name.Name)).Op(":").Values(jen.Dict{
				jen.Id("name"):    jen.Lit(k.Name.Name),
				jen.Id("doc"):     jen.Lit(k.Doc),
				jen.Id("retry"):   jen.Lit(k.Retry),
				jen.Id("timeout"): jen.Lit(k.Timeout),
			})
		}
		g.Line()
	})
	f.Comment("Sentinel errors, one per kind: errors.Is(err, ErrRefused) reports whether")
	f.Comment("err, or an error it wraps, is of kind Refused. They are constants, so no")
	f.Comment("importer can change what they match.")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, k := range s.Kinds.Kinds {
			name := rules.GoName(k.Name.Name)
			g.Commentf("Err%s matches errors of kind %s.", name, name)
			g.Id("Err" + name).Op("=").Id("sentinel").Call(jen.Id(name))
		}
	})
	return f
}

// lowerFirst lower-cases the first letter of a sentence so it can follow
// "X means", unless its first word is an acronym ("AF_UNIX path ...").
func lowerFirst(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[size:])
	if unicode.IsUpper(first) && !unicode.IsUpper(next) && next != '_' {
		return string(unicode.ToLower(first)) + s[size:]
	}
	return s
}
