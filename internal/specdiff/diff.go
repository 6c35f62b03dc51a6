package specdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/spec"
)

// Diff compares the spec old with the spec new and returns every semantic
// change, most serious first, then by place (the new place, or the old one
// for something removed), rule and message: the same two specs always give
// the same list. A nil spec stands for a revision without a spec directory,
// so against nil everything is added (or removed).
func Diff(old, new *spec.Spec) []Finding {
	d := &differ{}
	d.kinds(kindsOf(old), kindsOf(new))
	d.scenarios(old, new)
	d.osFiles(old, new)
	sortFindings(d.findings)
	return d.findings
}

// differ collects findings.
type differ struct {
	findings []Finding
}

func (d *differ) add(rule Rule, old, new spec.Pos, format string, args ...any) {
	d.findings = append(d.findings, Finding{Rule: rule, Severity: rule.Severity(), Message: fmt.Sprintf(format, args...), Old: old, New: new})
}

// text reports a change of prose under rule: what names the text
// ("linux EAGAIN meaning").
func (d *differ) text(rule Rule, what, old, new string, oldPos, newPos spec.Pos) {
	switch {
	case sameText(old, new):
	case strings.TrimSpace(old) == "":
		d.add(rule, oldPos, newPos, "%s added: %s", what, excerpt(strings.Fields(new), 0, maxWords))
	case strings.TrimSpace(new) == "":
		d.add(rule, oldPos, newPos, "%s removed (was %s)", what, excerpt(strings.Fields(old), 0, maxWords))
	default:
		o, n := changedWords(old, new)
		d.add(rule, oldPos, newPos, "%s: %s -> %s", what, o, n)
	}
}

// sources reports sources added and removed; what names their owner.
func (d *differ) sources(what string, old, new []spec.Source, oldPos, newPos spec.Pos) {
	have := func(list []spec.Source, s spec.Source) bool {
		return slices.ContainsFunc(list, func(x spec.Source) bool { return x.String() == s.String() })
	}
	var changes []string
	for _, s := range new {
		if !have(old, s) {
			changes = append(changes, fmt.Sprintf("added %q", s))
		}
	}
	for _, s := range old {
		if !have(new, s) {
			changes = append(changes, fmt.Sprintf("removed %q", s))
		}
	}
	if len(changes) > 0 {
		d.add(SourcesChanged, oldPos, newPos, "%s sources: %s", what, strings.Join(changes, "; "))
	}
}

func kindsOf(s *spec.Spec) []*spec.KindDef {
	if s == nil {
		return nil
	}
	return s.Kinds.Kinds
}

func scenariosOf(s *spec.Spec) []*spec.Scenario {
	if s == nil {
		return nil
	}
	return s.Scenarios.Scenarios
}

func osFilesOf(s *spec.Spec) []*spec.OSFile {
	if s == nil {
		return nil
	}
	return s.OSes
}

// kinds compares spec/kinds.yaml. A kind's index is its generated constant's
// value, so any kind whose index moves breaks compiled programs.
func (d *differ) kinds(old, new []*spec.KindDef) {
	index := func(list []*spec.KindDef) map[string]int {
		m := map[string]int{}
		for i, k := range list {
			m[k.Name.Name] = i
		}
		return m
	}
	oldIndex, newIndex := index(old), index(new)
	for i, k := range new {
		if _, ok := oldIndex[k.Name.Name]; !ok {
			d.add(KindAdded, spec.Pos{}, k.Name.Pos, "kind %s added (constant value %d)", k.Name.Name, i)
		}
	}
	for i, k := range old {
		if _, ok := newIndex[k.Name.Name]; !ok {
			d.add(KindRemoved, k.Name.Pos, spec.Pos{}, "kind %s removed (was constant value %d)", k.Name.Name, i)
		}
	}
	var moved []string
	var firstOld, firstNew spec.Pos
	for i, n := range new {
		j, ok := oldIndex[n.Name.Name]
		if !ok {
			continue
		}
		o := old[j]
		if j != i {
			if moved == nil {
				firstOld, firstNew = o.Name.Pos, n.Name.Pos
			}
			moved = append(moved, fmt.Sprintf("%s %d -> %d", n.Name.Name, j, i))
		}
		what := "kind " + n.Name.Name
		var flags []string
		if o.Retry != n.Retry {
			flags = append(flags, fmt.Sprintf("retry %t -> %t", o.Retry, n.Retry))
		}
		if o.Timeout != n.Timeout {
			flags = append(flags, fmt.Sprintf("timeout %t -> %t", o.Timeout, n.Timeout))
		}
		if len(flags) > 0 {
			d.add(KindFlagsChanged, o.Pos, n.Pos, "%s: %s", what, strings.Join(flags, ", "))
		}
		d.text(DocChanged, what+" doc", o.Doc, n.Doc, o.Pos, n.Pos)
	}
	if len(moved) > 0 {
		d.add(KindReordered, firstOld, firstNew, "kind constants change value: %s", strings.Join(moved, ", "))
	}
}

