package codegen_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v4"

	"github.com/connspec/connspec/internal/codegen"
	"github.com/connspec/connspec/internal/spec"
)

// root is the module root, seen from this package's directory.
const root = "../.."

// specFiles are the spec files, relative to the module root, each with the
// schema (relative to the module root) that must describe it.
func specFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{
		"spec/" + spec.KindsFileName:     "spec/schema/kinds.schema.json",
		"spec/" + spec.ScenariosFileName: "spec/schema/scenarios.schema.json",
	}
	osFiles, err := filepath.Glob(filepath.Join(root, "spec", spec.OSDir, "*.yaml"))
	if err != nil || len(osFiles) == 0 {
		t.Fatalf("no OS files in %s/spec/%s (%v)", root, spec.OSDir, err)
	}
	for _, f := range osFiles {
		files[path.Join("spec", spec.OSDir, filepath.Base(f))] = "spec/schema/os.schema.json"
	}
	return files
}

// TestSchemasFresh fails when the committed schemas differ from what the
// model gives, so plain go test catches a model change without go run ./gen.
func TestSchemasFresh(t *testing.T) {
	outs, err := codegen.Schemas("spec")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		have, err := os.ReadFile(filepath.Join(root, o.Path))
		if err != nil {
			t.Errorf("%s: %v; run go run ./gen", o.Path, err)
			continue
		}
		if !bytes.Equal(have, o.Data) {
			t.Errorf("%s is stale: the model in internal/spec gives another schema; run go run ./gen", o.Path)
		}
	}
}

var modeline = regexp.MustCompile(`^# yaml-language-server: \$schema=(\S+)\n`)

// TestSpecFilesMatchSchemas checks every spec file names its schema in the
// modeline editors read, and is valid against it.
func TestSpecFilesMatchSchemas(t *testing.T) {
	schemas := map[string]*jsonschema.Schema{}
	for file, want := range specFiles(t) {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			m := modeline.FindSubmatch(data)
			if m == nil {
				t.Fatalf("%s does not start with the modeline # yaml-language-server: $schema=%s", file, relTo(file, want))
			}
			if got := path.Join(path.Dir(file), string(m[1])); got != want {
				t.Fatalf("%s: the modeline names %s, which is %s; want %s", file, m[1], got, relTo(file, want))
			}
			sch, ok := schemas[want]
			if !ok {
				sch = compile(t, want)
				schemas[want] = sch
			}
			if err := sch.Validate(yamlToJSON(t, data)); err != nil {
				t.Errorf("%s does not match %s:\n%v", file, want, err)
			}
		})
	}
}

