package spec

import (
	"embed"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
	"sync"
)

// modelSource holds the files that declare the model's types, so that their
// doc comments travel with the compiled model: whatever reflects on these
// types reads the comments of the same source.
//
//go:embed model.go symbol.go
var modelSource embed.FS

var modelDocs = sync.OnceValue(parseModelDocs)

// Doc returns the doc comment of a model type ("ErrnoRule") or of one of its
// fields ("ErrnoRule.Meaning") as plain text: paragraphs unwrapped and
// separated by a blank line, code blocks indented by a tab. It returns ""
// for a name the model does not document. The JSON Schemas of the spec files
// take their descriptions from it.
func Doc(name string) string { return modelDocs()[name] }

func parseModelDocs() map[string]string {
	docs := map[string]string{}
	files, err := fs.Glob(modelSource, "*.go")
	if err != nil {
		panic(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		src, err := modelSource.ReadFile(name)
		if err != nil {
			panic(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			// The file compiled into this binary; it parses.
			panic(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.TYPE {
				continue
			}
			for _, s := range gen.Specs {
				ts := s.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gen.Specs) == 1 {
					doc = gen.Doc
				}
				docs[ts.Name.Name] = docText(doc)
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, field := range st.Fields.List {
					for _, n := range field.Names {
						docs[ts.Name.Name+"."+n.Name] = docText(field.Doc)
					}
				}
			}
		}
	}
	return docs
}

// docText renders a doc comment without line wrapping.
func docText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	var p comment.Parser
	text := (&comment.Printer{TextWidth: -1}).Text(p.Parse(g.Text()))
	return strings.TrimSpace(string(text))
}
