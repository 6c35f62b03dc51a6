package rules

// Table is what one OS spec says about connect(2), in the form the portable
// algorithms read. K is the type of kinds, E the type of errnos.
type Table[K, E comparable] struct {
	// Spec names the spec file the table comes from: linux, freebsd, ...,
	// or posix for the baseline.
	Spec string
	// SpecFile is the spec file, relative to the module root.
	SpecFile string
	// Errnos holds the spec's errno rules, in file order.
	Errnos []ErrnoRule[K, E]
	// Sockaddr holds the address rules portable checks.
	Sockaddr SockaddrRules[E]
	// Dissolve says how a datagram association is dissolved.
	Dissolve DissolveRules[E]
	// Interrupt says what an interrupted connect answers.
	Interrupt InterruptRules[E]
	// Completion says how a pending connect completes.
	Completion CompletionRules[E]
	// Index finds a rule by its errno's value, for Find: each slot holds a
	// rule's position in Errnos plus one, or 0 when empty. IndexErrnos
	// fills it on the running target, whose errno values it depends on
	// (they differ between GOARCHes of one GOOS); until then it is nil and
	// Find scans.
	Index []uint16
	// IndexDirect says Index holds errno v at slot v; else it is a hash.
	IndexDirect bool
}

// ErrnoRule is what one errno means on an OS.
type ErrnoRule[K, E comparable] struct {
	// Errno is the errno.
	Errno E
	// Name is the errno's name as the spec writes it ("ECONNREFUSED").
	Name string
	// Default is the meaning when no case matches.
	Default Meaning[K]
	// Cases are conditional meanings, tried in order.
	Cases []Case[K]
}

// Meaning is what an errno means in some situation.
type Meaning[K comparable] struct {
	// Kind is the portable kind.
	Kind K
	// Connected says the errno reports a completed connection rather than a
	// failure; portable believes it only when getpeername finds a peer.
	Connected bool
	// Text says what the errno means, in a few words.
	Text string
}

// Case is a conditional meaning: it applies when every condition given
// holds.
type Case[K comparable] struct {
	// Family, unless FamilyAny, is the address family of the connect.
	Family Family
	// Type, unless SocketTypeAny, is the socket type.
	Type SocketType
	// Phase, unless PhaseAny, is where the errno was seen.
	Phase Phase
	// Destination, unless DestinationAny, is what the address connected to
	// is.
	Destination Destination
	// State, unless SocketStateAny, is a state of the socket.
	State SocketState
	// Meaning is the errno's meaning in this case.
	Meaning Meaning[K]
}

// Facts are what is known about a call when its errno is classified. A
// fact left unknown (its zero value) matches no case that tests it.
type Facts struct {
	// Family is the family of the address connected to, or FamilyAny.
	Family Family
	// Type is the socket type, or SocketTypeAny when it was not read.
	Type SocketType
	// Phase is where the errno was seen.
	Phase Phase
	// Destination is what the address is, or DestinationAny.
	Destination Destination
	// State is the socket's state, or SocketStateAny.
	State SocketState
}

// SockaddrRules are the address rules portable checks.
type SockaddrRules[E comparable] struct {
	// SaLen says how the kernel reads the sockaddr's first byte.
	SaLen SaLen
	// SunPath is the size of sockaddr_un.sun_path.
	SunPath int
	// UnixPathMax is the longest AF_UNIX path portable passes on:
	// golang.org/x/sys/unix, which encodes the address, keeps one byte of
	// sun_path for a NUL.
	UnixPathMax int
	// AbstractUnix says names starting with "@" (a NUL byte for the kernel)
	// are abstract AF_UNIX names.
	AbstractUnix bool
	// FamilyMismatch are the errnos this kernel answers when the address is
	// of another family than the socket; on these, portable reads the
	// socket's family to tell a mismatch from other causes.
	FamilyMismatch []E
}

// DissolveRules say how a datagram association is dissolved.
type DissolveRules[E comparable] struct {
	// Method is how.
	Method DissolveMethod
	// Namelen is the namelen passed with an AF_UNSPEC address.
	Namelen uint32
	// SuccessErrnos are answers that mean the association is gone: the BSD
	// kernels disconnect first and then fail the new connect.
	SuccessErrnos []E
	// ConfirmWithPeer says any other error answer is checked with
	// getpeername: no peer then means the association is gone.
	ConfirmWithPeer bool
	// DropsPort says the kernel releases a port the program did not bind
	// itself; portable binds the socket back to its address and port.
	DropsPort bool
	// Stream says, for messages, what the kernel does given the same
	// address on a connected stream socket ("aborts the connection",
	// "answers EISCONN"); portable refuses stream sockets on every OS.
	Stream string
}

// InterruptRules say what an interrupted blocking connect answers.
type InterruptRules[E comparable] struct {
	// Errnos are the answers of an interrupted connect.
	Errnos []E
	// Continues says the attempt goes on in the background.
	Continues bool
}

// CompletionRules say how a pending connect completes.
type CompletionRules[E comparable] struct {
	// Pending are connect(2) answers meaning the attempt goes on.
	Pending []E
	// SOErrorPending are SO_ERROR values meaning the attempt goes on.
	SOErrorPending []E
}
