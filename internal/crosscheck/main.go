// Command crosscheck type-checks packages and their tests for other
// targets without compiling them, which make cross uses where building
// would compile the standard library once per target:
//
//	go run ./internal/crosscheck -targets "windows/amd64 js/wasm" ./portable/... ./internal/...
//
// It prints each problem with its target and exits 1 when there is one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/connspec/connspec/internal/resolve"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("crosscheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	list := fs.String("targets", "", "space-separated GOOS/GOARCH targets")
	tests := fs.Bool("tests", true, "type-check the packages' tests too")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	targets, err := parseTargets(*list)
	if err != nil || fs.NArg() == 0 {
		fmt.Fprintf(stderr, "crosscheck: %v\nusage: crosscheck -targets \"goos/goarch ...\" [-tests=false] packages...\n", cmpErr(err, "no packages given"))
		return 2
	}
	start := time.Now()
	problems, err := resolve.TypeCheck(context.Background(), ".", targets, *tests, fs.Args()...)
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	if err != nil {
		fmt.Fprintln(stderr, "crosscheck:", err)
		return 2
	}
	fmt.Fprintf(stderr, "crosscheck: %s type-checked for %d targets in %v: %d problem(s)\n",
		strings.Join(fs.Args(), " "), len(targets), time.Since(start).Round(time.Second/10), len(problems))
	if len(problems) > 0 {
		return 1
	}
	return 0
}

// parseTargets reads "goos/goarch ..." into targets.
func parseTargets(list string) ([]resolve.Target, error) {
	var targets []resolve.Target
	for _, f := range strings.Fields(list) {
		goos, goarch, ok := strings.Cut(f, "/")
		if !ok || goos == "" || goarch == "" {
			return nil, fmt.Errorf("target %q is not goos/goarch", f)
		}
		targets = append(targets, resolve.Target{GOOS: goos, GOARCH: goarch})
	}
	if len(targets) == 0 {
		return nil, errors.New("no -targets given")
	}
	return targets, nil
}

// cmpErr returns err's text, or otherwise when err is nil.
func cmpErr(err error, otherwise string) string {
	if err != nil {
		return err.Error()
	}
	return otherwise
}
