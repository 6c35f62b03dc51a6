//go:build !unix && !windows

package main

import (
	"fmt"
	"os"
	"runtime"
)

// main says why there is nothing to verify: this GOOS has no sockets for
// portable to reach.
func main() {
	fmt.Fprintf(os.Stderr, "gen verify: %s has no sockets for portable; there is no kernel to verify\n", runtime.GOOS)
	os.Exit(2)
}
