package codegen_test

import (
	"fmt"

	"github.com/connspec/connspec/internal/codegen"
)

func ExampleGoName() {
	fmt.Println(codegen.GoName("host_unreachable"), codegen.GoName("in_progress"))
	// Output: HostUnreachable InProgress
}
