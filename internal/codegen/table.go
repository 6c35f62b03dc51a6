package codegen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/xsys"
)

const unixPkg = "golang.org/x/sys/unix"

// osTable renders platform/zspec_<os>.go: the table Current, whose Rule is a
// switch on x/sys/unix constants, one case per errno value.
func osTable(s *spec.Spec, f *spec.OSFile, r *xsys.OSResolution, source string) (*jen.File, error) {
	if r == nil {
		return nil, fmt.Errorf("%s: no resolution against %s", f.File, xsys.UnixPkg)
	}
	if err := oneCasePerValue(f, r); err != nil {
		return nil, err
	}
	file := newFile("platform", source, buildConstraint(s, f))

	doc := strings.TrimSpace(f.Doc)
	file.Commentf("Current is the table of %s, which covers GOOS %s.", source, strings.Join(spec.Names(f.GOOS), ", "))
	file.Comment(doc)
	file.Var().Id("Current").Op("=").Op("&").Id("Table").Values(jen.Dict{
		jen.Id("Spec"):       jen.Lit(f.OS.Name),
		jen.Id("SpecFile"):   jen.Lit(source),
		jen.Id("Rule"):       jen.Id("rule"),
		jen.Id("Sockaddr"):   sockaddr(f.Sockaddr),
		jen.Id("Dissolve"):   dissolve(f.Dissolve, r),
		jen.Id("Interrupt"):  interrupt(f.Interrupt, r),
		jen.Id("Completion"): completion(f.Completion, r),
	})

	file.Commentf("rule returns the rule %s gives errno, or nil.", source)
	file.Func().Id("rule").Params(jen.Id("errno").Qual(unixPkg, "Errno")).Op("*").Id("ErrnoRule").Block(
		jen.Switch(jen.Id("errno")).BlockFunc(func(g *jen.Group) {
			for i, rule := range f.Errnos {
				g.Case(jen.Qual(unixPkg, rule.Errno.Name)).Block(
					jen.Return(jen.Op("&").Id("rules").Index(jen.Lit(i))),
				)
			}
		}),
		jen.Return(jen.Nil()),
	)

	file.Commentf("rules holds the errnos of %s in file order.", source)
	file.Var().Id("rules").Op("=").Index(jen.Op("...")).Id("ErrnoRule").ValuesFunc(func(g *jen.Group) {
		for _, rule := range f.Errnos {
			g.Line().Values(errnoRule(rule, r))
		}
		g.Line()
	})
	return file, nil
}

// oneCasePerValue rejects a file that maps two names of one errno value:
// the generated switch would have a duplicate case on some target.
func oneCasePerValue(f *spec.OSFile, r *xsys.OSResolution) error {
	var errs spec.ErrorList
	for i, a := range f.Errnos {
		for _, b := range f.Errnos[:i] {
			if r.Same(a.Errno.Name, b.Errno.Name) {
				errs = append(errs, &spec.Error{Pos: a.Errno.Pos, Msg: fmt.Sprintf(
					"%s is the same errno as %s (mapped at %s) on every %s target; map it once", a.Errno.Name, b.Errno.Name, b.Errno.Pos, f.OS.Name)})
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func errnoRule(rule *spec.ErrnoRule, r *xsys.OSResolution) jen.Dict {
	d := jen.Dict{
		jen.Id("Name"):    jen.Lit(rule.Errno.Name),
		jen.Id("Default"): meaning(rule.Kind.Name, rule.Meaning),
	}
	if aliases := r.Aliases[rule.Errno.Name]; len(aliases) > 0 {
		d[jen.Id("Aliases")] = jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, a := range aliases {
				g.Lit(a)
			}
		})
	}
	if len(rule.When) > 0 {
		d[jen.Id("Cases")] = jen.Index().Id("Case").ValuesFunc(func(g *jen.Group) {
			for _, c := range rule.When {
				g.Values(whenCase(c))
			}
		})
	}
	return d
}

func whenCase(c *spec.Case) jen.Dict {
	d := jen.Dict{jen.Id("Meaning"): meaning(c.Kind.Name, c.Meaning)}
	if c.Family.Name != "" {
		d[jen.Id("Family")] = jen.Id("Family" + GoName(c.Family.Name))
	}
	if c.Type.Name != "" {
		d[jen.Id("Type")] = jen.Id("Type" + GoName(c.Type.Name))
	}
	if c.Phase.Name != "" {
		d[jen.Id("Phase")] = jen.Id(map[string]string{"connect": "PhaseConnect", "so_error": "PhaseSOError"}[c.Phase.Name])
	}
	if len(c.GOOS) > 0 {
		d[jen.Id("GOOS")] = jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, goos := range spec.Names(c.GOOS) {
				g.Lit(goos)
			}
		})
	}
	return d
}

