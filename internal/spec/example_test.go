package spec_test

import (
	"fmt"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

// FreeBSD answers ENOTSOCK both for a descriptor that is not a socket and
// for an AF_UNIX path that names a file which is not a socket; the spec's
// when cases tell the two apart, read through the one classifier.
func ExampleKindIn() {
	s, err := spec.Load("../../spec")
	if err != nil {
		fmt.Println(err)
		return
	}
	freebsd := spec.NameTable(s.OS("freebsd"))
	fmt.Println(spec.KindIn(freebsd, "ENOTSOCK", spec.SocketNotSocket.Facts(rules.PhaseConnect)))
	fmt.Println(spec.KindIn(freebsd, "ENOTSOCK", spec.SocketUnixStream.Facts(rules.PhaseConnect)))
	// Output:
	// not_socket
	// refused
}
