//go:build unix

package portable_test

import (
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
)

// dialError is the error net.Dial returns on Windows when ConnectEx
// completes with code: a *net.OpError wrapping the *os.SyscallError
// "connectex" (src/net/fd_windows.go, (*netFD).connect).
func dialError(network string, code syscall.Errno) error {
	return &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connectex", code)}
}

// windowsKindOf returns KindOf as it reads errors with the Windows table,
// built from spec/os/windows.yaml with Windows' own errno values, the way
// the generated portable/zspec_windows.go is.
func windowsKindOf(t *testing.T) (func(error) string, *sim.OS, *spec.OSFile) {
	t.Helper()
	s, err := spec.Load("../spec")
	if err != nil {
		t.Fatal(err)
	}
	f := s.OS("windows")
	o, err := sim.Build(f)
	if err != nil {
		t.Fatal(err)
	}
	return o.KindName, o, f
}

// KindOf classifies net.Dial's Windows errors, Winsock's WSAE codes and
// the Win32 ERROR_ codes ConnectEx can complete with, to the kinds
// spec/os/windows.yaml gives them, on any machine.
func TestKindOfWindowsDialErrors(t *testing.T) {
	kindOf, o, f := windowsKindOf(t)
	names := spec.NameTable(f)
	for _, r := range f.Errnos {
		code := o.Errno(r.Errno.Name)
		for _, network := range []string{"tcp", "tcp4", "tcp6", "unix"} {
			err := dialError(network, code)
			facts := rules.Facts{Family: map[string]rules.Family{"tcp4": rules.FamilyInet, "tcp6": rules.FamilyInet6, "unix": rules.FamilyUnix}[network], Phase: rules.PhaseConnect}
			want := spec.KindIn(names, r.Errno.Name, facts)
			if want == spec.Connected {
				want = "unknown"
			}
			if got := kindOf(err); got != want {
				t.Errorf("KindOf(dial %s: connectex: %s (%d)) = %s, %s says %s", network, r.Errno.Name, uint32(code), got, f.File, want)
			}
		}
	}
}

// The codes projects match by hand ("actively refused it", errno 10061)
// and the Win32 codes a ConnectEx completion can carry.
func TestKindOfWindowsWellKnownCodes(t *testing.T) {
	kindOf, _, _ := windowsKindOf(t)
	for _, c := range []struct {
		code syscall.Errno
		want string
	}{
		{10061, "refused"},   // WSAECONNREFUSED: "No connection could be made because the target machine actively refused it."
		{10060, "timed_out"}, // WSAETIMEDOUT
		{10065, "host_unreachable"},
		{10051, "network_unreachable"},
		{1225, "refused"},  // ERROR_CONNECTION_REFUSED
		{121, "timed_out"}, // ERROR_SEM_TIMEOUT
		{995, "canceled"},  // ERROR_OPERATION_ABORTED
		{4242, "unknown"},  // no connect error
	} {
		if got := kindOf(dialError("tcp", c.code)); got != c.want {
			t.Errorf("KindOf(connectex %d) = %s, want %s", uint32(c.code), got, c.want)
		}
		if got := kindOf(c.code); got != c.want {
			t.Errorf("KindOf(bare %d) = %s, want %s", uint32(c.code), got, c.want)
		}
	}
}

// Classifying a Windows dial error allocates nothing.
func TestKindOfWindowsDoesNotAllocate(t *testing.T) {
	kindOf, _, _ := windowsKindOf(t)
	err := dialError("tcp", 10061)
	if n := testing.AllocsPerRun(100, func() { kindOf(err) }); n != 0 {
		t.Errorf("KindOf allocates %v times on a Windows dial error, want 0", n)
	}
}
