// Package engine lets connspec's own simulation and conformance suite run
// package portable's algorithms over a kernel and a table of their
// choosing: a scripted kernel answering as FreeBSD with FreeBSD's table, or
// the host kernel with a recorder in between. Package portable fills in New
// and HostTable when it is initialized; being internal, this package is out
// of reach of portable's importers, so nothing they can assign changes how
// portable behaves.
package engine

// HostTable is the table package portable runs on here,
// *rules.Table[portable.Kind, syscall.Errno], for tests that compare it with
// the one the simulation builds. It is set by package portable.
var HostTable any
