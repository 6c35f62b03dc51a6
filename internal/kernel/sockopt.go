//go:build unix || windows

package kernel

import "github.com/connspec/connspec/internal/rules"

// SocketType returns SO_TYPE in the spec's terms.
func (Host) SocketType(fd int) (rules.SocketType, error) {
	typ, err := getsockoptInt(fd, solSocket, soType)
	switch {
	case err == errNotSocket:
		return rules.SocketTypeNone, nil
	case err != nil:
		return rules.SocketTypeUnknown, err
	}
	switch typ {
	case sockStream:
		return rules.SocketTypeStream, nil
	case sockDgram:
		return rules.SocketTypeDgram, nil
	case sockSeqpkt:
		return rules.SocketTypeSeqpacket, nil
	}
	// SocketTypeAny: no condition of the spec matches it.
	return rules.SocketTypeAny, nil
}

// V6Only reads IPV6_V6ONLY.
func (Host) V6Only(fd int) (bool, error) {
	v, err := getsockoptInt(fd, ipprotoIPv6, ipv6V6Only)
	return v != 0, err
}

// Listening reads SO_ACCEPTCONN.
func (Host) Listening(fd int) (bool, error) {
	v, err := getsockoptInt(fd, solSocket, soAcceptConn)
	return v != 0, err
}
