package specdiff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/connspec/connspec/internal/spec"
)

// Severity says how a change affects programs built on package portable.
type Severity string

// The severities, most serious first.
const (
	// Breaking changes what a program sees on some OS: a kind, an
	// outcome, a generated constant or table. A reviewer must agree to it.
	Breaking Severity = "breaking"
	// Additive adds to the spec without changing what it already says.
	Additive Severity = "additive"
	// Info changes the evidence or the prose, not the behaviour.
	Info Severity = "info"
)

// Severities lists the severities, most serious first.
var Severities = []Severity{Breaking, Additive, Info}

func (s Severity) rank() int { return slices.Index(Severities, s) }

// Rule identifies what a finding reports. Rule IDs are stable and
// greppable; the package documentation describes each.
type Rule string

// The rules, grouped by severity as in the package documentation.
const (
	ErrnoKindChanged       Rule = "ERRNO-KIND-CHANGED"
	ErrnoRemoved           Rule = "ERRNO-REMOVED"
	DissolveChanged        Rule = "DISSOLVE-CHANGED"
	SockaddrChanged        Rule = "SOCKADDR-CHANGED"
	CompletionChanged      Rule = "COMPLETION-CHANGED"
	GOOSChanged            Rule = "GOOS-CHANGED"
	ScenarioOutcomeChanged Rule = "SCENARIO-OUTCOME-CHANGED"
	ScenarioChanged        Rule = "SCENARIO-CHANGED"
	ScenarioRemoved        Rule = "SCENARIO-REMOVED"
	KindRemoved            Rule = "KIND-REMOVED"
	KindReordered          Rule = "KIND-REORDERED"
	KindFlagsChanged       Rule = "KIND-FLAGS-CHANGED"
	OSRemoved              Rule = "OS-REMOVED"

	ErrnoAdded    Rule = "ERRNO-ADDED"
	ScenarioAdded Rule = "SCENARIO-ADDED"
	KindAdded     Rule = "KIND-ADDED"
	OSAdded       Rule = "OS-ADDED"

	ScenarioAnswersChanged Rule = "SCENARIO-ANSWERS-CHANGED"
	SockaddrDetailChanged  Rule = "SOCKADDR-DETAIL-CHANGED"
	DissolveStreamChanged  Rule = "DISSOLVE-STREAM-CHANGED"
	DocChanged             Rule = "DOC-CHANGED"
	SourcesChanged         Rule = "SOURCES-CHANGED"
)

// severities gives every rule its one severity.
var severities = map[Rule]Severity{
	ErrnoKindChanged:       Breaking,
	ErrnoRemoved:           Breaking,
	DissolveChanged:        Breaking,
	SockaddrChanged:        Breaking,
	CompletionChanged:      Breaking,
	GOOSChanged:            Breaking,
	ScenarioOutcomeChanged: Breaking,
	ScenarioChanged:        Breaking,
	ScenarioRemoved:        Breaking,
	KindRemoved:            Breaking,
	KindReordered:          Breaking,
	KindFlagsChanged:       Breaking,
	OSRemoved:              Breaking,

	ErrnoAdded:    Additive,
	ScenarioAdded: Additive,
	KindAdded:     Additive,
	OSAdded:       Additive,

	ScenarioAnswersChanged: Info,
	SockaddrDetailChanged:  Info,
	DissolveStreamChanged:  Info,
	DocChanged:             Info,
	SourcesChanged:         Info,
}

// Rules returns every rule, by severity and then by name.
func Rules() []Rule {
	var rules []Rule
	for r := range severities {
		rules = append(rules, r)
	}
	slices.SortFunc(rules, func(a, b Rule) int {
		return cmp.Or(cmp.Compare(a.Severity().rank(), b.Severity().rank()), cmp.Compare(a, b))
	})
	return rules
}

// Severity returns the rule's severity.
func (r Rule) Severity() Severity { return severities[r] }

// Finding is one semantic change between two specs.
type Finding struct {
	// Rule says what changed.
	Rule Rule
	// Severity is Rule's severity.
	Severity Severity
	// Message says what changed, naming the OS, errno, kind or scenario and
	// the values before and after ("linux EAGAIN: kind addr_not_available
	// -> peer_busy").
	Message string
	// Old is where the old spec says it; zero when the old spec lacks what
	// the finding is about (an errno, kind, scenario or OS file added).
	Old spec.Pos
	// New is where the new spec says it; zero when the new spec lacks it.
	New spec.Pos
}

// Where returns the place a reviewer should look: New, or Old for
// something removed.
func (f Finding) Where() spec.Pos {
	if f.New.File != "" {
		return f.New
	}
	return f.Old
}

// String formats the finding on one line: severity, rule, old and new
// place, and the message.
//
//	breaking ERRNO-KIND-CHANGED spec/os/linux.yaml:41 -> spec/os/linux.yaml:43: linux EAGAIN: kind addr_not_available -> peer_busy
func (f Finding) String() string {
	return fmt.Sprintf("%s %s %s -> %s: %s", f.Severity, f.Rule, Location(f.Old), Location(f.New), f.Message)
}

// Location formats p as file:line, the form reviewers and editors jump to,
// or "-" when p is zero.
func Location(p spec.Pos) string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Count returns how many findings have each severity.
func Count(findings []Finding) map[Severity]int {
	counts := map[Severity]int{}
	for _, s := range Severities {
		counts[s] = 0
	}
	for _, f := range findings {
		counts[f.Severity]++
	}
	return counts
}

// sortFindings orders findings by severity, then file and line, rule and
// message, so that the same two specs always give the same list. Columns
// are left out: the output shows lines, and findings on one line then read
// in the order of their messages.
func sortFindings(findings []Finding) {
	slices.SortStableFunc(findings, func(a, b Finding) int {
		pa, pb := a.Where(), b.Where()
		return cmp.Or(
			cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(pa.File, pb.File),
			cmp.Compare(pa.Line, pb.Line),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
