package spec

import (
	"fmt"
	"strings"

	"github.com/connspec/connspec/internal/rules"
)

// Word is a value of one of the spec's vocabularies (a family, a call, a
// dissolve method...), with the place it was written. Decoding refuses a
// name the vocabulary does not have, suggesting the nearest.
type Word[T rules.Enum] struct {
	// Value is the value; the zero value means the key was not given.
	Value T
	// Pos is where it was written.
	Pos Pos
}

// String returns the name as the spec writes it, "" when not given.
func (w Word[T]) String() string { return w.Value.String() }

// Given reports whether the key was written.
func (w Word[T]) Given() bool { return w.Value != 0 }

// EnumNames lists the names the vocabulary allows (the JSON Schemas
// enumerate them).
func (Word[T]) EnumNames() []string {
	var zero T
	return zero.Names()
}

func (w *Word[T]) decodeScalar(value string, pos Pos) error {
	v, ok := rules.Parse[T](value)
	if !ok {
		names := w.EnumNames()
		return fmt.Errorf("%q is not one of %s%s", value, strings.Join(names, ", "), suggestion(value, names))
	}
	w.Value, w.Pos = v, pos
	return nil
}

// Call is a portable API call a scenario step makes.
type Call uint8

// Calls.
const (
	CallNone Call = iota
	CallConnect
	CallConnectContext
	CallFinish
	CallDisconnect
)

var callNames = []string{"connect", "connect_context", "finish", "disconnect"}

// String returns the spec's name of c.
func (c Call) String() string { return rules.NameOf(callNames, c) }

// Names lists the calls.
func (Call) Names() []string { return callNames }

// Context is how a connect_context step's context ends while the call
// waits.
type Context uint8

// Contexts: the deadline passes, or the context is canceled.
const (
	ContextNone Context = iota
	ContextDeadline
	ContextCanceled
)

var contextNames = []string{"deadline", "canceled"}

// String returns the spec's name of c.
func (c Context) String() string { return rules.NameOf(contextNames, c) }

// Names lists deadline and canceled.
func (Context) Names() []string { return contextNames }

// Socket is what a scenario starts with.
type Socket uint8

// Sockets. SocketNotSocket is a descriptor that is not a socket at all
// ("none" in the spec).
const (
	SocketUnset Socket = iota
	SocketTCP4
	SocketTCP6
	SocketUDP4
	SocketUDP6
	SocketUnixStream
	SocketUnixDgram
	SocketUnixSeqpacket
	SocketNotSocket
)

// sockets gives each socket's spec name, address family and type, in the
// order of the constants.
var sockets = []struct {
	name   string
	family rules.Family
	typ    rules.SocketType
}{
	{"tcp4", rules.FamilyInet, rules.SocketTypeStream},
	{"tcp6", rules.FamilyInet6, rules.SocketTypeStream},
	{"udp4", rules.FamilyInet, rules.SocketTypeDgram},
	{"udp6", rules.FamilyInet6, rules.SocketTypeDgram},
	{"unix-stream", rules.FamilyUnix, rules.SocketTypeStream},
	{"unix-dgram", rules.FamilyUnix, rules.SocketTypeDgram},
	{"unix-seqpacket", rules.FamilyUnix, rules.SocketTypeSeqpacket},
	{"none", rules.FamilyAny, rules.SocketTypeNone},
}

// socketNames lists the sockets' names, in the order of the constants.
var socketNames = func() []string {
	names := make([]string, len(sockets))
	for i, s := range sockets {
		names[i] = s.name
	}
	return names
}()

// String returns the spec's name of s.
func (s Socket) String() string { return rules.NameOf(socketNames, s) }

// Names lists the sockets.
func (Socket) Names() []string { return socketNames }

// Family returns the socket's address family (FamilyAny for none).
func (s Socket) Family() rules.Family {
	if s == 0 || int(s) > len(sockets) {
		return rules.FamilyAny
	}
	return sockets[s-1].family
}

// Type returns the socket's type (SocketTypeNone for none).
func (s Socket) Type() rules.SocketType {
	if s == 0 || int(s) > len(sockets) {
		return rules.SocketTypeAny
	}
	return sockets[s-1].typ
}

// Facts are what portable knows of a call of phase on a socket s, given an
// address of its own family.
func (s Socket) Facts(phase rules.Phase) rules.Facts {
	return rules.Facts{Family: s.Family(), Type: s.Type(), Phase: phase}
}

// NamelenKind is how a namelen rule compares namelen with its size.
type NamelenKind uint8

// Namelen rules: namelen must equal the size, or be at least the size.
const (
	NamelenUnset NamelenKind = iota
	NamelenExact
	NamelenAtLeast
)

var namelenNames = []string{"exact", "at_least"}

// String returns the spec's name of n.
func (n NamelenKind) String() string { return rules.NameOf(namelenNames, n) }

// Names lists exact and at_least.
func (NamelenKind) Names() []string { return namelenNames }

// Confirm is how an answer that does not settle a question is checked.
type Confirm uint8

// Confirmations: not at all, or with getpeername.
const (
	ConfirmUnset Confirm = iota
	ConfirmNone
	ConfirmGetpeername
)

var confirmNames = []string{"none", "getpeername"}

// String returns the spec's name of c.
func (c Confirm) String() string { return rules.NameOf(confirmNames, c) }

// Names lists none and getpeername.
func (Confirm) Names() []string { return confirmNames }

// WordNames returns the names of words, in order.
func WordNames[T rules.Enum](words []Word[T]) []string {
	names := make([]string, len(words))
	for i, w := range words {
		names[i] = w.String()
	}
	return names
}

// GOOS is a Go GOOS an OS file may cover.
type GOOS uint8

var goosNames = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios",
	"linux", "netbsd", "openbsd", "solaris", "windows"}

// String returns the GOOS.
func (g GOOS) String() string { return rules.NameOf(goosNames, g) }

// Names lists every GOOS an OS file may cover.
func (GOOS) Names() []string { return goosNames }

// Unix reports whether Go's unix build constraint holds for g.
func (g GOOS) Unix() bool { return g != 0 && g.String() != "windows" }

// UnixGOOS returns the GOOS values of Go's unix build constraint; every one
// must be covered by exactly one OS file.
func UnixGOOS() []string {
	var unix []string
	for i := range goosNames {
		if g := GOOS(i + 1); g.Unix() {
			unix = append(unix, g.String())
		}
	}
	return unix
}

// AddressKind is the address a scenario gives instead of one of its
// socket's family.
type AddressKind uint8

// Addresses: an AF_INET or AF_INET6 address, an AF_UNIX path shorter than
// a sockaddr_in (unix), or one longer than a sockaddr_in6 (unix_long).
const (
	AddressOwn AddressKind = iota
	AddressInet
	AddressInet6
	AddressUnix
	AddressUnixLong
)

var addressNames = []string{"inet", "inet6", "unix", "unix_long"}

// String returns the spec's name of a.
func (a AddressKind) String() string { return rules.NameOf(addressNames, a) }

// Names lists inet, inet6, unix and unix_long.
func (AddressKind) Names() []string { return addressNames }

// Family returns the address family of a (FamilyAny for AddressOwn).
func (a AddressKind) Family() rules.Family {
	switch a {
	case AddressInet:
		return rules.FamilyInet
	case AddressInet6:
		return rules.FamilyInet6
	case AddressUnix, AddressUnixLong:
		return rules.FamilyUnix
	}
	return rules.FamilyAny
}