// scenarios compares spec/scenarios.yaml.
func (d *differ) scenarios(old, new *spec.Spec) {
	oldList, newList := scenariosOf(old), scenariosOf(new)
	find := func(list []*spec.Scenario, name string) *spec.Scenario {
		for _, sc := range list {
			if sc.Name.Name == name {
				return sc
			}
		}
		return nil
	}
	oses := commonOSes(old, new)
	for _, n := range newList {
		if o := find(oldList, n.Name.Name); o != nil {
			d.scenario(oses, o, n)
		} else {
			d.add(ScenarioAdded, spec.Pos{}, n.Name.Pos, "scenario %s added", n.Name.Name)
		}
	}
	for _, o := range oldList {
		if find(newList, o.Name.Name) == nil {
			d.add(ScenarioRemoved, o.Name.Pos, spec.Pos{}, "scenario %s removed", o.Name.Name)
		}
	}
}

// commonOSes returns the names of the OS files both specs have, sorted.
func commonOSes(old, new *spec.Spec) []string {
	if old == nil || new == nil {
		return nil
	}
	var names []string
	for _, f := range new.OSes {
		if old.OS(f.OS.Name) != nil {
			names = append(names, f.OS.Name)
		}
	}
	slices.Sort(names)
	return names
}

func (d *differ) scenario(oses []string, o, n *spec.Scenario) {
	what := "scenario " + n.Name.Name
	if o.Socket.String() != n.Socket.String() {
		d.add(ScenarioChanged, o.Socket.Pos, n.Socket.Pos, "%s: socket %s -> %s", what, o.Socket.String(), n.Socket.String())
	}
	if o.PreKernel != n.PreKernel {
		d.add(ScenarioChanged, o.Pos, n.Pos, "%s: pre_kernel %t -> %t", what, o.PreKernel, n.PreKernel)
	}
	if len(o.Steps) != len(n.Steps) {
		d.add(ScenarioChanged, o.Pos, n.Pos, "%s: %d step(s) -> %d", what, len(o.Steps), len(n.Steps))
	}
	for i := range min(len(o.Steps), len(n.Steps)) {
		ost, nst := o.Steps[i], n.Steps[i]
		step := fmt.Sprintf("%s step %d (%s)", what, i+1, nst.Call.String())
		if ost.Call.String() != nst.Call.String() {
			d.add(ScenarioChanged, ost.Call.Pos, nst.Call.Pos, "%s: call %s -> %s", step, ost.Call.String(), nst.Call.String())
		}
		if ost.Nonblocking != nst.Nonblocking {
			d.add(ScenarioChanged, ost.Pos, nst.Pos, "%s: nonblocking %t -> %t", step, ost.Nonblocking, nst.Nonblocking)
		}
		if ost.Context.String() != nst.Context.String() {
			d.add(ScenarioChanged, ost.Pos, nst.Pos, "%s: context %s -> %s", step, orNone(ost.Context.String()), orNone(nst.Context.String()))
		}
		d.outcomes(step, oses, ost, nst)
	}
	d.text(DocChanged, what+" doc", o.Doc, n.Doc, o.Pos, n.Pos)
	d.text(DocChanged, what+" divergence", o.Divergence, n.Divergence, o.Pos, n.Pos)
}

// outcomes reports the OSes whose expected outcome of a step changed,
// grouping the OSes that changed alike: a changed expect with no except
// is one finding, not one per OS.
func (d *differ) outcomes(step string, oses []string, o, n *spec.Step) {
	if len(oses) == 0 {
		// No OS file in common: only the default outcome can be compared.
		oses = []string{""}
	}
	type change struct {
		from, to spec.Symbol
		oses     []string
	}
	var changes []*change
	for _, name := range oses {
		from, to := o.Expected(name), n.Expected(name)
		if from.Name == to.Name {
			continue
		}
		i := slices.IndexFunc(changes, func(c *change) bool { return c.from.Name == from.Name && c.to.Name == to.Name })
		if i < 0 {
			changes = append(changes, &change{from: from, to: to})
			i = len(changes) - 1
		}
		changes[i].oses = append(changes[i].oses, name)
	}
	for _, c := range changes {
		on := ""
		if len(c.oses) < len(oses) {
			on = " on " + strings.Join(c.oses, ", ")
		}
		d.add(ScenarioOutcomeChanged, c.from.Pos, c.to.Pos, "%s%s: expect %s -> %s", step, on, c.from.Name, c.to.Name)
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
