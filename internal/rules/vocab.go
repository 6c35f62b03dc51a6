package rules

// Enum is a vocabulary of the spec: a small number whose values are named.
// The zero value is "not given" (no condition), and has no name.
type Enum interface {
	~uint8
	// String returns the value's name in the spec, "" for the zero value.
	String() string
	// Names lists the names of the non-zero values in order; the receiver
	// is not used.
	Names() []string
}

// Parse returns the value of T named name.
func Parse[T Enum](name string) (T, bool) {
	var zero T
	for i, n := range zero.Names() {
		if n == name {
			return T(i + 1), true
		}
	}
	return zero, false
}

// NameOf returns the name of value v in names (value 1 is names[0]), or ""
// for the zero value and values out of range: the String method of an
// Enum.
func NameOf[T ~uint8](names []string, v T) string {
	if v == 0 || int(v) > len(names) {
		return ""
	}
	return names[v-1]
}

// Family is an address family as the spec's conditions name it.
type Family uint8

// Address families. The Go name of each is "Family" and its spec name in
// CamelCase; a test holds the two in step.
const (
	FamilyAny Family = iota
	FamilyUnix
	FamilyInet
	FamilyInet6
)

var familyNames = []string{"unix", "inet", "inet6"}

// String returns the spec's name of f: unix, inet or inet6.
func (f Family) String() string { return NameOf(familyNames, f) }

// Names lists unix, inet and inet6.
func (Family) Names() []string { return familyNames }

// SocketType is a socket type as the spec's conditions name it.
type SocketType uint8

// Socket types. SocketTypeNone is a descriptor that is not a socket;
// SocketTypeUnknown a socket whose type could not be read.
const (
	SocketTypeAny SocketType = iota
	SocketTypeStream
	SocketTypeDgram
	SocketTypeSeqpacket
	SocketTypeNone
	SocketTypeUnknown
)

var socketTypeNames = []string{"stream", "dgram", "seqpacket", "none"}

// String returns the spec's name of t.
func (t SocketType) String() string { return NameOf(socketTypeNames, t) }

// Names lists stream, dgram, seqpacket and none; SocketTypeUnknown is
// never written in the spec.
func (SocketType) Names() []string { return socketTypeNames }

// Phase is where an errno was seen.
type Phase uint8

// Phases: PhaseConnect is an answer of connect(2) itself; PhaseSOError a
// value read from SO_ERROR after a pending connect.
const (
	PhaseAny Phase = iota
	PhaseConnect
	PhaseSOError
)

var phaseNames = []string{"connect", "so_error"}

// String returns the spec's name of p: connect or so_error.
func (p Phase) String() string { return NameOf(phaseNames, p) }

// Names lists connect and so_error.
func (Phase) Names() []string { return phaseNames }

// DissolveMethod is how a datagram association is dissolved.
type DissolveMethod uint8

// Dissolve methods: connect to an address whose family is AF_UNSPEC
// (af_unspec), to a NULL address with namelen 0 (null), or to the all-zero
// address of the socket's own family (zero_address, Winsock).
const (
	DissolveMethodNone DissolveMethod = iota
	DissolveMethodAFUnspec
	DissolveMethodNull
	DissolveMethodZeroAddress
)

var dissolveMethodNames = []string{"af_unspec", "null", "zero_address"}

// String returns the spec's name of m.
func (m DissolveMethod) String() string { return NameOf(dissolveMethodNames, m) }

// Names lists af_unspec, null and zero_address.
func (DissolveMethod) Names() []string { return dissolveMethodNames }

// SaLen is how a kernel reads the first byte of a sockaddr.
type SaLen uint8

// sa_len rules: absent (the sockaddr starts with a 16-bit family, as on
// Linux), overwritten (a length byte the kernel overwrites with namelen,
// then an 8-bit family, as on the BSDs), or varies (a baseline covering
// kernels of both kinds).
const (
	SaLenUnknown SaLen = iota
	SaLenAbsent
	SaLenOverwritten
	SaLenVaries
)

var saLenNames = []string{"absent", "overwritten", "varies"}

// String returns the spec's name of s.
func (s SaLen) String() string { return NameOf(saLenNames, s) }

// Names lists absent, overwritten and varies.
func (SaLen) Names() []string { return saLenNames }

// Destination is what the address connected to is, where that changes what
// an errno means. Some are read from the address alone; self, broadcast and
// v4mapped_v6only need the kernel, so portable learns them only for the
// errnos whose cases test them.
type Destination uint8

// Destinations:
//   - unspecified: 0.0.0.0 or ::;
//   - multicast: 224.0.0.0/4, ff00::/8, or an IPv4-mapped multicast address;
//   - broadcast: 255.255.255.255, or the broadcast address of a subnet of
//     this host;
//   - self: the socket's own local address and port;
//   - link_local_no_zone: an IPv6 link-local address without a zone;
//   - v4mapped: an IPv4-mapped IPv6 address;
//   - v4mapped_v6only: an IPv4-mapped IPv6 address on a socket with
//     IPV6_V6ONLY set.
const (
	DestinationAny Destination = iota
	DestinationUnspecified
	DestinationMulticast
	DestinationBroadcast
	DestinationSelf
	DestinationLinkLocalNoZone
	DestinationV4mapped
	DestinationV4mappedV6only
)

var destinationNames = []string{"unspecified", "multicast", "broadcast", "self", "link_local_no_zone", "v4mapped", "v4mapped_v6only"}

// String returns the spec's name of d.
func (d Destination) String() string { return NameOf(destinationNames, d) }

// Names lists the destinations.
func (Destination) Names() []string { return destinationNames }

// SocketState is a state of the socket itself that changes what an errno
// means.
type SocketState uint8

// Socket states: listening is a socket listen(2) was called on
// (SO_ACCEPTCONN).
const (
	SocketStateAny SocketState = iota
	SocketStateListening
)

var socketStateNames = []string{"listening"}

// String returns the spec's name of s.
func (s SocketState) String() string { return NameOf(socketStateNames, s) }

// Names lists listening.
func (SocketState) Names() []string { return socketStateNames }
