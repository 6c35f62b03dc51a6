//go:build unix

package portable

import (
	"context"
	"net"
	"os"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
)

// init gives connspec's simulation and conformance suite the algorithms of
// this package over kernels and tables of their own (see internal/engine).
func init() {
	engine.New = func(k kernel.Kernel, t any, goos string) engine.API { return newConnector(k, t.(*table), goos) }
	engine.NewConnReplay = func(k kernel.Kernel, t any, goos string) engine.API {
		c := newConnector(k, t.(*table), goos)
		return &connReplay{a: &c.assoc}
	}
}

// connReplay is what a program does on an OS where portable offers only
// the conn API (Windows), replayed over a scripted kernel: a datagram
// socket is associated by ConnectConn and dissolved by DisconnectConn; a
// stream socket is dialed by package net, whose error KindOf classifies,
// built as net builds it there (a *net.OpError wrapping the *os.SyscallError
// "connectex").
type connReplay struct{ a *assoc[unix.Sockaddr] }

// Connect is ConnectConn for a datagram socket, net.Dial for a stream one.
func (r *connReplay) Connect(fd int, sa unix.Sockaddr) error {
	c := &call[unix.Sockaddr]{op: "connect", fd: fd, sa: sa}
	c.fam, _ = checkAddress(r.a.t, sa)
	if typ, _ := r.a.sys.SocketType(fd); typ != rules.SocketTypeStream {
		return r.a.associate(c)
	}
	err := r.a.sys.Connect(fd, sa)
	if err == nil {
		return nil
	}
	return &net.OpError{Op: "dial", Net: dialNetwork(c.fam), Err: os.NewSyscallError("connectex", err)}
}

// dialNetwork is the network net.Dial names for a family.
func dialNetwork(fam rules.Family) string {
	switch fam {
	case rules.FamilyInet6:
		return "tcp6"
	case rules.FamilyUnix:
		return "unix"
	}
	return "tcp4"
}

// Disconnect is DisconnectConn.
func (r *connReplay) Disconnect(fd int) error {
	return r.a.dissolve(&call[unix.Sockaddr]{op: "disconnect", fd: fd})
}

// ConnectContext has no counterpart where portable offers only the conn
// API.
func (r *connReplay) ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) error {
	return r.a.refuse(&call[unix.Sockaddr]{op: "connect", fd: fd}, Unsupported, "the raw-descriptor API is unix-only")
}

// Finish has no counterpart where portable offers only the conn API.
func (r *connReplay) Finish(fd int) error {
	return r.a.refuse(&call[unix.Sockaddr]{op: "finish", fd: fd}, Unsupported, "the raw-descriptor API is unix-only")
}

// KindName is the name of KindOf(err), reading errnos with the table.
func (r *connReplay) KindName(err error) string { return kindOf(r.a.t, err).String() }
