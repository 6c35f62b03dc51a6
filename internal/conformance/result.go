//go:build unix || windows

package conformance

import (
	"syscall"
	"time"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/rules"
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
