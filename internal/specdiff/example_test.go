package specdiff_test

import (
	"fmt"
	"log"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/internal/specdiff"
)

// Review a change that maps Linux's EAGAIN to another kind: Diff names it
// breaking, because programs on Linux would see another Kind.
func ExampleDiff() {
	old, err := spec.Load("../../spec")
	if err != nil {
		log.Fatal(err)
	}
	changed, err := spec.Load("../../spec")
	if err != nil {
		log.Fatal(err)
	}
	changed.OS("linux").Rule("EAGAIN").Kind.Name = "resource_exhausted"

	for _, f := range specdiff.Diff(old, changed) {
		fmt.Println(f.Severity, f.Rule, f.Message)
	}
	// Output:
	// breaking ERRNO-KIND-CHANGED linux EAGAIN: kind addr_not_available -> resource_exhausted
}
