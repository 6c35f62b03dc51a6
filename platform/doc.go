// Package platform holds what each operating system does in connect(2), as
// tables generated from the spec, and the raw operations that reach the
// kernel.
//
// The contract: Current is the table of the running OS, generated from
// spec/os/<os>.yaml into zspec_<os>.go, or from the POSIX baseline
// spec/os/posix.yaml into zspec_other.go for every other unix GOOS. Package
// portable decides everything from a Table's fields; no hand-written code
// here or there branches on runtime.GOOS. Host makes the system calls the
// portable algorithms need, and the simulation in internal/sim replaces it
// to replay every OS's answers on any machine.
//
// The z*.go files are generated; to change them, edit the spec and run
// go generate (or go run ./gen at the module root).
package platform

//go:generate go run ../gen