// TestSchemaRejects checks that mistakes spec.Load rejects are caught by
// the schemas too, so editors show them while typing.
func TestSchemaRejects(t *testing.T) {
	tests := []struct {
		name     string
		file     string // relative to the module root
		old, new string // a patch: old must occur in file
		want     string // in the validation error: the key, or the place and the rule
	}{
		{"unknown key in a kind", "spec/kinds.yaml", "    retry: true\n", "    retries: true\n", "retries"},
		{"bool as a string", "spec/kinds.yaml", "    retry: true\n", "    retry: \"yes\"\n", "boolean"},
		{"unknown key at the top", "spec/scenarios.yaml", "scenarios:\n", "scenario:\n", "scenario"},
		{"bad socket", "spec/scenarios.yaml", "socket: tcp4", "socket: tcp5", "/socket': value must be one of"},
		{"bad call", "spec/scenarios.yaml", "{call: connect, expect: refused}", "{call: dial, expect: refused}", "/call': value must be one of"},
		{"bad context", "spec/scenarios.yaml", "context: deadline", "context: expired", "/context': value must be one of"},
		{"missing expect", "spec/scenarios.yaml", "{call: connect, expect: refused}", "{call: connect}", "expect"},
		{"except as a list", "spec/scenarios.yaml", "except: {netbsd: network_unreachable}", "except: [netbsd]", "object"},
		{"unknown key in an errno", "spec/os/linux.yaml", "    documented: true\n", "    documentd: true\n", "documentd"},
		{"bad family", "spec/os/freebsd.yaml", "      - family: unix\n", "      - family: local\n", "/family': value must be one of"},
		{"bad phase", "spec/os/freebsd.yaml", "      - family: unix\n", "      - phase: connecting\n", "/phase': value must be one of"},
		{"bad goos", "spec/os/linux.yaml", "goos: [linux, android]", "goos: [linux, androids]", "/goos/1': value must be one of"},
		{"bad sa_len", "spec/os/linux.yaml", "sa_len: absent", "sa_len: missing", "/sa_len': value must be one of"},
		{"bad namelen rule", "spec/os/linux.yaml", "rule: at_least, bytes: 16", "rule: atleast, bytes: 16", "/rule': value must be one of"},
		{"bad dissolve method", "spec/os/linux.yaml", "method: af_unspec", "method: unspec", "/method': value must be one of"},
		{"bad confirm", "spec/os/linux.yaml", "confirm: none", "confirm: never", "/confirm': value must be one of"},
		{"integer as a string", "spec/os/linux.yaml", "sun_path: 108", "sun_path: \"108\"", "integer"},
		{"source without a scheme", "spec/os/linux.yaml", `"kernel: torvalds/linux net/unix/af_unix.c unix_find_abstract"`, `"torvalds/linux net/unix/af_unix.c unix_find_abstract"`, "pattern"},
		{"unknown source scheme", "spec/os/linux.yaml", `"kernel: torvalds/linux net/unix/af_unix.c unix_find_abstract"`, `"source: torvalds/linux net/unix/af_unix.c unix_find_abstract"`, "pattern"},
		{"unknown key in an answer", "spec/os/linux.yaml", "    never_writable: true\n", "    never_writeable: true\n", "never_writeable"},
		{"missing required section", "spec/os/linux.yaml", "\ninterrupt:\n", "\ninterruption:\n", "interrupt"},
	}
	files := specFiles(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schemaFile, ok := files[tt.file]
			if !ok {
				t.Fatalf("%s is not a spec file", tt.file)
			}
			data, err := os.ReadFile(filepath.Join(root, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(tt.old)) {
				t.Fatalf("%s no longer holds %q; patch something it holds", tt.file, tt.old)
			}
			patched := bytes.Replace(data, []byte(tt.old), []byte(tt.new), 1)
			err = compile(t, schemaFile).Validate(yamlToJSON(t, patched))
			if err == nil {
				t.Fatalf("%s with %q for %q passes %s", tt.file, tt.new, tt.old, schemaFile)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("the error does not mention %q:\n%v", tt.want, err)
			}
			if _, err := spec.LoadFS(specFS(t, tt.file, patched), "spec"); err == nil {
				t.Errorf("spec.Load accepts %s with %q for %q, which the schema rejects", tt.file, tt.new, tt.old)
			}
		})
	}
}

// TestSchemaDescriptions checks every property of every schema is
// described: the model has a doc comment on every field.
func TestSchemaDescriptions(t *testing.T) {
	outs, err := codegen.Schemas("spec")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		var doc any
		if err := json.Unmarshal(o.Data, &doc); err != nil {
			t.Fatalf("%s: %v", o.Path, err)
		}
		walk(doc, "#", func(ptr string, s map[string]any) {
			props, _ := s["properties"].(map[string]any)
			for key, p := range props {
				if d, _ := p.(map[string]any)["description"].(string); d == "" {
					t.Errorf("%s: %s/properties/%s has no description; document its field in internal/spec/model.go", o.Path, ptr, key)
				}
			}
		})
	}
}

// walk calls f on every schema object under v.
func walk(v any, ptr string, f func(ptr string, s map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(ptr, v)
		for k, c := range v {
			walk(c, ptr+"/"+k, f)
		}
	case []any:
		for _, c := range v {
			walk(c, ptr, f)
		}
	}
}

// specFS is the spec directory in memory, with file (relative to the
// module root) replaced by data.
func specFS(t *testing.T, file string, data []byte) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for f := range specFiles(t) {
		content, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == file {
			content = data
		}
		fsys[strings.TrimPrefix(f, "spec/")] = &fstest.MapFile{Data: content}
	}
	return fsys
}

func compile(t *testing.T, schemaFile string) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join(root, schemaFile))
	if err != nil {
		t.Fatalf("%s: %v", schemaFile, err)
	}
	return sch
}

// yamlToJSON converts a YAML document to the JSON value a validator takes.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("the YAML has no JSON form: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// relTo is target relative to the directory of file, as a modeline writes it.
func relTo(file, target string) string {
	rel, err := filepath.Rel(path.Dir(file), target)
	if err != nil {
		return target
	}
	return filepath.ToSlash(rel)
}
