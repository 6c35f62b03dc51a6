package spec_test

import (
	"fmt"

	"github.com/connspec/connspec/internal/spec"
)

// FreeBSD answers ENOTSOCK both for a descriptor that is not a socket and
// for an AF_UNIX path that names a file which is not a socket; the spec's
// when cases tell the two apart.
func ExampleOSFile_KindOf() {
	s, err := spec.Load("../../spec")
	if err != nil {
		fmt.Println(err)
		return
	}
	freebsd := s.OS("freebsd")
	fmt.Println(freebsd.KindOf("ENOTSOCK", "", "none", "connect", ""))
	fmt.Println(freebsd.KindOf("ENOTSOCK", "unix", "stream", "connect", ""))
	// Output:
	// not_socket
	// refused
}
