//go:build unix || windows

package conformance

import (
	"fmt"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// Status is how a scenario ended.
type Status string

// Statuses.
const (
	// Agree: the kernel answered what the spec says and portable reported
	// what the scenario expects.
	Agree Status = "agree"
	// Disagree: one of them did not.
	Disagree Status = "DISAGREE"
	// Skipped: the scenario could not run here (a missing facility, or the
	// spec records no answer for this OS).
	Skipped Status = "skipped"
	// NotProvoked: the spec says why the scenario cannot be provoked for
	// real on this OS.
	NotProvoked Status = "not provoked"
)

// Unseen stands, in a RunNet result, for an answer the run cannot see: a
// dissolve's, which DisconnectConn reads for the caller, or that of a call
// refused before the kernel.
const Unseen = "unseen"

// Answers are a kernel's answers, in the spec's words.
type Answers struct {
	// Connect lists successive connect(2) answers: "ok" or an errno name.
	Connect []string
	// SOError lists the SO_ERROR values read.
	SOError []string
	// Getpeername lists successive getpeername(2) answers.
	Getpeername []string
}

// Result is one scenario's run.
type Result struct {
	// Scenario is the scenario's name.
	Scenario string
	// Status is how it ended.
	Status Status
	// Reason says why it was skipped or not provoked.
	Reason string
	// PreKernel says the scenario is settled before the kernel, so it
	// checks portable only.
	PreKernel bool
	// Expected and Outcomes are the expected and observed outcome of each
	// step: "ok" or a kind name.
	Expected, Outcomes []string
	// Spec is what the spec says the kernel answers; Observed what it did.
	Spec, Observed Answers
	// Problems lists each disagreement.
	Problems []string
	// Duration is how long the scenario took.
	Duration time.Duration
}

// Options tune a run.
type Options struct {
	// Only restricts the run to these scenarios; empty runs all.
	Only []string
	// Dir is a scratch directory for AF_UNIX paths; it must be short
	// enough for sun_path and writable.
	Dir string
	// Logf, if set, receives progress lines.
	Logf func(format string, args ...any)
}

// HostTable is the table package portable runs on here.
func HostTable() *rules.Table[portable.Kind, syscall.Errno] {
	return engine.HostTable.(*rules.Table[portable.Kind, syscall.Errno])
}

// runEach runs run on every scenario of s that opts selects, timing and
// logging each, and returns the results in spec order.
func runEach(s *spec.Spec, opts Options, run func(*spec.Scenario) Result) []Result {
	var results []Result
	for _, sc := range s.Scenarios.Scenarios {
		if len(opts.Only) > 0 && !slices.Contains(opts.Only, sc.Name.Name) {
			continue
		}
		start := time.Now()
		r := run(sc)
		r.Duration = time.Since(start)
		if opts.Logf != nil {
			opts.Logf("%-32s %-12s %6s %s", sc.Name.Name, r.Status, r.Duration.Round(time.Millisecond), strings.Join(append(r.Problems, r.Reason), "; "))
		}
		results = append(results, r)
	}
	return results
}

// newResult starts sc's result with the outcome of each step the scenario
// expects on f's OS.
func newResult(f *spec.OSFile, sc *spec.Scenario) Result {
	r := Result{Scenario: sc.Name.Name, PreKernel: sc.PreKernel}
	for _, st := range sc.Steps {
		r.Expected = append(r.Expected, st.Expected(f.OS.Name).Name)
	}
	return r
}

// outcome records what step i returned, got (ok or a kind name), and a
// problem when the scenario expects another.
func (r *Result) outcome(i int, step *spec.Step, got string, err error) {
	r.Outcomes = append(r.Outcomes, got)
	if want := r.Expected[i]; got != want {
		r.Problems = append(r.Problems, fmt.Sprintf("step %d (%s): portable reported %s, the scenario expects %s (%v)", i+1, step.Call, got, want, err))
	}
}

// settle ends a run scenario: it agrees unless a problem was found.
func (r *Result) settle() {
	r.Status = Agree
	if len(r.Problems) > 0 {
		r.Status = Disagree
	}
}

// cleanups are what a scenario's environment undoes when it ends, last
// first.
type cleanups []func()

// onClose runs f when the scenario ends.
func (c *cleanups) onClose(f func()) { *c = append(*c, f) }

// end runs the cleanups, last first.
func (c *cleanups) end() {
	for i := len(*c) - 1; i >= 0; i-- {
		(*c)[i]()
	}
}
