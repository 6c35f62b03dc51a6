//go:build unix

package main

import (
	"runtime"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/conformance"
)

// rawSockets says verify can provoke scenarios on raw sockets here.
const rawSockets = true

// rawRun provokes the scenarios on raw sockets.
var rawRun = conformance.Run

// hostDescription names the machine: GOOS/GOARCH and the kernel release.
func hostDescription() string {
	var u unix.Utsname
	desc := runtime.GOOS + "/" + runtime.GOARCH
	if unix.Uname(&u) == nil {
		desc += " " + unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:])
	}
	return desc
}
