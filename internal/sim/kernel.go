//go:build unix

package sim

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// Kernel is a kernel.Kernel that answers from one scenario's answers in one
// OS file. Each list answers successive calls; the last answer of the
// so_error and getpeername lists repeats, while connect answers are used
// once each: a connect the spec does not script is a problem, as is a
// connect made while an interrupted attempt is still pending.
//
// Kernel also keeps what a real socket would know: whether it has a peer
// and whether O_NONBLOCK is set, so Run can check that success is reported
// only for a connected socket and that the caller's flags come back.
type Kernel struct {
	os     *OS
	sc     *spec.Scenario
	answer *spec.Answers

	mu        sync.Mutex
	connects  []string // connect answers not used yet
	soErrors  []string
	peers     []string
	fdErr     error // what every call on the descriptor answers, when it is not a socket
	badFd     bool  // the descriptor is not open: SO_TYPE fails too
	flags     int   // file status flags, O_NONBLOCK among them
	connected bool
	pending   bool // an interrupted attempt goes on; connect must not be called
	calls     []string
	problems  []string
}

// NewKernel scripts a kernel with o's answers for scenario sc. Without
// answers (a scenario decided before the kernel) it scripts no connect
// answer at all.
func NewKernel(o *OS, sc *spec.Scenario) *Kernel {
	return NewScriptedKernel(o, sc, o.File.Answers(sc.Name.Name))
}

// NewScriptedKernel scripts a kernel with the answers a, which need not be
// in o's file, for scenario sc.
func NewScriptedKernel(o *OS, sc *spec.Scenario, a *spec.Answers) *Kernel {
	if a != nil && a.NotApplicable != "" {
		a = nil
	}
	k := &Kernel{os: o, sc: sc, answer: a}
	if a != nil && !sc.PreKernel {
		k.connects = spec.Names(a.Connect)
		k.soErrors = spec.Names(a.SOError)
		k.peers = spec.Names(a.Getpeername)
	}
	if sc.Socket.Value.Type() == rules.SocketTypeNone {
		k.notSocket()
	}
	return k
}

// notSocket makes the descriptor answer every call as the scenario's
// connect answer says: a closed descriptor (an errno of kind
// bad_descriptor), or a regular file.
func (k *Kernel) notSocket() {
	if len(k.connects) > 0 {
		errno := k.os.Errno(k.connects[0])
		m, _ := k.os.Table.Classify(errno, rules.Facts{Type: rules.SocketTypeNone, Phase: rules.PhaseConnect})
		k.fdErr, k.badFd = errno, m.Kind == portable.BadDescriptor
		return
	}
	for _, r := range k.os.Table.Errnos {
		if r.Default.Kind == portable.NotSocket {
			k.fdErr = r.Errno
		}
	}
}

func (k *Kernel) log(format string, args ...any) {
	k.calls = append(k.calls, fmt.Sprintf(format, args...))
}

func (k *Kernel) problem(format string, args ...any) {
	k.problems = append(k.problems, fmt.Sprintf(format, args...))
}

// next pops the next connect answer.
func (k *Kernel) next(call string) error {
	if k.pending {
		k.problem("%s was called while an interrupted attempt was still pending (a blind second connect)", call)
	}
	if len(k.connects) == 0 {
		k.problem("%s was called, but %s scripts no further connect answer for this scenario", call, k.os.File.File)
		return syscall.Errno(unix.ENOSYS)
	}
	name := k.connects[0]
	k.connects = k.connects[1:]
	k.log("%s → %s", call, name)
	errno := k.os.Errno(name)
	switch {
	case errno == 0:
		k.connected = true
		return nil
	case slices.Contains(k.os.Table.Interrupt.Errnos, errno) && k.os.Table.Interrupt.Continues:
		k.pending = true
	}
	return errno
}

// Connect answers the next scripted connect.
func (k *Kernel) Connect(fd int, sa unix.Sockaddr) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.next("connect")
}

// Dissolve answers the next scripted connect, for a dissolve made the way
// the spec says.
func (k *Kernel) Dissolve(fd int, method rules.DissolveMethod, namelen uint32) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if d := k.os.Table.Dissolve; method != d.Method || namelen != d.Namelen {
		k.problem("dissolve used %s with namelen %d, the spec says %s with %d", method, namelen, d.Method, d.Namelen)
	}
	err := k.next(fmt.Sprintf("connect(%s, %d)", method, namelen))
	if errno, _ := err.(syscall.Errno); err == nil || slices.Contains(k.os.Table.Dissolve.SuccessErrnos, errno) || k.os.Table.Dissolve.ConfirmWithPeer {
		// The association is gone; getpeername says so unless scripted.
		k.connected = false
	}
	return err
}

// SocketType answers from the scenario's socket.
func (k *Kernel) SocketType(fd int) (rules.SocketType, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log("getsockopt(SO_TYPE)")
	if k.badFd {
		return rules.SocketTypeUnknown, k.fdErr
	}
	return k.sc.Socket.Value.Type(), nil
}

// SocketFamily answers from the scenario's socket.
func (k *Kernel) SocketFamily(fd int) (rules.Family, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log("getsockname")
	if k.fdErr != nil {
		return rules.FamilyAny, k.fdErr
	}
	return k.sc.Socket.Value.Family(), nil
}

// LocalAddrIs answers from the scenario: the address is the socket's own
// in a self-connect.
func (k *Kernel) LocalAddrIs(fd int, sa unix.Sockaddr) (bool, error) {
	return k.destinationIs("getsockname", rules.DestinationSelf)
}

