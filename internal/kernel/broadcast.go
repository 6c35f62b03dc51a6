package kernel

import (
	"net"
	"net/netip"
)

// isSubnetBroadcast reports whether ip is the broadcast address of an IPv4
// subnet of one of this host's interfaces (its host bits all ones). It
// lists the interfaces, so portable asks only on the failure path of the
// errnos whose cases test a broadcast destination.
func isSubnetBroadcast(ip netip.Addr) (bool, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false, err
	}
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip4, mask := n.IP.To4(), n.Mask
		if ip4 == nil || len(mask) != net.IPv4len {
			continue
		}
		if ones, bits := mask.Size(); ones >= bits-1 {
			continue // a /31 or /32 has no broadcast address
		}
		var bcast [4]byte
		for i := range bcast {
			bcast[i] = ip4[i] | ^mask[i]
		}
		if netip.AddrFrom4(bcast) == ip {
			return true, nil
		}
	}
	return false, nil
}
