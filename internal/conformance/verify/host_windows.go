package main

import (
	"fmt"
	"runtime"

	"golang.org/x/sys/windows"

	"github.com/connspec/connspec/internal/conformance"
)

// rawSockets says verify can provoke scenarios on raw sockets here; on
// Windows it provokes them through package net.
const rawSockets = false

// rawRun is RunNet: there is no raw-socket run on Windows.
var rawRun = conformance.RunNet

// hostDescription names the machine: GOOS/GOARCH and the Windows version
// and build.
func hostDescription() string {
	v := windows.RtlGetVersion()
	return fmt.Sprintf("%s/%s Windows %d.%d.%d", runtime.GOOS, runtime.GOARCH, v.MajorVersion, v.MinorVersion, v.BuildNumber)
}
