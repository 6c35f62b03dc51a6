package codegen

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/connspec/connspec/internal/resolve"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

const rulesPkg = Module + "/internal/rules"

// kindName and errnoName are the kinds and errnos of the table the
// generator renders: spec.Translate fills them with names, and the renderer
// writes each as the Go identifier of its value (Refused, unix.ECONNREFUSED).
type (
	kindName  string
	errnoName string
)

// HostTableVar is the name of the generated table in package portable.
const HostTableVar = "hostTable"

// osTable renders portable/zspec_<os>.go: the file's table, translated by
// spec.Translate as the simulation translates it, written as a Go value.
func osTable(s *spec.Spec, f *spec.OSFile, r *resolve.OSResolution, source string) (*jen.File, error) {
	if r == nil {
		return nil, fmt.Errorf("%s: the spec's names were not resolved", f.File)
	}
	if err := oneCasePerValue(f, r); err != nil {
		return nil, err
	}
	t := spec.Translate(f, source,
		func(k string) kindName { return kindName(k) },
		func(e string) errnoName { return errnoName(r.Canonical[e]) })
	file := newFile("portable", source, buildConstraint(s, f))
	file.ImportName(rulesPkg, "rules")
	file.Commentf("%s is the table of %s, which covers GOOS %s.", HostTableVar, source, strings.Join(f.GOOSNames(), ", "))
	file.Comment(strings.TrimSpace(f.Doc))
	file.Var().Id(HostTableVar).Op("=").Op("&").Add(value(reflect.ValueOf(t).Elem(), r.Package))
	return file, nil
}

// oneCasePerValue rejects a file that maps two names of one errno value:
// the table would have two rules for one errno on some target.
func oneCasePerValue(f *spec.OSFile, r *resolve.OSResolution) error {
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

var (
	kindNameType  = reflect.TypeFor[kindName]()
	errnoNameType = reflect.TypeFor[errnoName]()
	enumType      = reflect.TypeFor[interface{ Names() []string }]()
)

// value writes v as a Go expression: structs and slices as composite
// literals (zero fields left out), kinds as portable's constants, errnos as
// constants of errnoPkg, vocabulary values as rules' constants.
func value(v reflect.Value, errnoPkg string) jen.Code {
	switch t := v.Type(); {
	case t == kindNameType:
		return jen.Id(rules.GoName(v.String()))
	case t == errnoNameType:
		return jen.Qual(errnoPkg, v.String())
	case t.Implements(enumType):
		return jen.Qual(rulesPkg, t.Name()+rules.GoName(v.Interface().(fmt.Stringer).String()))
	case t.Kind() == reflect.Struct:
		return typeCode(t).Add(fields(v, errnoPkg))
	case t.Kind() == reflect.Slice:
		return jen.Index().Add(typeCode(t.Elem())).ValuesFunc(func(g *jen.Group) {
			for i := range v.Len() {
				elem := v.Index(i)
				if elem.Kind() == reflect.Struct {
					g.Line().Add(fields(elem, errnoPkg))
				} else {
					g.Add(value(elem, errnoPkg))
				}
			}
			if v.Len() > 0 && v.Index(0).Kind() == reflect.Struct {
				g.Line()
			}
		})
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return jen.Lit(int(v.Int()))
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		return jen.Lit(int(v.Uint()))
	}
	return jen.Lit(v.Interface())
}

// fields writes a struct's non-zero fields, one a line, in declaration
// order.
func fields(v reflect.Value, errnoPkg string) jen.Code {
	return jen.ValuesFunc(func(g *jen.Group) {
		for i := range v.NumField() {
			if f := v.Field(i); !f.IsZero() {
				g.Line().Id(v.Type().Field(i).Name).Op(":").Add(value(f, errnoPkg))
			}
		}
		g.Line()
	})
}

// typeCode names a type of the rendered table: rules' generic types with
// portable's Kind and syscall.Errno as their arguments.
func typeCode(t reflect.Type) *jen.Statement {
	switch t {
	case kindNameType:
		return jen.Id("Kind")
	case errnoNameType:
		return jen.Qual("syscall", "Errno")
	}
	if t.PkgPath() != rulesPkg {
		return jen.Id(t.String())
	}
	base, args, generic := strings.Cut(t.Name(), "[")
	code := jen.Qual(rulesPkg, base)
	if !generic {
		return code
	}
	var params []jen.Code
	for _, a := range strings.Split(strings.TrimSuffix(args, "]"), ",") {
		switch {
		case strings.HasSuffix(a, ".kindName"):
			params = append(params, jen.Id("Kind"))
		case strings.HasSuffix(a, ".errnoName"):
			params = append(params, jen.Qual("syscall", "Errno"))
		}
	}
	return code.Types(params...)
}