func meaning(kind, text string) jen.Code {
	d := jen.Dict{jen.Id("Text"): jen.Lit(oneLine(text))}
	if kind == spec.Connected {
		d[jen.Id("Connected")] = jen.True()
	} else {
		d[jen.Id("Kind")] = jen.Id("Kind" + GoName(kind))
	}
	return jen.Id("Meaning").Values(d)
}

func sockaddr(sa *spec.SockaddrRules) jen.Code {
	return jen.Id("SockaddrRules").Values(jen.Dict{
		jen.Id("SaLen"):        jen.Lit(sa.SaLen.Name),
		jen.Id("SunPath"):      jen.Lit(sa.SunPath),
		jen.Id("UnixPathMax"):  jen.Lit(sa.UnixPathMax()),
		jen.Id("AbstractUnix"): jen.Lit(sa.AbstractUnix),
	})
}

func dissolve(d *spec.DissolveRules, r *xsys.OSResolution) jen.Code {
	method := map[string]string{"af_unspec": "DissolveUnspec", "null": "DissolveNull"}[d.Method.Name]
	dict := jen.Dict{
		jen.Id("Method"):          jen.Id(method),
		jen.Id("ConfirmWithPeer"): jen.Lit(d.Confirm.Name == "getpeername"),
		jen.Id("Stream"):          jen.Lit(d.StreamAnswer()),
	}
	if d.Namelen > 0 {
		dict[jen.Id("Namelen")] = jen.Lit(d.Namelen)
	}
	if len(d.SuccessErrnos) > 0 {
		dict[jen.Id("SuccessErrnos")] = errnoList(d.SuccessErrnos, r)
	}
	return jen.Id("DissolveRules").Values(dict)
}

func interrupt(in *spec.InterruptRules, r *xsys.OSResolution) jen.Code {
	return jen.Id("InterruptRules").Values(jen.Dict{
		jen.Id("Errnos"):    errnoList(in.Errnos, r),
		jen.Id("Continues"): jen.Lit(in.Continues),
	})
}

func completion(c *spec.CompletionRules, r *xsys.OSResolution) jen.Code {
	d := jen.Dict{
		jen.Id("Pending"):   errnoList(c.Pending, r),
		jen.Id("Connected"): errnoList(c.Connected, r),
	}
	if len(c.SOErrorPending) > 0 {
		d[jen.Id("SOErrorPending")] = errnoList(c.SOErrorPending, r)
	}
	return jen.Id("CompletionRules").Values(d)
}

// errnoList renders the names as x/sys/unix constants, once per value.
func errnoList(names []spec.Symbol, r *xsys.OSResolution) jen.Code {
	var seen []string
	return jen.Index().Qual(unixPkg, "Errno").ValuesFunc(func(g *jen.Group) {
		for _, n := range names {
			canon := r.Canonical[n.Name]
			if slices.Contains(seen, canon) {
				continue
			}
			seen = append(seen, canon)
			g.Qual(unixPkg, n.Name)
		}
	})
}

// oneLine folds a YAML block scalar into one line for a Go string.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
