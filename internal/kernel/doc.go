// Package kernel is how package portable reaches the kernel: the system
// calls its algorithms make, behind the Kernel interface so that connspec's
// simulation can answer them from the spec instead.
//
// Host makes them for real, the way golang.org/x/sys/unix does on each OS.
// Where x/sys/unix issues the system call itself (linux, freebsd, netbsd,
// dragonfly), Host uses its exported API: unix.Syscall with SYS_CONNECT,
// SYS_GETPEERNAME and SYS_GETSOCKNAME, or SYS_SOCKETCALL on linux/386 and
// linux/s390x, as x/sys/unix does there (raw_syscall.go,
// raw_socketcall.go). Where x/sys/unix reaches the kernel through libc
// (darwin and ios, openbsd, solaris and illumos, aix), Host calls x/sys/unix's
// own unexported wrappers through go:linkname, so it goes through the same
// libc trampolines (raw_linkname.go); a test in this package checks, in
// every build that runs it, that the wrappers linked have the signatures
// declared here.
//
// Implementations never close, replace or keep the descriptors they are
// given.
package kernel
