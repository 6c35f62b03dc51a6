package sim

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/platform"
)

// Kernel is a platform.Kernel that answers from one scenario's answers in
// one OS file. Each list answers successive calls; the last answer of the
// so_error and getpeername lists repeats, while connect answers are used
// once each: a connect the spec does not script is a problem, as is a
// connect made while an interrupted attempt is still pending.
//
// Kernel also keeps what a real socket would know: whether it has a peer
// and whether O_NONBLOCK is set, so Run can check that success is reported
// only for a connected socket and that the caller's flags come back.
type Kernel struct {
	os     *OS
	answer *spec.Answers

	mu        sync.Mutex
	connects  []string // connect answers not used yet
	soErrors  []string
	peers     []string
	sockType  int   // SO_TYPE of the socket
	fdErr     error // what every call on the descriptor answers, when it is not a socket
	flags     int   // file status flags, O_NONBLOCK among them
	connected bool
	pending   bool // an interrupted attempt goes on; connect must not be called
	calls     []string
	problems  []string
}

// NewKernel scripts a kernel with the answers a for a scenario whose
// socket is socket. A nil a scripts no connect answer at all.
func NewKernel(o *OS, socket string, a *spec.Answers) *Kernel {
	k := &Kernel{os: o, answer: a}
	if a != nil {
		k.connects = spec.Names(a.Connect)
		k.soErrors = spec.Names(a.SOError)
		k.peers = spec.Names(a.Getpeername)
	}
	_, typ := spec.SocketFamilyType(socket)
	switch typ {
	case "stream":
		k.sockType = unix.SOCK_STREAM
	case "dgram":
		k.sockType = unix.SOCK_DGRAM
	case "seqpacket":
		k.sockType = unix.SOCK_SEQPACKET
	default:
		// Not a socket: a closed descriptor when the kernel says so, else a
		// regular file.
		k.fdErr = unix.ENOTSOCK
		if len(k.connects) > 0 && k.connects[0] == "EBADF" {
			k.fdErr = unix.EBADF
		}
	}
	return k
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
		return unix.ENOSYS
	}
	name := k.connects[0]
	k.connects = k.connects[1:]
	k.log("%s → %s", call, name)
	errno := k.os.Errno(name)
	switch {
	case errno == 0:
		k.connected = true
	case slices.Contains(k.os.Table.Interrupt.Errnos, errno) && k.os.Table.Interrupt.Continues:
		k.pending = true
	}
	if errno == 0 {
		return nil
	}
	return errno
}

// Connect answers the next scripted connect.
func (k *Kernel) Connect(fd int, sa unix.Sockaddr) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.next("connect")
}

// ConnectUnspec answers the next scripted connect, for a dissolve.
func (k *Kernel) ConnectUnspec(fd int, namelen uint32) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if want := k.os.Table.Dissolve.Namelen; namelen != want {
		k.problem("dissolve passed namelen %d, the spec says %d", namelen, want)
	}
	err := k.next(fmt.Sprintf("connect(AF_UNSPEC, %d)", namelen))
	if errno, _ := err.(unix.Errno); err == nil || slices.Contains(k.os.Table.Dissolve.SuccessErrnos, errno) || k.os.Table.Dissolve.ConfirmWithPeer {
		// The association is gone; getpeername says so unless scripted.
		k.connected = false
	}
	return err
}

// SocketType answers SO_TYPE from the scenario's socket.
func (k *Kernel) SocketType(fd int) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.log("getsockopt(SO_TYPE)")
	if k.fdErr != nil {
		return 0, k.fdErr
	}
	return k.sockType, nil
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

// Peer answers the next scripted getpeername; unscripted, it answers from
// the socket's state.
func (k *Kernel) Peer(fd int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fdErr != nil {
		return k.fdErr
	}
	fallback := "ENOTCONN"
	if k.connected {
		fallback = spec.Ok
	}
	name := pop(&k.peers, fallback)
	k.log("getpeername → %s", name)
	if name == spec.Ok {
		k.connected = true
		k.pending = false
		return nil
	}
	if name == "ENOTCONN" {
		return unix.ENOTCONN
	}
	return k.os.Errno(name)
}

// FileFlags returns the simulated file status flags.
func (k *Kernel) FileFlags(fd int) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fdErr == unix.EBADF {
		return 0, k.fdErr
	}
	return k.flags, nil
}

// SetFileFlags sets the simulated file status flags.
func (k *Kernel) SetFileFlags(fd int, flags int) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fdErr == unix.EBADF {
		return k.fdErr
	}
	k.log("fcntl(F_SETFL, O_NONBLOCK=%t)", flags&unix.O_NONBLOCK != 0)
	k.flags = flags
	return nil
}

// Writable is ready at once unless the scenario's SYN is never answered.
func (k *Kernel) Writable(fd int, block bool) (bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	never := k.answer != nil && k.answer.NeverWritable
	if never && block {
		k.problem("a blocking wait for writability would never return")
		return true, nil
	}
	k.log("poll(block=%t) → %t", block, !never)
	return !never, nil
}

// WaitWritable returns at once, or, when the socket never becomes writable,
// when ctx is done, as the runtime poller does.
func (k *Kernel) WaitWritable(ctx context.Context, fd int) error {
	k.mu.Lock()
	never := k.answer != nil && k.answer.NeverWritable
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
	return append([]string(nil), k.connects...)
}

// Problems returns the rules the calls broke.
func (k *Kernel) Problems() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.problems...)
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

var _ platform.Kernel = (*Kernel)(nil)
