//go:build unix || windows

// Command verify provokes the spec's scenarios on this machine and
// compares the kernel with this OS's spec file. Run it as go run ./gen
// verify; it is a command of its own so that the generator never links the
// generated tables it regenerates.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/connspec/connspec/internal/conformance"
	"github.com/connspec/connspec/internal/spec"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	specDir := fs.String("spec", "spec", "spec directory, relative to the module root (or absolute)")
	asYAML := fs.Bool("yaml", false, "print the observed answers in the spec's own format, to paste into spec/os/<os>.yaml")
	only := fs.String("only", "", "comma-separated scenarios to run (default: all)")
	verbose := fs.Bool("v", false, "print each scenario as it runs")
	throughNet := fs.Bool("net", !rawSockets, "provoke through package net and the conn API (the only way on Windows) instead of raw sockets")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./gen verify [-yaml] [-net] [-only a,b] [-spec dir] [-v]\n\n"+
			"Provokes every scenario this machine can produce (run as root on Linux for\n"+
			"the ones that need network namespaces), through package portable, and\n"+
			"prints where the kernel disagrees with %s. Exit 1 on any disagreement.\n\n", conformance.HostTable().SpecFile)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	s, f, err := loadHostSpec(*specDir)
	if err != nil {
		fmt.Fprintln(stderr, "gen verify:", err)
		return 2
	}
	scratch, err := os.MkdirTemp("", "cs")
	if err != nil {
		fmt.Fprintln(stderr, "gen verify:", err)
		return 2
	}
	defer os.RemoveAll(scratch)
	opts := conformance.Options{Dir: scratch}
	if opts.Only, err = scenarios(s, *only, *specDir); err != nil {
		fmt.Fprintln(stderr, "gen verify:", err)
		return 2
	}
	if *verbose {
		opts.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }
	}
	runScenarios := conformance.RunNet
	if !*throughNet {
		runScenarios = rawRun
	}
	results := runScenarios(s, f, opts)
	if *asYAML {
		printObservedYAML(stdout, results)
	} else {
		printVerifyTable(stdout, f, results)
	}
	if slices.ContainsFunc(results, func(r conformance.Result) bool { return r.Status == conformance.Disagree }) {
		return 1
	}
	return 0
}

// loadHostSpec loads the spec in specDir (relative to the working
// directory, or absolute) and returns the running OS's file.
func loadHostSpec(specDir string) (*spec.Spec, *spec.OSFile, error) {
	dir := specDir
	if !filepath.IsAbs(dir) {
		root, err := os.Getwd()
		if err != nil {
			return nil, nil, err
		}
		dir = filepath.Join(root, dir)
	}
	s, err := spec.LoadFS(os.DirFS(dir), filepath.ToSlash(specDir))
	if err != nil {
		return nil, nil, fmt.Errorf("%v\nthe spec does not load", err)
	}
	f := s.OS(conformance.HostTable().Spec)
	if f == nil {
		return nil, nil, fmt.Errorf("%s has no file for %s", specDir, conformance.HostTable().Spec)
	}
	return s, f, nil
}

// scenarios splits -only into scenario names, each of which s must have.
func scenarios(s *spec.Spec, only, specDir string) ([]string, error) {
	if only == "" {
		return nil, nil
	}
	names := strings.Split(only, ",")
	for _, name := range names {
		if s.Scenario(name) == nil {
			return nil, fmt.Errorf("no scenario %q in %s/%s", name, specDir, spec.ScenariosFileName)
		}
	}
	return names, nil
}

// printVerifyTable prints one line per scenario and a summary.
func printVerifyTable(w io.Writer, f *spec.OSFile, results []conformance.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tSPEC ("+f.OS.Name+")\tOBSERVED\tRESULT")
	counts := map[conformance.Status]int{}
	for _, r := range results {
		counts[r.Status]++
		spec, observed, result := describe(r.Expected, r.Spec), describe(r.Outcomes, r.Observed), string(r.Status)
		switch r.Status {
		case conformance.Skipped, conformance.NotProvoked:
			observed, result = "-", string(r.Status)+": "+r.Reason
		case conformance.Disagree:
			result += ": " + strings.Join(r.Problems, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Scenario, spec, observed, result)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%s on %s: %d agree, %d disagree, %d not provoked, %d skipped\n", f.File, hostDescription(),
		counts[conformance.Agree], counts[conformance.Disagree], counts[conformance.NotProvoked], counts[conformance.Skipped])
}

// describe writes outcomes and kernel answers on one line:
// "refused (EINPROGRESS → SO_ERROR ECONNREFUSED)".
func describe(outcomes []string, a conformance.Answers) string {
	calls := append([]string(nil), a.Connect...)
	if len(a.SOError) > 0 {
		calls = append(calls, "SO_ERROR "+a.SOError[len(a.SOError)-1])
	}
	out := strings.Join(outcomes, ", ")
	if out == "" {
		out = "-"
	}
	if len(calls) > 0 {
		out += " (" + strings.Join(calls, " → ") + ")"
	}
	return out
}

// printObservedYAML prints what the kernel answered in every provoked
// scenario, in the spec's own format.
func printObservedYAML(w io.Writer, results []conformance.Result) {
	fmt.Fprintf(w, "# Observed by go run ./gen verify on %s, %s.\n", hostDescription(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintln(w, "scenarios:")
	for _, r := range results {
		if r.PreKernel || (r.Status != conformance.Agree && r.Status != conformance.Disagree) {
			continue
		}
		fmt.Fprintf(w, "  %s:\n", r.Scenario)
		for _, field := range []struct {
			key  string
			list []string
		}{{"connect", r.Observed.Connect}, {"so_error", r.Observed.SOError}, {"getpeername", r.Observed.Getpeername}} {
			if len(field.list) > 0 {
				fmt.Fprintf(w, "    %s: [%s]\n", field.key, strings.Join(field.list, ", "))
			}
			if slices.Contains(field.list, conformance.Unseen) {
				fmt.Fprintf(w, "    # %s: not seen through package net; fill in from the spec or a raw run\n", conformance.Unseen)
			}
		}
		fmt.Fprintf(w, "    sources: [\"conformance: internal/conformance %s (gen verify on %s)\"]\n", r.Scenario, hostDescription())
	}
}
