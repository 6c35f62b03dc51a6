// Command gen regenerates connspec's Go code and docs from the spec, and
// serves review and conformance.
//
// Usage:
//
//	go run ./gen                 regenerate every generated file
//	go run ./gen -check          exit 1, naming them, if generated files are stale
//	go run ./gen diff            what a spec change means, for review: the spec
//	                             at -base (HEAD) against the working tree or -head;
//	                             exit 1 on a breaking change unless -allow-breaking
//	go run ./gen verify          provoke the scenarios on this machine and print
//	                             where the kernel disagrees with its spec file;
//	                             -yaml prints what it saw in the spec's format;
//	                             on Windows (and with -net) it provokes them
//	                             through package net and ConnectConn
//
// gen diff names each change with a rule ID and a severity (breaking,
// additive, info) and prints it as text, markdown (a pull-request
// comment), json or github (workflow annotations); package
// internal/specdiff documents the rules.
//
// gen checks the spec against golang.org/x/sys/unix, and the Windows file
// against golang.org/x/sys/windows, for every GOOS/GOARCH each file covers
// (42 targets) before it writes anything: a spec error leaves the tree
// untouched.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/connspec/connspec/internal/codegen"
	"github.com/connspec/connspec/internal/spec"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "diff":
			return runDiff(args[1:], stdout, stderr)
		case "verify":
			return runVerify(args[1:], stdout, stderr)
		}
	}
	g, check, code, ok := parseGenFlags(args, stderr)
	if !ok {
		return code
	}
	outs, err := g.generate()
	if err != nil {
		var list spec.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, list.Error())
			fmt.Fprintf(stderr, "gen: %d problem(s) in the spec; nothing was written\n", len(list))
		} else {
			fmt.Fprintf(stderr, "gen: %v\ngen: nothing was written\n", err)
		}
		return 1
	}
	if check {
		return g.check(outs, stderr)
	}
	if err := g.write(outs); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}

// parseGenFlags parses the flags of go run ./gen into a generator; when ok
// is false the command exits with code.
func parseGenFlags(args []string, stderr io.Writer) (g *generator, check bool, code int, ok bool) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	g = &generator{log: stderr}
	fs.BoolVar(&check, "check", false, "do not write: exit 1 and name the generated files that differ from what the spec gives")
	fs.StringVar(&g.specDir, "spec", "spec", "spec directory, relative to the module root (or absolute)")
	outDir := fs.String("out", "", "write (or, with -check, compare) generated files under this directory instead of the module root")
	fs.BoolVar(&g.verbose, "v", false, "print what is loaded and written, with timings")
	fs.BoolVar(&g.noCache, "nocache", false, "load golang.org/x/sys for every target even when the user cache has it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: go run ./gen [-check] [-spec dir] [-out dir] [-nocache] [-v]")
		fmt.Fprintln(stderr, "       go run ./gen diff [-base REF] [-head REF] [-format text|markdown|json|github] [-allow-breaking] (go run ./gen diff -h)")
		fmt.Fprintln(stderr, "       go run ./gen verify [-yaml] [-only a,b] (go run ./gen verify -h)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, false, 0, false
		}
		return nil, false, 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return nil, false, 2, false
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return nil, false, 1, false
	}
	g.root, g.out = root, root
	if *outDir != "" {
		g.out = *outDir
	}
	return g, check, 0, true
}

// check is -check: it names the generated files that differ from outs and
// exits 1 when there are any.
func (g *generator) check(outs []codegen.Output, stderr io.Writer) int {
	stale, err := g.stale(outs)
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	for _, s := range stale {
		fmt.Fprintf(stderr, "gen: stale: %s\n", s)
	}
	if len(stale) > 0 {
		fmt.Fprintf(stderr, "gen: %d generated file(s) differ from what %s gives; run go run ./gen (or make generate) and commit the result\n", len(stale), g.specDir)
		return 1
	}
	return 0
}
