package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/spec"
)

// The JSON Schemas of the spec files are derived from the model by
// reflection, with the decoder's rules (internal/spec/decode.go):
//
//	struct            object of its yaml-tagged fields, no other keys;
//	                  required:"true" fields are required
//	spec.Symbol       string
//	spec.Source       string starting with one of spec.SourceSchemes and ':'
//	[]T               array of T, unless T has a ",key" field: then an object
//	                  whose values are T (or, when T has a ",value" field,
//	                  that field's type)
//	bool, int, string boolean, integer, string
//
// A field tagged enum:"Name" takes its values from the vocabulary spec.Name
// (see vocabularies); descriptions are the model's doc comments (spec.Doc).

// schemaDir is the directory of the JSON Schemas, in the spec directory.
const schemaDir = "schema"

// schemaBase is where the schemas are published; their $id is under it.
const schemaBase = "https://raw.githubusercontent.com/connspec/connspec/main/"

// schemaFiles are the schemas, one per kind of spec file.
var schemaFiles = []struct {
	name string       // file name without .schema.json
	file string       // the spec file it describes, relative to the spec directory
	root reflect.Type // the model type of the file
}{
	{"kinds", spec.KindsFileName, reflect.TypeFor[spec.KindsFile]()},
	{"scenarios", spec.ScenariosFileName, reflect.TypeFor[spec.ScenariosFile]()},
	{"os", path.Join(spec.OSDir, "<os>.yaml"), reflect.TypeFor[spec.OSFile]()},
}

// vocabularies resolves enum tags to the vocabularies of validate.go.
var vocabularies = map[string][]string{
	"Sockets":         spec.Sockets,
	"Calls":           spec.Calls,
	"Contexts":        spec.Contexts,
	"Families":        spec.Families,
	"Types":           spec.Types,
	"Phases":          spec.Phases,
	"SaLenRules":      spec.SaLenRules,
	"NamelenRules":    spec.NamelenRules,
	"DissolveMethods": spec.DissolveMethods,
	"Confirmations":   spec.Confirmations,
	"UnixGOOS":        spec.UnixGOOS,
}

var (
	symbolType = reflect.TypeFor[spec.Symbol]()
	sourceType = reflect.TypeFor[spec.Source]()
	posType    = reflect.TypeFor[spec.Pos]()
)

// schema is a JSON Schema (draft 2020-12); the field order is the order of
// the keywords in the generated files.
type schema struct {
	Schema               string      `json:"$schema,omitempty"`
	ID                   string      `json:"$id,omitempty"`
	Comment              string      `json:"$comment,omitempty"`
	Title                string      `json:"title,omitempty"`
	Description          string      `json:"description,omitempty"`
	Ref                  string      `json:"$ref,omitempty"`
	Type                 string      `json:"type,omitempty"`
	Enum                 []string    `json:"enum,omitempty"`
	Pattern              string      `json:"pattern,omitempty"`
	Items                *schema     `json:"items,omitempty"`
	Properties           *properties `json:"properties,omitempty"`
	Required             []string    `json:"required,omitempty"`
	AdditionalProperties any         `json:"additionalProperties,omitempty"`
	AnyOf                []*schema   `json:"anyOf,omitempty"`
	Defs                 *properties `json:"$defs,omitempty"`
}

// properties is a JSON object of schemas that keeps its keys in order: the
// model's field order for properties, sorted for $defs.
type properties struct {
	keys    []string
	schemas map[string]*schema
}

func (p *properties) set(key string, s *schema) {
	if p.schemas == nil {
		p.schemas = map[string]*schema{}
	}
	if _, ok := p.schemas[key]; !ok {
		p.keys = append(p.keys, key)
	}
	p.schemas[key] = s
}

func (p *properties) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range p.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := marshal(k)
		if err != nil {
			return nil, err
		}
		val, err := marshal(p.schemas[k])
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Schemas renders the JSON Schemas of the spec files into specDir/schema:
// kinds.schema.json, scenarios.schema.json and os.schema.json. Editors find
// them through the yaml-language-server modeline at the top of each spec
// file.
func Schemas(specDir string) ([]Output, error) {
	var outs []Output
	for _, f := range schemaFiles {
		rel := path.Join(specDir, schemaDir, f.name+".schema.json")
		data, err := renderSchema(f.root, path.Join(specDir, f.file), rel)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", rel, err)
		}
		outs = append(outs, Output{Path: rel, Source: "internal/spec/model.go", Data: data})
	}
	return outs, nil
}

