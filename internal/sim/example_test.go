//go:build unix

package sim_test

import (
	"fmt"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
)

// Replay FreeBSD's answers for a blocking connect that a signal interrupts
// and that then completes, on whatever machine runs this: portable waits for
// the attempt instead of reporting EINTR or connecting twice.
func Example() {
	s, err := spec.Load("../../spec")
	if err != nil {
		panic(err)
	}
	freebsd, err := sim.Build(s.OS("freebsd"))
	if err != nil {
		panic(err)
	}
	sc := s.Scenario("eintr-then-connected")
	k := sim.NewKernel(freebsd, sc)
	c := freebsd.API(k)

	err = c.Connect(3, &unix.SockaddrInet4{Port: 80, Addr: [4]byte{127, 0, 0, 1}})
	fmt.Println("connect:", err)
	fmt.Println(k.Trace())
	// Output:
	// connect: <nil>
	// connect → EINTR
	// poll(block) → true
	// getpeername → ok
	// getsockname → false
}
