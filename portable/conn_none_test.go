//go:build !unix && !windows

package portable_test

import (
	"errors"
	"net"
	"testing"

	"github.com/connspec/connspec/portable"
)

// Where there are no sockets (js, wasip1, plan9), the conn API answers
// Unsupported, and KindOf still classifies what it can, without a panic.
func TestNoSockets(t *testing.T) {
	for _, err := range []error{
		portable.ConnectConn(nil, &net.UDPAddr{Port: 9}),
		portable.DisconnectConn(nil),
	} {
		var pe *portable.Error
		if !errors.As(err, &pe) || pe.Kind != portable.Unsupported || !errors.Is(err, portable.ErrUnsupported) {
			t.Errorf("%v, want an Unsupported *Error", err)
		}
	}
	if k := portable.KindOf(portable.Errno(1)); k != portable.Unknown {
		t.Errorf("KindOf(a bare errno) = %v where no table exists, want unknown", k)
	}
	if k := portable.KindOf(portable.ErrRefused); k != portable.Refused {
		t.Errorf("KindOf(ErrRefused) = %v", k)
	}
}
