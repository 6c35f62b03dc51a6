package platform

import (
	"slices"

	"golang.org/x/sys/unix"
)

// Table is what one OS spec says about connect(2), in the form the portable
// algorithms use. Current is the running OS's table; the simulation builds
// tables for other OSes from the spec.
type Table struct {
	// Spec names the spec the table comes from: linux, freebsd, darwin, or
	// posix for the baseline.
	Spec string
	// SpecFile is the spec file, relative to the module root.
	SpecFile string
	// Rule returns the spec's rule for errno, or nil when the spec does not
	// map it. Generated tables answer with a switch on x/sys/unix constants.
	Rule func(errno unix.Errno) *ErrnoRule
	// Sockaddr holds the address rules portable checks before the kernel.
	Sockaddr SockaddrRules
	// Dissolve says how a datagram association is dissolved.
	Dissolve DissolveRules
	// Interrupt says what an interrupted connect answers.
	Interrupt InterruptRules
	// Completion says how a pending connect completes.
	Completion CompletionRules
}

// ErrnoRule maps one errno to its meaning on an OS.
type ErrnoRule struct {
	// Name is the errno's name as the spec writes it ("ECONNREFUSED").
	Name string
	// Aliases are other names x/sys/unix gives the same value on every
	// target of the OS ("EWOULDBLOCK" for EAGAIN).
	Aliases []string
	// Default is the meaning when no case matches.
	Default Meaning
	// Cases are conditional meanings, tried in order.
	Cases []Case
}

// Meaning is what an errno means in some situation.
type Meaning struct {
	// Kind is the portable kind.
	Kind Kind
	// Connected says the errno reports a completed connection rather than a
	// failure (illumos EINVAL after the peer accepted and closed).
	Connected bool
	// Text says what the errno means, in a few words.
	Text string
}

// Case is a conditional meaning: it applies when every condition set holds.
type Case struct {
	// Family, when not FamilyAny, is the address family of the connect.
	Family Family
	// Type, when not TypeAny, is the socket type.
	Type SocketType
	// Phase, when not PhaseAny, is where the errno was seen.
	Phase Phase
	// GOOS, when not empty, lists the GOOS values the case applies to.
	GOOS []string
	// Meaning is the errno's meaning in this case.
	Meaning Meaning
}

// Family is an address family as the spec's conditions name them.
type Family uint8

// Address families.
const (
	FamilyAny Family = iota
	FamilyUnix
	FamilyInet
	FamilyInet6
)

// SocketType is a socket type as the spec's conditions name them.
type SocketType uint8

// Socket types. TypeNone is a descriptor that is not a socket; TypeUnknown
// is a socket whose type could not be read.
const (
	TypeAny SocketType = iota
	TypeStream
	TypeDgram
	TypeSeqpacket
	TypeNone
	TypeUnknown
)

// Phase is where an errno was seen.
type Phase uint8

// Phases.
const (
	PhaseAny Phase = iota
	// PhaseConnect is an answer of connect(2) itself.
	PhaseConnect
	// PhaseSOError is a value read from SO_ERROR after a pending connect.
	PhaseSOError
)

// Facts are what is known about the socket when an errno is classified.
type Facts struct {
	// Family is the family of the address connected to, or FamilyAny.
	Family Family
	// Type is the socket type, or TypeAny when it was not read.
	Type SocketType
	// Phase is where the errno was seen.
	Phase Phase
	// GOOS is the running GOOS.
	GOOS string
}

// NeedsType reports whether resolving r depends on the socket type, so the
// caller reads SO_TYPE only for the errnos that need it.
func (r *ErrnoRule) NeedsType() bool {
	for _, c := range r.Cases {
		if c.Type != TypeAny {
			return true
		}
	}
	return false
}

// Resolve returns the meaning of the errno for a socket with facts f: the
// first case whose conditions all hold, else the default.
func (r *ErrnoRule) Resolve(f Facts) Meaning {
	for _, c := range r.Cases {
		if c.matches(f) {
			return c.Meaning
		}
	}
	return r.Default
}

func (c *Case) matches(f Facts) bool {
	return (c.Family == FamilyAny || c.Family == f.Family) &&
		(c.Type == TypeAny || c.Type == f.Type) &&
		(c.Phase == PhaseAny || c.Phase == f.Phase) &&
		(len(c.GOOS) == 0 || slices.Contains(c.GOOS, f.GOOS))
}

// SockaddrRules are the address rules portable checks before the kernel.
type SockaddrRules struct {
	// SaLen says how the kernel treats the sockaddr length byte: "absent",
	// "overwritten" (with namelen), or "varies" across the kernels of a
	// baseline table.
	SaLen string
	// SunPath is the size of sockaddr_un.sun_path.
	SunPath int
	// UnixPathMax is the longest AF_UNIX path portable passes on. x/sys/unix,
	// which encodes the address, keeps one byte of sun_path for a NUL.
	UnixPathMax int
	// AbstractUnix says names starting with "@" (a NUL byte for the kernel)
	// are abstract AF_UNIX names.
	AbstractUnix bool
}

// DissolveMethod is how a datagram association is dissolved.
type DissolveMethod uint8

// Dissolve methods.
const (
	// DissolveUnspec connects to an address whose family is AF_UNSPEC.
	DissolveUnspec DissolveMethod = iota + 1
	// DissolveNull connects to a NULL address with namelen 0.
	DissolveNull
)

// DissolveRules say how a datagram association is dissolved.
type DissolveRules struct {
	// Method is how.
	Method DissolveMethod
	// Namelen is the namelen passed with an AF_UNSPEC address.
	Namelen uint32
	// SuccessErrnos are answers that mean the association is gone: BSD
	// kernels disconnect first and then fail the new connect.
	SuccessErrnos []unix.Errno
	// ConfirmWithPeer says an error answer is checked with getpeername:
	// ENOTCONN then means the association is gone.
	ConfirmWithPeer bool
	// Stream says, for messages, what the kernel does when given the same
	// address on a connected stream socket ("aborts the connection",
	// "answers EISCONN"); portable refuses stream sockets on every OS.
	Stream string
}

// InterruptRules say what an interrupted blocking connect answers.
type InterruptRules struct {
	// Errnos are the answers of an interrupted connect.
	Errnos []unix.Errno
	// Continues says the attempt goes on in the background.
	Continues bool
}

// CompletionRules say how a pending connect completes.
type CompletionRules struct {
	// Pending are connect(2) answers meaning the attempt goes on.
	Pending []unix.Errno
	// SOErrorPending are SO_ERROR values meaning the attempt goes on.
	SOErrorPending []unix.Errno
	// Connected are answers meaning the pending attempt completed.
	Connected []unix.Errno
}
