package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// The decoder turns a YAML node tree into the typed model, strictly: every
// key must be a field, no key may repeat, every scalar must have the field's
// type, and required fields must be present. It reports every problem with
// the file:line:col of the node that causes it, and goes on after a problem
// so that one run shows them all.
//
// Field tags:
//
//	yaml:"name"      the key in the file
//	yaml:"-"         not read from the file (Pos fields are filled with the
//	                 node's position)
//	yaml:",key"      in a struct decoded from a mapping entry: the entry's key
//	yaml:",value"    in such a struct: the entry's value when it is a scalar
//	required:"true"  the key must be present
//
// A slice whose element struct has a ",key" field is written as a mapping,
// so a file can say `tcp-refused: {connect: [ECONNREFUSED]}`.
type decoder struct {
	file string
	errs *ErrorList
}

// scalarDecoder is implemented by model types written as one scalar.
type scalarDecoder interface {
	decodeScalar(value string, pos Pos) error
}

var (
	posType           = reflect.TypeFor[Pos]()
	scalarDecoderType = reflect.TypeFor[scalarDecoder]()
)

// decodeFile parses data and decodes its single document into out.
func decodeFile(file string, data []byte, out any, errs *ErrorList) {
	syntax := func(err error) {
		pos := Pos{File: file}
		if le, ok := errors.AsType[*yaml.LoadError](err); ok {
			pos.Line, pos.Col = le.Mark.Line, le.Mark.Column
			err = errors.New(le.Message)
		}
		errs.add(pos, "not valid YAML: %v", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		syntax(err)
		return
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		errs.add(Pos{File: file}, "the file is empty; it must hold one YAML document")
		return
	}
	// A second document would be dropped without a word.
	var second yaml.Node
	switch err := dec.Decode(&second); {
	case err == nil:
		errs.add(Pos{File: file, Line: second.Line, Col: second.Column}, "a second YAML document starts here; write the whole file as one document")
	case err != io.EOF:
		syntax(err)
	}
	d := decoder{file: file, errs: errs}
	d.value(doc.Content[0], reflect.ValueOf(out).Elem(), "")
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

// value decodes n into v; what names the place for messages ("key kinds").
func (d *decoder) value(n *yaml.Node, v reflect.Value, what string) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.errs.add(d.pos(n), "%s: anchors and aliases are not allowed in spec files; write the value out", label(what))
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if reflect.PointerTo(v.Type()).Implements(scalarDecoderType) {
		if !d.expect(n, yaml.ScalarNode, what) {
			return
		}
		if err := v.Addr().Interface().(scalarDecoder).decodeScalar(n.Value, d.pos(n)); err != nil {
			d.errs.add(d.pos(n), "%s: %v", label(what), err)
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if d.expectTag(n, "!!str", "a string", what) {
			v.SetString(n.Value)
		}
	case reflect.Bool:
		if d.expectTag(n, "!!bool", "true or false", what) {
			b, err := strconv.ParseBool(n.Value)
			if err != nil {
				d.errs.add(d.pos(n), "%s: %q is not true or false", label(what), n.Value)
				return
			}
			v.SetBool(b)
		}
	case reflect.Int:
		if d.expectTag(n, "!!int", "an integer", what) {
			i, err := strconv.ParseInt(n.Value, 0, 64)
			if err != nil {
				d.errs.add(d.pos(n), "%s: %q is not an integer: %v", label(what), n.Value, err)
				return
			}
			v.SetInt(i)
		}
	case reflect.Slice:
		d.slice(n, v, what)
	case reflect.Struct:
		if d.expect(n, yaml.MappingNode, what) {
			d.fields(n, n, v, what)
		}
	default:
		panic(fmt.Sprintf("spec: the model has a field of unsupported type %s", v.Type()))
	}
}

// slice decodes a sequence, or a mapping when the element has a key field.
func (d *decoder) slice(n *yaml.Node, v reflect.Value, what string) {
	elem := v.Type().Elem()
	keyField, valueField := entryFields(elem)
	if keyField >= 0 && n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				d.errs.add(d.pos(k), "duplicate key %q in %s: it is already defined at %s", k.Value, label(what), d.pos(prev))
				continue
			}
			seen[k.Value] = k
			e := reflect.New(derefType(elem)).Elem()
			d.value(k, e.Field(keyField), what)
			entry := join(what, k.Value)
			switch {
			case val.Kind == yaml.MappingNode:
				d.fields(k, val, e, entry)
			case valueField >= 0:
				d.value(val, e.Field(valueField), entry)
			default:
				d.expect(val, yaml.MappingNode, entry)
			}
			v.Set(reflect.Append(v, wrap(e, elem)))
		}
		return
	}
	if !d.expect(n, yaml.SequenceNode, what) {
		return
	}
	for i, item := range n.Content {
		e := reflect.New(elem).Elem()
		d.value(item, e, fmt.Sprintf("%s[%d]", what, i))
		v.Set(reflect.Append(v, e))
	}
}

