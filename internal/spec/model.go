package spec

import "github.com/connspec/connspec/internal/rules"

// Spec is the whole specification: the kind vocabulary, the portable
// scenarios and one file per operating system, loaded and validated together.
type Spec struct {
	// Dir is the directory the spec was loaded from, as given to Load.
	Dir string
	// Kinds is spec/kinds.yaml.
	Kinds *KindsFile
	// Scenarios is spec/scenarios.yaml.
	Scenarios *ScenariosFile
	// OSes holds spec/os/*.yaml, sorted by OS name.
	OSes []*OSFile
}

// KindsFile is spec/kinds.yaml: the portable error vocabulary. The order of
// Kinds is the order of the generated constants, so appending is the only
// change that keeps every existing constant's value.
type KindsFile struct {
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// Kinds lists every kind, in the order of the generated constants.
	Kinds []*KindDef `yaml:"kinds" required:"true"`
}

// KindDef is one portable error kind.
type KindDef struct {
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// Name is the kind's snake_case name ("host_unreachable"); the generated
	// Go constant is its CamelCase form (HostUnreachable).
	Name Symbol `yaml:"name" required:"true"`
	// Doc is one sentence for the constant's doc comment and for error
	// messages, written for a user deciding what to do.
	Doc string `yaml:"doc" required:"true"`
	// Retry says whether retrying the same connect, unchanged, can succeed
	// later (the peer may start listening, the route may come back).
	Retry bool `yaml:"retry"`
	// Timeout says whether the kind is a timeout; Error.Timeout reports it.
	Timeout bool `yaml:"timeout"`
}

// ScenariosFile is spec/scenarios.yaml: portable situations and the kind each
// normalizes to.
type ScenariosFile struct {
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// Scenarios lists every scenario; names are unique.
	Scenarios []*Scenario `yaml:"scenarios" required:"true"`
}

// Scenario is one portable situation: a socket, the calls a program makes on
// it, and what each call must report on every OS.
type Scenario struct {
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// Name is the scenario's kebab-case identifier ("tcp-refused").
	Name Symbol `yaml:"name" required:"true"`
	// Doc says what the situation is, in one or two sentences.
	Doc string `yaml:"doc" required:"true"`
	// Socket is the socket the scenario starts with: tcp4, tcp6, udp4, udp6,
	// unix-stream, unix-dgram, unix-seqpacket, or none (not a socket at all).
	Socket Word[Socket] `yaml:"socket" required:"true"`
	// PreKernel says the outcome is decided by package portable before
	// connect(2). OS files may still record what their kernel would answer,
	// with sources, to show why; the conformance suite checks those answers
	// with a raw connect.
	PreKernel bool `yaml:"pre_kernel"`
	// Address, when set, is the address given instead of one of the
	// socket's own family: inet, inet6, unix (a short path) or unix_long (a
	// path longer than a sockaddr_in6).
	Address Word[AddressKind] `yaml:"address"`
	// Destination, when set, says what the address is (multicast, self...):
	// the simulation's kernel answers questions about it accordingly.
	Destination Word[rules.Destination] `yaml:"destination"`
	// State, when set, is the socket's state before the steps (listening).
	State Word[rules.SocketState] `yaml:"state"`
	// Steps are the API calls in order, each with its expected outcome.
	Steps []*Step `yaml:"steps" required:"true"`
	// Divergence, when set, is the reason the kernels cannot be made to agree;
	// steps then say per OS what differs in their Except field.
	Divergence string `yaml:"divergence"`
}

// Step is one call of the portable API within a scenario.
type Step struct {
	// Pos is where the step starts.
	Pos Pos `yaml:"-"`
	// Call is the API called: connect, connect_context, finish or disconnect.
	Call Word[Call] `yaml:"call" required:"true"`
	// Nonblocking says the fd has O_NONBLOCK set when the call is made.
	Nonblocking bool `yaml:"nonblocking"`
	// Context, for connect_context, is how the context ends while the call
	// waits: deadline (its deadline passes) or canceled. Empty means it
	// does not end.
	Context Word[Context] `yaml:"context"`
	// Expect is the outcome on every OS: "ok" or a kind name.
	Expect Symbol `yaml:"expect" required:"true"`
	// Except overrides Expect for the named OS specs; only allowed when the
	// scenario declares a Divergence.
	Except []*Override `yaml:"except"`
}

