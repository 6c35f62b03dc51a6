package main

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
)

// runVerify is go run ./gen verify. The work is done by the command in
// internal/conformance/verify, run with go run from the module root: it
// links package portable and the generated tables, and the generator must
// build even when those are stale or broken, to regenerate them.
func runVerify(args []string, stdout, stderr io.Writer) int {
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(stderr, "gen verify:", err)
		return 2
	}
	cmd := exec.Command("go", append([]string{"run", "./internal/conformance/verify"}, args...)...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode()
	case err != nil:
		fmt.Fprintln(stderr, "gen verify:", err)
		return 2
	}
	return 0
}
