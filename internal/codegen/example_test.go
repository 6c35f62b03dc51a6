package codegen_test

import (
	"fmt"

	"github.com/connspec/connspec/internal/codegen"
	"github.com/connspec/connspec/internal/spec"
)

// Each OS file's table is generated into package portable; the POSIX
// baseline's serves every unix GOOS without a file of its own.
func ExampleTablePath() {
	s, err := spec.Load("../../spec")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range s.OSes {
		fmt.Println(f.OS.Name, codegen.TablePath(f))
	}
	// Output:
	// aix portable/zspec_aix.go
	// darwin portable/zspec_darwin.go
	// dragonfly portable/zspec_dragonfly.go
	// freebsd portable/zspec_freebsd.go
	// illumos portable/zspec_solaris.go
	// linux portable/zspec_linux.go
	// netbsd portable/zspec_netbsd.go
	// openbsd portable/zspec_openbsd.go
	// posix portable/zspec_other.go
	// windows portable/zspec_windows.go
}