// Override is one OS's expected outcome where it differs from Step.Expect.
type Override struct {
	// OS names the OS spec ("freebsd").
	OS Symbol `yaml:",key"`
	// Expect is that OS's outcome: "ok" or a kind name.
	Expect Symbol `yaml:",value"`
}

// OSFile is spec/os/<os>.yaml: what one kernel does.
type OSFile struct {
	// Pos is where the document starts.
	Pos Pos `yaml:"-"`
	// File is the path the file was loaded from.
	File string `yaml:"-"`
	// OS is the spec's name: a GOOS ("linux") or "posix" for the baseline.
	OS Symbol `yaml:"os" required:"true"`
	// GOOS lists the Go GOOS values this file describes. The baseline
	// (posix) covers every unix GOOS that no other file names.
	GOOS []Word[GOOS] `yaml:"goos" required:"true"`
	// Doc says which kernel and releases the file describes.
	Doc string `yaml:"doc" required:"true"`
	// Errnos maps every errno connect(2) may answer to its kind.
	Errnos []*ErrnoRule `yaml:"errnos" required:"true"`
	// Sockaddr holds the rules for the address argument.
	Sockaddr *SockaddrRules `yaml:"sockaddr" required:"true"`
	// Dissolve says how a datagram association is dissolved.
	Dissolve *DissolveRules `yaml:"dissolve" required:"true"`
	// Interrupt says what a signal during a blocking connect does.
	Interrupt *InterruptRules `yaml:"interrupt" required:"true"`
	// Completion says how a pending (nonblocking or interrupted) connect
	// completes.
	Completion *CompletionRules `yaml:"completion" required:"true"`
	// History records behaviour that changed between releases.
	History []*HistoryEntry `yaml:"history"`
	// Scenarios records what this kernel answers in each scenario, keyed by
	// the scenario's name, in file order.
	Scenarios []*Answers `yaml:"scenarios" required:"true"`
}