// SelfConnected answers from the scenario, as LocalAddrIs.
func (k *Kernel) SelfConnected(fd int) (bool, error) {
	return k.destinationIs("getsockname, getpeername", rules.DestinationSelf)
}

// IsBroadcast answers from the scenario's destination.
func (k *Kernel) IsBroadcast(sa unix.Sockaddr) (bool, error) {
	return k.destinationIs("interface addresses", rules.DestinationBroadcast)
}

// V6Only answers from the scenario: set when it says so
// (v4mapped_v6only), else as the OS sets it by default.
func (k *Kernel) V6Only(fd int) (bool, error) {
	if k.sc.Destination.Value == rules.DestinationV4mapped {
		k.mu.Lock()
		defer k.mu.Unlock()
		k.log("getsockopt(IPV6_V6ONLY) → %t", k.os.File.Sockaddr.V6onlyDefault)
		return k.os.File.Sockaddr.V6onlyDefault, nil
	}
	return k.destinationIs("getsockopt(IPV6_V6ONLY)", rules.DestinationV4mappedV6only)
}

// Listening answers from the scenario's state.
func (k *Kernel) Listening(fd int) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log("getsockopt(SO_ACCEPTCONN) → %t", k.sc.State.Value == rules.SocketStateListening)
	return k.sc.State.Value == rules.SocketStateListening, nil
}

func (k *Kernel) destinationIs(call string, d rules.Destination) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fdErr != nil {
		return false, k.fdErr
	}
	k.log("%s → %t", call, k.sc.Destination.Value == d)
	return k.sc.Destination.Value == d, nil
}

// LocalAddress answers that the socket has no internet address: the
// scenarios do not script ports.
func (k *Kernel) LocalAddress(fd int) (netip.AddrPort, bool, error) {
	return netip.AddrPort{}, false, nil
}

// Bind is a problem: nothing the scenarios script needs it.
func (k *Kernel) Bind(fd int, ap netip.AddrPort) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.problem("bind(%v) was called, but no scenario scripts a local port", ap)
	return nil
}

// SocketError answers the next scripted SO_ERROR, 0 when none is.
func (k *Kernel) SocketError(fd int) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.pending = false
	if k.fdErr != nil {
		return 0, k.fdErr
	}
	name := pop(&k.soErrors, spec.Ok)
	k.log("getsockopt(SO_ERROR) → %s", name)
	return int(k.os.Errno(name)), nil
}

// HasPeer answers the next scripted getpeername; unscripted, it answers
// from the socket's state.
func (k *Kernel) HasPeer(fd int) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fdErr != nil {
		return false, k.fdErr
	}
	fallback := "ENOTCONN"
	if k.connected {
		fallback = spec.Ok
	}
	name := pop(&k.peers, fallback)
	k.log("getpeername → %s", name)
	switch name {
	case spec.Ok:
		k.connected = true
		k.pending = false
		return true, nil
	case "ENOTCONN":
		return false, nil
	}
	return false, k.os.Errno(name)
}

// FileFlags returns the simulated file status flags.
func (k *Kernel) FileFlags(fd int) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.badFd {
		return 0, k.fdErr
	}
	return k.flags, nil
}

// SetFileFlags sets the simulated file status flags.
func (k *Kernel) SetFileFlags(fd int, flags int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.badFd {
		return k.fdErr
	}
	k.log("fcntl(F_SETFL, O_NONBLOCK=%t)", flags&unix.O_NONBLOCK != 0)
	k.flags = flags
	return nil
}

// PollWritable is ready at once unless the scenario's SYN is never
// answered.
func (k *Kernel) PollWritable(fd int) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	never := k.neverWritable()
	k.log("poll → %t", !never)
	return !never, nil
}

// BlockUntilWritable returns at once; where the socket never becomes
// writable, that is a problem: the wait would never end.
func (k *Kernel) BlockUntilWritable(fd int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.neverWritable() {
		k.problem("a blocking wait for writability would never return")
	}
	k.log("poll(block) → true")
	return nil
}

func (k *Kernel) neverWritable() bool { return k.answer != nil && k.answer.NeverWritable }

// WaitWritable returns at once, or, when the socket never becomes writable,
// when ctx is done, as the runtime poller does.
func (k *Kernel) WaitWritable(ctx context.Context, fd int) error {
	k.mu.Lock()
	never := k.neverWritable()
	k.log("wait on the poller")
	k.mu.Unlock()
	if !never {
		return nil
	}
	<-ctx.Done()
	return ctx.Err()
}

// SetNonblockingFlag sets O_NONBLOCK as the caller's fd has it before a
// step.
func (k *Kernel) SetNonblockingFlag(on bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.flags &^= unix.O_NONBLOCK
	if on {
		k.flags |= unix.O_NONBLOCK
	}
}

// NonblockingFlag returns the simulated O_NONBLOCK.
func (k *Kernel) NonblockingFlag() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.flags&unix.O_NONBLOCK != 0
}

// Connected reports whether the simulated socket has a peer.
func (k *Kernel) Connected() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.connected
}

// Unused returns the connect answers no call consumed.
func (k *Kernel) Unused() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.connects)
}

// Problems returns the rules the calls broke.
func (k *Kernel) Problems() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.problems)
}

// Trace returns the system calls made, one per line, for failure messages.
func (k *Kernel) Trace() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return strings.Join(k.calls, "\n")
}

// pop takes the next answer of list; the last one repeats, and an empty
// list answers fallback.
func pop(list *[]string, fallback string) string {
	switch len(*list) {
	case 0:
		return fallback
	case 1:
		return (*list)[0]
	}
	name := (*list)[0]
	*list = (*list)[1:]
	return name
}

var _ kernel.Kernel = (*Kernel)(nil)
