package kernel

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// wrapper is a golang.org/x/sys/unix function raw_linkname.go links to,
// with the signature it declares, written as x/sys/unix writes it.
type wrapper struct {
	name    string
	params  []string
	results []string
}

// wrappers are the functions raw_linkname.go declares.
var wrappers = []wrapper{
	{"connect", []string{"int", "unsafe.Pointer", "_Socklen"}, []string{"error"}},
	{"getpeername", []string{"int", "*RawSockaddrAny", "*_Socklen"}, []string{"error"}},
	{"getsockname", []string{"int", "*RawSockaddrAny", "*_Socklen"}, []string{"error"}},
}

// checkWrappers reads the x/sys/unix package in dir as ctx builds it and
// returns what differs from wrappers: a missing function, another
// signature, or a _Socklen that is not a uint32.
func checkWrappers(dir string, ctx build.Context) ([]string, error) {
	files, err := parseBuilt(dir, ctx)
	if err != nil {
		return nil, err
	}
	funcs := map[string]*ast.FuncDecl{}
	socklen := ""
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					funcs[d.Name.Name] = d
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == "_Socklen" {
						socklen = exprString(ts.Type)
					}
				}
			}
		}
	}
	var problems []string
	if socklen != "uint32" {
		problems = append(problems, fmt.Sprintf("_Socklen is %q, raw_linkname.go passes a uint32", socklen))
	}
	for _, w := range wrappers {
		fn, ok := funcs[w.name]
		if !ok {
			problems = append(problems, fmt.Sprintf("x/sys/unix has no function %s for %s/%s", w.name, ctx.GOOS, ctx.GOARCH))
			continue
		}
		params, results := fieldTypes(fn.Type.Params), fieldTypes(fn.Type.Results)
		if strings.Join(params, ",") != strings.Join(w.params, ",") || strings.Join(results, ",") != strings.Join(w.results, ",") {
			problems = append(problems, fmt.Sprintf("x/sys/unix declares %s(%s) (%s) for %s/%s; raw_linkname.go links to %s(%s) (%s)",
				w.name, strings.Join(params, ", "), strings.Join(results, ", "), ctx.GOOS, ctx.GOARCH,
				w.name, strings.Join(w.params, ", "), strings.Join(w.results, ", ")))
		}
	}
	return problems, nil
}

// parseBuilt parses the files of dir that ctx builds.
func parseBuilt(dir string, ctx build.Context) ([]*ast.File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, e.Name()); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// fieldTypes lists a parameter or result list's types, one per name.
func fieldTypes(fl *ast.FieldList) []string {
	var types []string
	if fl == nil {
		return nil
	}
	for _, f := range fl.List {
		n := max(len(f.Names), 1)
		for range n {
			types = append(types, exprString(f.Type))
		}
	}
	return types
}

func exprString(e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}