func renderSchema(root reflect.Type, file, rel string) ([]byte, error) {
	b := &schemaBuilder{defs: map[string]*schema{}}
	s, err := b.object(root)
	if err != nil {
		return nil, err
	}
	s.Schema = "https://json-schema.org/draft/2020-12/schema"
	s.ID = schemaBase + rel
	s.Comment = "Code generated by gen from internal/spec/model.go; DO NOT EDIT."
	s.Title = "connspec " + file
	if len(b.defs) > 0 {
		s.Defs = &properties{}
		for _, name := range slices.Sorted(maps.Keys(b.defs)) {
			s.Defs.set(name, b.defs[name])
		}
	}
	data, err := marshal(s)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and &, which the
// descriptions use ("spec/os/<os>.yaml") and a reader should see as written.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// schemaBuilder collects the $defs of one schema file.
type schemaBuilder struct {
	defs map[string]*schema
}

// object is the schema of a struct: its yaml-tagged fields, nothing else.
func (b *schemaBuilder) object(t reflect.Type) (*schema, error) {
	s := &schema{Description: spec.Doc(t.Name()), Type: "object", Properties: &properties{}, AdditionalProperties: false}
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if f.Type == posType || key == "" || key == "-" {
			continue
		}
		p, err := b.field(t, f)
		if err != nil {
			return nil, err
		}
		p.Description = fieldDoc(t, f, key)
		s.Properties.set(key, p)
		if f.Tag.Get("required") == "true" {
			s.Required = append(s.Required, key)
		}
	}
	return s, nil
}

// field is the schema of one field's value.
func (b *schemaBuilder) field(owner reflect.Type, f reflect.StructField) (*schema, error) {
	var enum []string
	if name, ok := f.Tag.Lookup("enum"); ok {
		if enum, ok = vocabularies[name]; !ok {
			return nil, fmt.Errorf("field %s.%s: enum:%q names no vocabulary; add spec.%[3]s to vocabularies in internal/codegen/schema.go", owner.Name(), f.Name, name)
		}
	}
	return b.value(f.Type, enum)
}

// value is the schema of a value of type t; enum, if any, restricts a
// Symbol or the Symbols of a slice.
func (b *schemaBuilder) value(t reflect.Type, enum []string) (*schema, error) {
	t = derefType(t)
	if enum != nil && t != symbolType && t.Kind() != reflect.Slice {
		return nil, fmt.Errorf("an enum tag on a field of type %s: only Symbol fields (and slices of them) take one", t)
	}
	switch t {
	case symbolType:
		return &schema{Type: "string", Enum: enum}, nil
	case sourceType:
		if err := b.define(t, func() (*schema, error) { return sourceSchema(), nil }); err != nil {
			return nil, err
		}
		return &schema{Ref: "#/$defs/" + t.Name()}, nil
	}
	switch t.Kind() {
	case reflect.Bool:
		return &schema{Type: "boolean"}, nil
	case reflect.Int:
		return &schema{Type: "integer"}, nil
	case reflect.String:
		return &schema{Type: "string"}, nil
	case reflect.Struct:
		if err := b.define(t, func() (*schema, error) { return b.object(t) }); err != nil {
			return nil, err
		}
		return &schema{Ref: "#/$defs/" + t.Name()}, nil
	case reflect.Slice:
		elem := t.Elem()
		item, err := b.value(elem, enum)
		if err != nil {
			return nil, err
		}
		key, value := entryFields(elem)
		if key == nil {
			return &schema{Type: "array", Items: item}, nil
		}
		entry := item
		if value != nil {
			v, err := b.value(value.Type, nil)
			if err != nil {
				return nil, err
			}
			v.Description = spec.Doc(derefType(elem).Name() + "." + value.Name)
			entry = &schema{AnyOf: []*schema{item, v}}
		}
		return &schema{Type: "object", AdditionalProperties: entry}, nil
	}
	return nil, fmt.Errorf("the model has a field of type %s, which has no JSON Schema here; extend internal/codegen/schema.go", t)
}

// define adds the schema of the named type t to $defs, once.
func (b *schemaBuilder) define(t reflect.Type, build func() (*schema, error)) error {
	if _, done := b.defs[t.Name()]; done {
		return nil
	}
	b.defs[t.Name()] = nil // a recursive type refers to itself
	s, err := build()
	if err != nil {
		return err
	}
	b.defs[t.Name()] = s
	return nil
}

// sourceSchema is the schema of a source: "scheme: reference".
func sourceSchema() *schema {
	var schemes []string
	for _, s := range slices.Sorted(maps.Keys(spec.SourceSchemes)) {
		schemes = append(schemes, regexp.QuoteMeta(s))
	}
	return &schema{
		Description: spec.Doc(sourceType.Name()),
		Type:        "string",
		Pattern:     `^(` + strings.Join(schemes, "|") + `):\s*\S`,
	}
}

// fieldDoc is a field's doc comment, its subject spelt as the key in the
// file: "SOError lists..." becomes "so_error lists...".
func fieldDoc(owner reflect.Type, f reflect.StructField, key string) string {
	doc := spec.Doc(owner.Name() + "." + f.Name)
	if rest, ok := strings.CutPrefix(doc, f.Name); ok && (strings.HasPrefix(rest, " ") || strings.HasPrefix(rest, ",")) {
		return key + rest
	}
	return doc
}

// entryFields returns the ",key" and ",value" fields of a struct written as
// a mapping entry (see internal/spec/decode.go), or nil.
func entryFields(t reflect.Type) (key, value *reflect.StructField) {
	t = derefType(t)
	if t.Kind() != reflect.Struct {
		return nil, nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		switch f.Tag.Get("yaml") {
		case ",key":
			key = &f
		case ",value":
			value = &f
		}
	}
	return key, value
}

func derefType(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}
