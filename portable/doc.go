// Package portable is one connect(2) with the same behaviour and the same
// error kinds on every OS Go supports.
//
// connect(2) differs from kernel to kernel: in the errnos it answers, in what
// one errno means (Linux EAGAIN is a full AF_UNIX backlog, FreeBSD EAGAIN a
// lack of ephemeral ports), in how a datagram association is dissolved (the
// BSD kernels dissolve and then fail the call), in what an interrupted or
// nonblocking connect answers next. connspec writes that knowledge down as a
// spec per OS (spec/os/*.yaml in the module, each claim with its source) and
// generates from it the table this package compiles in for the OS it is
// built for (zspec_*.go); one algorithm runs over it:
//
//   - Connect and ConnectContext connect a raw descriptor, never let EINTR
//     reach the caller, never connect twice, and report success once and
//     only when the kernel confirms the socket has a peer;
//   - Finish completes a nonblocking connect for callers with their own
//     poller;
//   - Disconnect dissolves a datagram association and returns nil exactly
//     when it is gone;
//   - ConnectConn and DisconnectConn do the same for package net's conns
//     (*net.UDPConn, *net.UnixConn, *net.IPConn), on unix and on Windows;
//   - every failure is an *Error whose Kind is the same on every OS for the
//     same situation, and KindOf classifies errors from anywhere, net.Dial's
//     included (Winsock's and Win32's codes on Windows).
//
// Where two kernels cannot be made to agree (a full AF_UNIX backlog is
// PeerBusy on Linux and Refused on the BSDs), spec/scenarios.yaml declares
// the divergence and spec/SEMANTICS.md shows it.
//
// The package builds for every GOOS/GOARCH. The raw-descriptor API
// (Connect, ConnectContext, Finish, Disconnect, taking an fd and a
// unix.Sockaddr) exists on unix GOOS values; Kind, Error, the Err*
// sentinels, KindOf, ConnectConn and DisconnectConn exist everywhere. On
// js, wasip1 and plan9, which give portable no sockets, ConnectConn and
// DisconnectConn return an Unsupported error. The package never closes,
// duplicates into, or keeps a caller's descriptor or conn.
package portable

//go:generate go run ../gen
