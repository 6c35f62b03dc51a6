// Package portable is one connect(2) for raw sockets with the same
// behaviour and the same error kinds on every unix OS Go supports.
//
// connect(2) differs from kernel to kernel: in the errnos it answers, in what
// one errno means (Linux EAGAIN is a full AF_UNIX backlog, FreeBSD EAGAIN a
// lack of ephemeral ports), in how a datagram association is dissolved (the
// BSD kernels dissolve and then fail the call), in what an interrupted or
// nonblocking connect answers next. connspec writes that knowledge down as a
// spec per OS (spec/os/*.yaml in the module, each claim with its source) and
// generates from it the tables package platform holds; this package runs one
// algorithm over those tables:
//
//   - Connect and ConnectContext connect, never let EINTR reach the caller,
//     never connect twice, and report success once and only when the socket
//     has a peer;
//   - Finish completes a nonblocking connect for callers with their own
//     poller;
//   - Disconnect dissolves a datagram association and returns nil exactly
//     when it is gone;
//   - every failure is an *Error whose Kind is the same on every OS for the
//     same situation, and KindOf classifies errors from anywhere, net.Dial's
//     included.
//
// Where two kernels cannot be made to agree (a full AF_UNIX backlog is
// PeerBusy on Linux and Refused on the BSDs), spec/scenarios.yaml declares
// the divergence and spec/SEMANTICS.md shows it.
//
// The package works on raw file descriptors from unix.Socket and never
// closes, duplicates into, or keeps them. It builds for unix GOOS values;
// OSes without a spec of their own use the POSIX.1-2008 baseline.
package portable
