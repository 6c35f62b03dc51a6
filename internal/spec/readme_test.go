package spec_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/connspec/connspec/internal/spec"
)

// The kind table of README.md lists the kinds of spec/kinds.yaml, in order,
// with the same retry and timeout flags.
func TestReadmeKindTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load("../../spec")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| (yes)? ?\\| (yes)? ?\\| [^|]+\\|$")
	rows := row.FindAllStringSubmatch(string(readme), -1)
	if len(rows) != len(s.Kinds.Kinds) {
		t.Fatalf("README.md lists %d kinds, spec/kinds.yaml %d", len(rows), len(s.Kinds.Kinds))
	}
	for i, k := range s.Kinds.Kinds {
		name, retry, timeout := rows[i][1], rows[i][2] == "yes", rows[i][3] == "yes"
		if name != k.Name.Name || retry != k.Retry || timeout != k.Timeout {
			t.Errorf("README.md row %d is %s retry=%t timeout=%t; spec/kinds.yaml has %s retry=%t timeout=%t",
				i+1, name, retry, timeout, k.Name.Name, k.Retry, k.Timeout)
		}
	}
}
