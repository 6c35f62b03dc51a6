//go:build unix

package conformance_test

import (
	"fmt"
	"os"

	"github.com/connspec/connspec/internal/conformance"
	"github.com/connspec/connspec/internal/spec"
)

// Provoke one scenario on this machine and compare it with this OS's spec.
func ExampleRun() {
	s, err := spec.Load("../../spec")
	if err != nil {
		panic(err)
	}
	dir, _ := os.MkdirTemp("", "cs")
	defer os.RemoveAll(dir)
	results := conformance.Run(s, s.OS(conformance.HostTable().Spec), conformance.Options{Dir: dir, Only: []string{"tcp-refused"}})
	for _, r := range results {
		fmt.Println(r.Scenario, r.Status, r.Outcomes, r.Observed.Connect)
	}
	// Output: tcp-refused agree [refused] [ECONNREFUSED]
}