// fields decodes the mapping m into the struct v; at is the node whose
// position the struct takes (the entry's key for mapping entries).
func (d *decoder) fields(at, m *yaml.Node, v reflect.Value, what string) {
	t := v.Type()
	byKey := map[string]int{}
	var required []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == posType {
			v.Field(i).Set(reflect.ValueOf(d.pos(at)))
			continue
		}
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		byKey[key] = i
		if f.Tag.Get("required") == "true" {
			required = append(required, key)
		}
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, val := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errs.add(d.pos(k), "%s: keys must be plain names", label(what))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errs.add(d.pos(k), "duplicate key %q in %s: it is already defined at %s", k.Value, label(what), d.pos(prev))
			continue
		}
		seen[k.Value] = k
		idx, ok := byKey[k.Value]
		if !ok {
			d.errs.add(d.pos(k), "unknown key %q in %s%s", k.Value, label(what), suggestion(k.Value, sortedKeys(byKey)))
			continue
		}
		if val.Tag == "!!null" {
			d.errs.add(d.pos(val), "%s has no value", join(what, k.Value))
			continue
		}
		d.value(val, v.Field(idx), join(what, k.Value))
	}
	slices.Sort(required)
	for _, key := range required {
		if _, ok := seen[key]; !ok {
			d.errs.add(d.pos(at), "missing required key %q in %s", key, label(what))
		}
	}
}

func (d *decoder) expect(n *yaml.Node, kind yaml.Kind, what string) bool {
	if n.Kind == kind {
		return true
	}
	d.errs.add(d.pos(n), "%s: expected %s, found %s", label(what), nodeKindName(kind, ""), nodeKindName(n.Kind, n.Tag))
	return false
}

func (d *decoder) expectTag(n *yaml.Node, tag, want, what string) bool {
	if n.Kind == yaml.ScalarNode && n.Tag == tag {
		return true
	}
	d.errs.add(d.pos(n), "%s: expected %s, found %s", label(what), want, nodeKindName(n.Kind, n.Tag))
	return false
}

func nodeKindName(k yaml.Kind, tag string) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch tag {
		case "!!str", "":
			return "a string"
		case "!!int":
			return "an integer"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "nothing"
		case "!!float":
			return "a number"
		}
		return "a scalar " + tag
	}
	return "an alias"
}

// entryFields returns the indexes of the ",key" and ",value" fields of a
// mapping-entry struct, or -1.
func entryFields(t reflect.Type) (key, value int) {
	key, value = -1, -1
	t = derefType(t)
	if t.Kind() != reflect.Struct {
		return key, value
	}
	for i := range t.NumField() {
		switch t.Field(i).Tag.Get("yaml") {
		case ",key":
			key = i
		case ",value":
			value = i
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

// wrap returns e as the slice element type (a pointer to it when needed).
func wrap(e reflect.Value, elem reflect.Type) reflect.Value {
	if elem.Kind() == reflect.Pointer {
		p := reflect.New(elem.Elem())
		p.Elem().Set(e)
		return p
	}
	return e
}

// join extends a path like "errnos[3]" with a key.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// label names a path for a message; the root is "the document".
func label(path string) string {
	if path == "" {
		return "the document"
	}
	return path
}
