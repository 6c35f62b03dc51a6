//go:build unix

package portable_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

func TestKindOf(t *testing.T) {
	refusedAddr := closedTCPPort(t)
	_, dialRefused := net.Dial("tcp4", fmt.Sprintf("127.0.0.1:%d", refusedAddr.Port))
	_, dialMissing := net.Dial("unix", filepath.Join(t.TempDir(), "missing.sock"))
	d := net.Dialer{Timeout: time.Nanosecond}
	_, dialTimeout := d.Dial("tcp4", fmt.Sprintf("127.0.0.1:%d", refusedAddr.Port))
	ours := portable.Connect(socket(t, unix.AF_INET, unix.SOCK_STREAM), refusedAddr)

	cases := []struct {
		name string
		err  error
		want portable.Kind
	}{
		{"nil", nil, portable.Unknown},
		{"portable error", ours, portable.Refused},
		{"wrapped portable error", fmt.Errorf("dialing: %w", ours), portable.Refused},
		{"sentinel", portable.ErrInProgress, portable.InProgress},
		{"bare unix errno", unix.ECONNREFUSED, portable.Refused},
		{"bare syscall errno", syscall.ETIMEDOUT, portable.TimedOut},
		{"net.Dial refused", dialRefused, portable.Refused},
		{"net.Dial unix path missing", dialMissing, portable.NotFound},
		{"net.Dial timeout", dialTimeout, portable.TimedOut},
		{"os.SyscallError", os.NewSyscallError("connect", unix.ENETUNREACH), portable.NetworkUnreachable},
		{"context deadline", context.DeadlineExceeded, portable.TimedOut},
		{"os deadline", os.ErrDeadlineExceeded, portable.TimedOut},
		{"context canceled", fmt.Errorf("stop: %w", context.Canceled), portable.Canceled},
		{"joined", errors.Join(errors.New("first"), unix.EHOSTUNREACH), portable.HostUnreachable},
		{"unrelated", errors.New("something else"), portable.Unknown},
		{"unmapped errno", unix.Errno(4000), portable.Unknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.err == nil && c.name != "nil" {
				t.Fatal("the case produced no error")
			}
			if got := portable.KindOf(c.err); got != c.want {
				t.Errorf("KindOf(%v) = %v, want %v", c.err, got, c.want)
			}
		})
	}
}

// The network of a *net.OpError gives the address family where an errno's
// meaning depends on it: on Linux EAGAIN is a full backlog for AF_UNIX and a
// lack of ports otherwise.
func TestKindOfUsesTheNetwork(t *testing.T) {
	_, f := hostSpec(t)
	names := spec.NameTable(f)
	for _, c := range []struct {
		net    string
		socket spec.Socket
	}{{"unix", spec.SocketUnixStream}, {"tcp4", spec.SocketTCP4}, {"tcp6", spec.SocketTCP6}} {
		err := &net.OpError{Op: "dial", Net: c.net, Err: os.NewSyscallError("connect", unix.EAGAIN)}
		want := spec.KindIn(names, "EAGAIN", c.socket.Facts(rules.PhaseConnect))
		if got := portable.KindOf(err).String(); got != want {
			t.Errorf("KindOf(%s EAGAIN) = %v, %s says %v", c.net, got, f.File, want)
		}
	}
}

func TestKindProperties(t *testing.T) {
	if portable.Kind(0) != portable.Unknown {
		t.Errorf("the zero Kind is %v, want unknown", portable.Kind(0))
	}
	if !portable.TimedOut.Timeout() || portable.Refused.Timeout() {
		t.Error("Timeout: timed_out must be a timeout, refused not")
	}
	if !portable.Refused.Retryable() || portable.InvalidAddress.Retryable() {
		t.Error("Retryable: refused can succeed later, invalid_address cannot")
	}
	if portable.HostUnreachable.String() != "host_unreachable" || portable.Kind(250).String() != "Kind(250)" {
		t.Errorf("String: %q, %q", portable.HostUnreachable, portable.Kind(250))
	}
	if portable.Refused.Doc() == "" {
		t.Error("Doc is empty")
	}
	if !errors.Is(portable.ErrTimedOut, portable.ErrTimedOut) || errors.Is(portable.ErrRefused, portable.ErrTimedOut) {
		t.Error("sentinels must match themselves and only themselves")
	}
}
