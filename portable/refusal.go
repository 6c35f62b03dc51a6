//go:build unix || windows

package portable

import (
	"fmt"
	"net/netip"

	"github.com/connspec/connspec/internal/rules"
)

// refusal is why portable refuses a call before the kernel.
type refusal struct {
	kind   Kind
	reason string
}

func checkPort(port int) *refusal {
	switch {
	case port < 0 || port > 0xffff:
		return &refusal{InvalidAddress, fmt.Sprintf("port %d is out of range 0-65535", port)}
	case port == 0:
		// Linux sends a TCP SYN to port 0 (refused) and "connects" a UDP
		// socket without a peer; the BSDs answer EADDRNOTAVAIL, which reads
		// as a lack of local ports. No peer listens on port 0.
		return &refusal{InvalidAddress, "port 0 names no peer: no socket listens on it"}
	}
	return nil
}

// streamRefusal is why a stream socket cannot connect to ap, decided from
// the address alone; ok is false for an address a stream socket may use.
// Kernels answer these differently (Linux ENETUNREACH, which says retry;
// FreeBSD EAFNOSUPPORT or EACCES; macOS EAFNOSUPPORT; OpenBSD EINVAL), and
// none can ever succeed.
func streamRefusal(ap netip.AddrPort) (*refusal, bool) {
	switch kind, _ := addressKind(ap); kind {
	case rules.DestinationMulticast:
		return &refusal{InvalidAddress, fmt.Sprintf("%s is a multicast address: a connection-mode socket cannot connect to a group", ap.Addr())}, true
	case rules.DestinationBroadcast:
		return &refusal{PermissionDenied, fmt.Sprintf("%s is the broadcast address: a connection-mode socket cannot connect to it", ap.Addr())}, true
	}
	return nil, false
}