// ErrnoRule maps one errno (and its aliases) to a kind.
type ErrnoRule struct {
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// Errno is the name as golang.org/x/sys/unix spells it ("ECONNREFUSED").
	Errno Symbol `yaml:"errno" required:"true"`
	// Kind is the kind when no When case matches.
	Kind Symbol `yaml:"kind" required:"true"`
	// Meaning is what the errno means on this OS, in a few words, for error
	// messages and the semantics matrix.
	Meaning string `yaml:"meaning" required:"true"`
	// When lists cases, tried in order, where the errno means something else.
	When []*Case `yaml:"when"`
	// Documented says the errno is listed in the OS's connect(2) man page; an
	// undocumented errno is one the kernel is known to return beyond it.
	Documented bool `yaml:"documented"`
	// Sources back the entry.
	Sources []Source `yaml:"sources" required:"true"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// Case is a conditional meaning of an errno. Every condition given must hold.
type Case struct {
	// Pos is where the case starts.
	Pos Pos `yaml:"-"`
	// Family restricts the case to an address family: unix, inet or inet6
	// (the family of the address passed to connect).
	Family Word[rules.Family] `yaml:"family"`
	// Type restricts the case to a socket type: stream, dgram, seqpacket, or
	// none when the descriptor is not a socket at all.
	Type Word[rules.SocketType] `yaml:"type"`
	// Phase restricts the case to where the errno was seen: connect (returned
	// by connect(2)) or so_error (read from SO_ERROR after a pending connect).
	Phase Word[rules.Phase] `yaml:"phase"`
	// Destination restricts the case to an address of one kind: unspecified,
	// multicast, broadcast, self (the socket's own address), link_local_no_zone
	// or v4mapped_v6only. Portable learns it only for errnos whose cases
	// test it, on the failure path.
	Destination Word[rules.Destination] `yaml:"destination"`
	// State restricts the case to a state of the socket: listening.
	State Word[rules.SocketState] `yaml:"state"`
	// Kind is the kind in this case; "connected" means the errno reports a
	// completed connection, not a failure.
	Kind Symbol `yaml:"kind" required:"true"`
	// Meaning is what the errno means in this case.
	Meaning string `yaml:"meaning" required:"true"`
	// Sources back the case.
	Sources []Source `yaml:"sources" required:"true"`
}

// SockaddrRules say how the kernel reads the address argument.
type SockaddrRules struct {
	// Pos is where the section starts.
	Pos Pos `yaml:"-"`
	// SaLen is absent (Linux: the sockaddr starts with a 16-bit family),
	// overwritten (BSD: a length byte, then an 8-bit family; the kernel
	// overwrites the length byte with namelen), or varies (a baseline
	// covering kernels of both kinds).
	SaLen Word[rules.SaLen] `yaml:"sa_len" required:"true"`
	// Inet is the namelen rule for AF_INET.
	Inet *NamelenRule `yaml:"inet" required:"true"`
	// Inet6 is the namelen rule for AF_INET6.
	Inet6 *NamelenRule `yaml:"inet6" required:"true"`
	// MaxNamelen is the largest namelen connect(2) accepts for any family.
	MaxNamelen int `yaml:"max_namelen" required:"true"`
	// SunPath is the size of sockaddr_un.sun_path in bytes.
	SunPath int `yaml:"sun_path" required:"true"`
	// SunPathTerminated says the kernel terminates sun_path itself, so a
	// path may fill all of sun_path; when false one byte is kept for a NUL.
	SunPathTerminated bool `yaml:"sun_path_terminated_by_kernel"`
	// AbstractUnix says AF_UNIX names starting with a NUL byte (written "@"
	// in Go) name the abstract namespace instead of a file.
	AbstractUnix bool `yaml:"abstract_unix"`
	// V6onlyDefault says IPV6_V6ONLY is set on a new AF_INET6 socket (or
	// cannot be cleared), so an IPv4-mapped address fails unless the
	// program clears it.
	V6onlyDefault bool `yaml:"v6only_default"`
	// FamilyMismatch lists the errnos the kernel answers when the address
	// is of another family than the socket (AF_INET on an AF_INET6 socket,
	// AF_UNIX on an AF_INET one, ...); portable reads the socket's family
	// on these answers, and only these, to report every mismatch as
	// family_not_supported.
	FamilyMismatch []Symbol `yaml:"family_mismatch"`
	// Sources back the section.
	Sources []Source `yaml:"sources" required:"true"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// NamelenRule is the namelen rule for one address family.
type NamelenRule struct {
	// Pos is where the rule starts.
	Pos Pos `yaml:"-"`
	// Rule is exact (namelen must equal Bytes) or at_least.
	Rule Word[NamelenKind] `yaml:"rule" required:"true"`
	// Bytes is the size the rule compares namelen with.
	Bytes int `yaml:"bytes" required:"true"`
	// Errno is what the kernel answers when the rule is broken.
	Errno Symbol `yaml:"errno" required:"true"`
}

// DissolveRules say how a datagram socket's association is dissolved.
type DissolveRules struct {
	// Pos is where the section starts.
	Pos Pos `yaml:"-"`
	// Method is af_unspec (an address whose family is AF_UNSPEC), null (a
	// NULL address with namelen 0) or zero_address (the all-zero address of
	// the socket's own family, as Winsock documents).
	Method Word[rules.DissolveMethod] `yaml:"method" required:"true"`
	// Namelen is the namelen passed with an af_unspec address.
	Namelen int `yaml:"namelen"`
	// SuccessErrnos are errnos connect(2) answers after it has dissolved the
	// association: BSD kernels disconnect first and then fail the new
	// connect.
	SuccessErrnos []Symbol `yaml:"success_errnos"`
	// Confirm is none, or getpeername when the answer alone does not tell
	// whether the association is gone (getpeername then answers ENOTCONN).
	Confirm Word[Confirm] `yaml:"confirm" required:"true"`
	// DropsPort says the kernel releases, on a dissolve, a local port it
	// chose itself (bound to port 0, or by connect: Linux's
	// __udp_disconnect), so the socket no longer receives there; portable
	// binds it back to that port, on the address the kernel left.
	DropsPort bool `yaml:"drops_port"`
	// Stream says what the kernel does to a connected stream socket given the
	// same address: disconnects, or refuses (EISCONN). Package portable
	// refuses stream sockets on every OS either way.
	Stream Symbol `yaml:"stream" required:"true"`
	// Sources back the section.
	Sources []Source `yaml:"sources" required:"true"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// InterruptRules say what a signal during a blocking connect does.
type InterruptRules struct {
	// Pos is where the section starts.
	Pos Pos `yaml:"-"`
	// Errnos are the answers of an interrupted connect (EINTR).
	Errnos []Symbol `yaml:"errnos" required:"true"`
	// Continues says the connection attempt goes on in the background, so
	// the caller must wait for it rather than connect again.
	Continues bool `yaml:"continues"`
	// SecondConnect is what connect(2) answers while the attempt is pending
	// (nonblocking first where the answers differ by blocking mode).
	SecondConnect []Symbol `yaml:"second_connect" required:"true"`
	// Sources back the section.
	Sources []Source `yaml:"sources" required:"true"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// CompletionRules say how a pending connect completes.
type CompletionRules struct {
	// Pos is where the section starts.
	Pos Pos `yaml:"-"`
	// Pending are connect(2) answers meaning the attempt goes on
	// (EINPROGRESS, EALREADY).
	Pending []Symbol `yaml:"pending" required:"true"`
	// SOErrorPending are SO_ERROR values meaning the attempt still goes on.
	SOErrorPending []Symbol `yaml:"so_error_pending"`
	// Connected are answers meaning the pending attempt has completed
	// (EISCONN).
	Connected []Symbol `yaml:"connected" required:"true"`
	// ConfirmWith is getpeername: SO_ERROR 0 is only believed when the socket
	// has a peer (spurious wakeups answer SO_ERROR 0 too early).
	ConfirmWith Word[Confirm] `yaml:"confirm_with" required:"true"`
	// AfterCompletion lists what successive connect(2) calls answer once a
	// nonblocking connect has completed ("ok" for 0).
	AfterCompletion []Symbol `yaml:"after_completion" required:"true"`
	// Sources back the section.
	Sources []Source `yaml:"sources" required:"true"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// HistoryEntry records behaviour that changed in a release.
type HistoryEntry struct {
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// Since is the release that brought the change ("Linux 2.2").
	Since string `yaml:"since" required:"true"`
	// What says what changed.
	What string `yaml:"what" required:"true"`
	// Sources back the entry.
	Sources []Source `yaml:"sources" required:"true"`
}

// Answers is what one kernel answers in one scenario, call by call.
type Answers struct {
	// Pos is where the entry starts.
	Pos Pos `yaml:"-"`
	// Scenario names the scenario; it is the entry's key in the file.
	Scenario Symbol `yaml:",key"`
	// Connect lists successive connect(2) answers: an errno name or ok.
	Connect []Symbol `yaml:"connect"`
	// SOError lists successive SO_ERROR values: an errno name or ok (0).
	SOError []Symbol `yaml:"so_error"`
	// Getpeername lists successive getpeername(2) answers: ok or an errno.
	Getpeername []Symbol `yaml:"getpeername"`
	// NeverWritable says the socket never becomes writable (a SYN nobody
	// answers), so only a deadline or cancellation ends the wait.
	NeverWritable bool `yaml:"never_writable"`
	// NotApplicable, when set, says why the file records no answer: the
	// kernel cannot produce the scenario, portable settles it before the
	// kernel here, or the answer has not been traced. The call fields are
	// then empty.
	NotApplicable string `yaml:"not_applicable"`
	// NotProvoked, when set, says why the conformance suite and gen verify
	// cannot provoke the scenario for real on this OS; the answers are then
	// checked by the simulation only.
	NotProvoked string `yaml:"not_provoked"`
	// Sources back the answers.
	Sources []Source `yaml:"sources"`
	// Unverified, when set, says what could not be confirmed and why.
	Unverified string `yaml:"unverified"`
}

// UnixPathMax is the longest AF_UNIX path package portable passes on:
// golang.org/x/sys/unix, which encodes the address, keeps one byte of
// sun_path for a terminating NUL on every OS, whether or not the kernel
// would terminate the path itself.
func (s *SockaddrRules) UnixPathMax() int { return s.SunPath - 1 }

// StreamAnswer says, in words for an error message, what the kernel does
// when given the dissolve address on a connected stream socket.
func (d *DissolveRules) StreamAnswer() string {
	if d.Stream.Name == StreamDisconnects {
		return "aborts the connection"
	}
	return "answers " + d.Stream.Name
}
