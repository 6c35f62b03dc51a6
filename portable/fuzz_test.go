//go:build unix

package portable_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// sockaddrOf builds a unix.Sockaddr of any shape a caller can: kind picks
// the type (nil, typed nil pointers, the three families, a type portable
// does not know), the rest fills it.
func sockaddrOf(kind byte, port int, addr []byte, zone uint32, name string) unix.Sockaddr {
	var a16 [16]byte
	copy(a16[:], addr)
	switch kind % 8 {
	case 0:
		return nil
	case 1:
		return (*unix.SockaddrInet4)(nil)
	case 2:
		return &unix.SockaddrInet4{Port: port, Addr: [4]byte(a16[:4])}
	case 3:
		return &unix.SockaddrInet6{Port: port, ZoneId: zone, Addr: a16}
	case 4:
		return &unix.SockaddrUnix{Name: name}
	case 5:
		return (*unix.SockaddrUnix)(nil)
	case 6:
		return (*unix.SockaddrInet6)(nil)
	}
	return otherSockaddr{&unix.SockaddrInet4{Port: port}}
}

// otherSockaddr is an address of a type portable does not know, as a
// caller's own wrapper would be.
type otherSockaddr struct{ unix.Sockaddr }

// FuzzConnectAddress gives Connect and ConnectContext every address a
// caller can build, on a descriptor that is not open: the address checks
// never panic, and the call fails with an *Error that says why.
func FuzzConnectAddress(f *testing.F) {
	f.Add(byte(2), 80, []byte{127, 0, 0, 1}, uint32(0), "")
	f.Add(byte(3), 0, []byte{0xfe, 0x80, 15: 1}, uint32(2), "")
	f.Add(byte(4), 0, []byte(nil), uint32(0), "@abstract")
	f.Add(byte(4), 0, []byte(nil), uint32(0), "/tmp/a\x00b")
	f.Add(byte(2), 70000, []byte{224, 0, 0, 1}, uint32(0), "")
	f.Add(byte(2), -1, []byte{255, 255, 255, 255}, uint32(0), "")
	f.Add(byte(1), 0, []byte(nil), uint32(0), "")
	f.Add(byte(7), 0, []byte(nil), uint32(1), "")
	closed := closedFd(f)
	f.Fuzz(func(t *testing.T, kind byte, port int, addr []byte, zone uint32, name string) {
		for _, call := range []func(unix.Sockaddr) error{
			func(sa unix.Sockaddr) error { return portable.Connect(closed, sa) },
			func(sa unix.Sockaddr) error { return portable.ConnectContext(context.Background(), closed, sa) },
		} {
			err := call(sockaddrOf(kind, port, addr, zone, name))
			var pe *portable.Error
			if !errors.As(err, &pe) || pe.Kind == portable.Unknown || err.Error() == "" {
				t.Fatalf("Connect to a closed descriptor: %v (%T), want an *Error of a known kind", err, err)
			}
		}
	})
}

// closedFd is the number of a descriptor just closed, which nothing in
// the fuzzing process reopens meanwhile: beyond the descriptors in use.
func closedFd(tb testing.TB) int {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		tb.Fatal(err)
	}
	return int(min(lim.Cur-1, 1<<20))
}

// opaqueErr is an error that unwraps to itself, the cycle KindOf must not
// follow forever.
type opaqueErr struct{ self error }

func (e *opaqueErr) Error() string { return "loop" }
func (e *opaqueErr) Unwrap() error { return e.self }

// treeErr unwraps to several errors.
type treeErr []error

func (e treeErr) Error() string   { return "tree" }
func (e treeErr) Unwrap() []error { return e }

// timeoutErr says it is a timeout.
type timeoutErr struct{}

func (timeoutErr) Error() string { return "timeout" }
func (timeoutErr) Timeout() bool { return true }

// errorChain builds an error from program: each byte wraps, joins or
// replaces what was built so far, so the corpus can reach any shape of
// chain and tree, loops included.
func errorChain(program []byte) error {
	var err error = syscall.Errno(0)
	var stack []error
	for _, op := range program {
		switch op % 11 {
		case 0:
			err = syscall.Errno(op)
		case 1:
			err = fmt.Errorf("wrapped: %w", err)
		case 2:
			err = &net.OpError{Op: "dial", Net: []string{"tcp", "tcp6", "unix", "udp4", ""}[op%5], Err: err}
		case 3:
			err = os.NewSyscallError("connect", err)
		case 4:
			stack = append(stack, err)
		case 5:
			err = treeErr(append(stack, err))
		case 6:
			loop := &opaqueErr{}
			loop.self = loop
			err = treeErr{loop, err}
		case 7:
			err = errors.Join(err, nil, timeoutErr{})
		case 8:
			err = context.Canceled
		case 9:
			err = portable.ErrRefused
		default:
			loop := &opaqueErr{}
			loop.self = treeErr{err, loop}
			err = loop
		}
	}
	return err
}

// FuzzKindOf classifies arbitrary error chains and trees, loops included:
// KindOf always returns, with a kind it defines, without allocating.
func FuzzKindOf(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{111, 3, 2})
	f.Add([]byte{6, 6, 5})
	f.Add([]byte{10, 1, 10, 4, 5})
	f.Add([]byte{4, 4, 4, 4, 5, 7})
	f.Fuzz(func(t *testing.T, program []byte) {
		err := errorChain(program)
		k := portable.KindOf(err)
		if _, merr := k.MarshalText(); merr != nil {
			t.Fatalf("KindOf returned %v: %v", k, merr)
		}
		if n := testing.AllocsPerRun(5, func() { portable.KindOf(err) }); n != 0 {
			t.Fatalf("KindOf allocates %v times on %v", n, err)
		}
	})
}
