package specdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

// osFiles compares spec/os/*.yaml, file by file.
func (d *differ) osFiles(old, new *spec.Spec) {
	for _, n := range osFilesOf(new) {
		if old != nil && old.OS(n.OS.Name) != nil {
			d.osFile(old, new, old.OS(n.OS.Name), n)
		} else {
			d.add(OSAdded, spec.Pos{}, n.OS.Pos, "OS file %s added (goos %s)", n.OS.Name, strings.Join(n.GOOSNames(), ", "))
		}
	}
	for _, o := range osFilesOf(old) {
		if new == nil || new.OS(o.OS.Name) == nil {
			d.add(OSRemoved, o.OS.Pos, spec.Pos{}, "OS file %s removed (goos %s)", o.OS.Name, strings.Join(o.GOOSNames(), ", "))
		}
	}
}

func (d *differ) osFile(oldSpec, newSpec *spec.Spec, o, n *spec.OSFile) {
	name := n.OS.Name
	if !sameSet(o.GOOSNames(), n.GOOSNames()) {
		d.add(GOOSChanged, o.OS.Pos, n.OS.Pos, "%s goos: %s -> %s", name, list(o.GOOSNames()), list(n.GOOSNames()))
	}
	d.text(DocChanged, name+" doc", o.Doc, n.Doc, o.Pos, n.Pos)
	d.errnos(name, o, n)
	d.sockaddr(name, o.Sockaddr, n.Sockaddr)
	d.dissolve(name, o.Dissolve, n.Dissolve)
	d.completion(name, o.Interrupt, n.Interrupt, o.Completion, n.Completion)
	d.history(name, o.History, n.History)
	ot, nt := spec.NameTable(o), spec.NameTable(n)
	for _, na := range n.Scenarios {
		oa := o.Answers(na.Scenario.Name)
		osc, nsc := oldSpec.Scenario(na.Scenario.Name), newSpec.Scenario(na.Scenario.Name)
		// A scenario added or removed, or made pre_kernel, is reported in
		// spec/scenarios.yaml; its answers come and go with it.
		if oa != nil && osc != nil && nsc != nil {
			d.answers(ot, nt, osc, nsc, oa, na)
		}
	}
}

// errnos compares the errno rules, matched by errno name (their order in
// the file does not matter).
func (d *differ) errnos(name string, o, n *spec.OSFile) {
	for _, nr := range n.Errnos {
		or := o.Rule(nr.Errno.Name)
		if or == nil {
			d.add(ErrnoAdded, spec.Pos{}, nr.Errno.Pos, "%s %s added (kind %s%s)", name, nr.Errno.Name, nr.Kind.Name, casesNote(nr.When))
			continue
		}
		what := name + " " + nr.Errno.Name
		if or.Kind.Name != nr.Kind.Name {
			d.add(ErrnoKindChanged, or.Kind.Pos, nr.Kind.Pos, "%s: kind %s -> %s", what, or.Kind.Name, nr.Kind.Name)
		}
		d.cases(what, or, nr)
		d.text(DocChanged, what+" meaning", or.Meaning, nr.Meaning, or.Pos, nr.Pos)
		if or.Documented != nr.Documented {
			d.add(DocChanged, or.Pos, nr.Pos, "%s: documented %t -> %t", what, or.Documented, nr.Documented)
		}
		d.sources(what, or.Sources, nr.Sources, or.Pos, nr.Pos)
		d.text(SourcesChanged, what+" unverified note", or.Unverified, nr.Unverified, or.Pos, nr.Pos)
	}
	for _, or := range o.Errnos {
		if n.Rule(or.Errno.Name) == nil {
			d.add(ErrnoRemoved, or.Errno.Pos, spec.Pos{}, "%s %s removed (was kind %s%s)", name, or.Errno.Name, or.Kind.Name, casesNote(or.When))
		}
	}
}

func casesNote(cases []*spec.Case) string {
	if len(cases) == 0 {
		return ""
	}
	var kinds []string
	for _, c := range cases {
		kinds = append(kinds, c.Kind.Name+" when "+c.String())
	}
	return "; " + strings.Join(kinds, "; ")
}

// cases compares an errno's conditional cases, matched by their
// conditions; a case left over on both sides with the same kind is one
// whose conditions were edited. The first matching case wins, so their
// order is part of the mapping too.
func (d *differ) cases(what string, or, nr *spec.ErrnoRule) {
	oldKeys, newKeys := caseKeys(or.When), caseKeys(nr.When)
	// match[i] is the old case new case i continues, or -1.
	match := make([]int, len(nr.When))
	matched := make([]bool, len(or.When))
	for i, key := range newKeys {
		if match[i] = slices.Index(oldKeys, key); match[i] >= 0 {
			matched[match[i]] = true
		}
	}
	for i, nc := range nr.When {
		for j, oc := range or.When {
			if match[i] < 0 && !matched[j] && oc.Kind.Name == nc.Kind.Name {
				match[i], matched[j] = j, true
			}
		}
	}
	var order []int // the old index of each case kept, in new order
	for i, nc := range nr.When {
		subject := what + " when " + nc.String()
		j := match[i]
		if j < 0 {
			d.add(ErrnoKindChanged, or.Errno.Pos, nc.Pos, "%s: case added (kind %s)", subject, nc.Kind.Name)
			continue
		}
		oc := or.When[j]
		order = append(order, j)
		if oldKeys[j] != newKeys[i] {
			d.add(ErrnoKindChanged, oc.Pos, nc.Pos, "%s case of kind %s: conditions %s -> %s", what, nc.Kind.Name, oc.String(), nc.String())
		}
		if oc.Kind.Name != nc.Kind.Name {
			d.add(ErrnoKindChanged, oc.Kind.Pos, nc.Kind.Pos, "%s: kind %s -> %s", subject, oc.Kind.Name, nc.Kind.Name)
		}
		d.text(DocChanged, subject+" meaning", oc.Meaning, nc.Meaning, oc.Pos, nc.Pos)
		d.sources(subject, oc.Sources, nc.Sources, oc.Pos, nc.Pos)
	}
	for j, oc := range or.When {
		if !matched[j] {
			d.add(ErrnoKindChanged, oc.Pos, nr.Errno.Pos, "%s when %s: case removed (was kind %s)", what, oc.String(), oc.Kind.Name)
		}
	}
	if !slices.IsSorted(order) {
		var was, is []string
		for _, j := range slices.Sorted(slices.Values(order)) {
			was = append(was, oldKeys[j])
		}
		for i, j := range match {
			if j >= 0 {
				is = append(is, newKeys[i])
			}
		}
		d.add(ErrnoKindChanged, or.When[0].Pos, nr.When[0].Pos, "%s: cases reordered (the first that matches wins): %s -> %s",
			what, strings.Join(was, "; "), strings.Join(is, "; "))
	}
}

// caseKeys names each case by its conditions, numbering repeats so every
// key is unique.
func caseKeys(cases []*spec.Case) []string {
	keys := make([]string, len(cases))
	seen := map[string]int{}
	for i, c := range cases {
		k := c.String()
		if seen[k]++; seen[k] > 1 {
			k = fmt.Sprintf("%s (#%d)", k, seen[k])
		}
		keys[i] = k
	}
	return keys
}

// sockaddr compares the address rules. sa_len, sun_path and abstract_unix
// are in the generated tables and decide what portable accepts; the
// namelen rules and sun_path termination only document the kernel.
func (d *differ) sockaddr(name string, o, n *spec.SockaddrRules) {
	what := name + " sockaddr"
	if o.SaLen.String() != n.SaLen.String() {
		d.add(SockaddrChanged, o.SaLen.Pos, n.SaLen.Pos, "%s: sa_len %s -> %s", what, o.SaLen.String(), n.SaLen.String())
	}
	if o.SunPath != n.SunPath {
		d.add(SockaddrChanged, o.Pos, n.Pos, "%s: sun_path %d -> %d", what, o.SunPath, n.SunPath)
	}
	if o.AbstractUnix != n.AbstractUnix {
		d.add(SockaddrChanged, o.Pos, n.Pos, "%s: abstract_unix %t -> %t", what, o.AbstractUnix, n.AbstractUnix)
	}
	for _, r := range []struct {
		family string
		o, n   *spec.NamelenRule
	}{{"inet", o.Inet, n.Inet}, {"inet6", o.Inet6, n.Inet6}} {
		if was, is := namelen(r.o), namelen(r.n); was != is {
			d.add(SockaddrDetailChanged, r.o.Pos, r.n.Pos, "%s: %s %s -> %s", what, r.family, was, is)
		}
	}
	if o.MaxNamelen != n.MaxNamelen {
		d.add(SockaddrDetailChanged, o.Pos, n.Pos, "%s: max_namelen %d -> %d", what, o.MaxNamelen, n.MaxNamelen)
	}
	if o.SunPathTerminated != n.SunPathTerminated {
		d.add(SockaddrDetailChanged, o.Pos, n.Pos, "%s: sun_path_terminated_by_kernel %t -> %t", what, o.SunPathTerminated, n.SunPathTerminated)
	}
	d.sources(what, o.Sources, n.Sources, o.Pos, n.Pos)
	d.text(SourcesChanged, what+" unverified note", o.Unverified, n.Unverified, o.Pos, n.Pos)
}

func namelen(r *spec.NamelenRule) string {
	return fmt.Sprintf("%s %d (else %s)", r.Rule.String(), r.Bytes, r.Errno.Name)
}

// dissolve compares how a datagram association is dissolved. What the
// kernel does to a stream socket only words an error message: portable
// refuses stream sockets itself.
func (d *differ) dissolve(name string, o, n *spec.DissolveRules) {
	what := name + " dissolve"
	if o.Method.String() != n.Method.String() {
		d.add(DissolveChanged, o.Method.Pos, n.Method.Pos, "%s: method %s -> %s", what, o.Method.String(), n.Method.String())
	}
	if o.Namelen != n.Namelen {
		d.add(DissolveChanged, o.Pos, n.Pos, "%s: namelen %d -> %d", what, o.Namelen, n.Namelen)
	}
	if !sameSet(spec.Names(o.SuccessErrnos), spec.Names(n.SuccessErrnos)) {
		d.add(DissolveChanged, o.Pos, n.Pos, "%s: success_errnos %s -> %s", what, list(spec.Names(o.SuccessErrnos)), list(spec.Names(n.SuccessErrnos)))
	}
	if o.Confirm.String() != n.Confirm.String() {
		d.add(DissolveChanged, o.Confirm.Pos, n.Confirm.Pos, "%s: confirm %s -> %s", what, o.Confirm.String(), n.Confirm.String())
	}
	if o.Stream.Name != n.Stream.Name {
		d.add(DissolveStreamChanged, o.Stream.Pos, n.Stream.Pos, "%s: stream %s -> %s", what, o.Stream.Name, n.Stream.Name)
	}
	d.sources(what, o.Sources, n.Sources, o.Pos, n.Pos)
	d.text(SourcesChanged, what+" unverified note", o.Unverified, n.Unverified, o.Pos, n.Pos)
}

// completion compares the interrupt and completion rules. Lists the tables
// look errnos up in compare as sets; successive answers compare in order.
func (d *differ) completion(name string, oi, ni *spec.InterruptRules, oc, nc *spec.CompletionRules) {
	type errnoList struct {
		field   string
		o, n    []spec.Symbol
		ordered bool
		oldPos  spec.Pos
		newPos  spec.Pos
	}
	lists := []errnoList{
		{"interrupt errnos", oi.Errnos, ni.Errnos, false, oi.Pos, ni.Pos},
		{"interrupt second_connect", oi.SecondConnect, ni.SecondConnect, true, oi.Pos, ni.Pos},
		{"completion pending", oc.Pending, nc.Pending, false, oc.Pos, nc.Pos},
		{"completion so_error_pending", oc.SOErrorPending, nc.SOErrorPending, false, oc.Pos, nc.Pos},
		{"completion connected", oc.Connected, nc.Connected, false, oc.Pos, nc.Pos},
		{"completion after_completion", oc.AfterCompletion, nc.AfterCompletion, true, oc.Pos, nc.Pos},
	}
	for _, l := range lists {
		o, n := spec.Names(l.o), spec.Names(l.n)
		same := sameSet(o, n)
		if l.ordered {
			same = slices.Equal(o, n) // successive answers: the order is the meaning
		}
		if !same {
			d.add(CompletionChanged, firstPos(l.o, l.oldPos), firstPos(l.n, l.newPos), "%s %s: %s -> %s", name, l.field, list(o), list(n))
		}
	}
	if oi.Continues != ni.Continues {
		d.add(CompletionChanged, oi.Pos, ni.Pos, "%s interrupt continues: %t -> %t", name, oi.Continues, ni.Continues)
	}
	if oc.ConfirmWith.String() != nc.ConfirmWith.String() {
		d.add(CompletionChanged, oc.ConfirmWith.Pos, nc.ConfirmWith.Pos, "%s completion confirm_with: %s -> %s", name, oc.ConfirmWith.String(), nc.ConfirmWith.String())
	}
	d.sources(name+" interrupt", oi.Sources, ni.Sources, oi.Pos, ni.Pos)
	d.text(SourcesChanged, name+" interrupt unverified note", oi.Unverified, ni.Unverified, oi.Pos, ni.Pos)
	d.sources(name+" completion", oc.Sources, nc.Sources, oc.Pos, nc.Pos)
	d.text(SourcesChanged, name+" completion unverified note", oc.Unverified, nc.Unverified, oc.Pos, nc.Pos)
}

// firstPos returns where a list is written: its first element, or the
// section when the list is empty.
func firstPos(syms []spec.Symbol, section spec.Pos) spec.Pos {
	if len(syms) > 0 {
		return syms[0].Pos
	}
	return section
}

// history compares the history entries, matched by release.
func (d *differ) history(name string, old, new []*spec.HistoryEntry) {
	key := func(list []*spec.HistoryEntry) []string {
		keys := make([]string, len(list))
		seen := map[string]int{}
		for i, h := range list {
			k := strings.Join(strings.Fields(h.Since), " ")
			if seen[k]++; seen[k] > 1 {
				k = fmt.Sprintf("%s (#%d)", k, seen[k])
			}
			keys[i] = k
		}
		return keys
	}
	oldKeys, newKeys := key(old), key(new)
	for i, n := range new {
		what := fmt.Sprintf("%s history %q", name, newKeys[i])
		j := slices.Index(oldKeys, newKeys[i])
		if j < 0 {
			d.add(DocChanged, spec.Pos{}, n.Pos, "%s added: %s", what, excerpt(strings.Fields(n.What), 0, maxWords))
			continue
		}
		d.text(DocChanged, what, old[j].What, n.What, old[j].Pos, n.Pos)
		d.sources(what, old[j].Sources, n.Sources, old[j].Pos, n.Pos)
	}
	for i, o := range old {
		if slices.Index(newKeys, oldKeys[i]) < 0 {
			d.add(DocChanged, o.Pos, spec.Pos{}, "%s history %q removed", name, oldKeys[i])
		}
	}
}

// answers compares what one kernel answers in one scenario. The answers
// normalize to kinds through each side's own errno rules; when the kinds
// differ, what portable reports differs.
func (d *differ) answers(ot, nt *rules.Table[string, string], osc, nsc *spec.Scenario, oa, na *spec.Answers) {
	what := fmt.Sprintf("%s scenario %s", nt.Spec, na.Scenario.Name)
	oldRaw, newRaw := answerText(oa, nil), answerText(na, nil)
	if oldRaw != newRaw {
		oldKinds, newKinds := answerText(oa, kindsIn(ot, osc)), answerText(na, kindsIn(nt, nsc))
		if oldKinds != newKinds {
			d.add(ScenarioOutcomeChanged, oa.Pos, na.Pos, "%s: answers %s -> %s; kinds %s -> %s", what, oldRaw, newRaw, oldKinds, newKinds)
		} else {
			d.add(ScenarioAnswersChanged, oa.Pos, na.Pos, "%s: answers %s -> %s; kinds unchanged (%s)", what, oldRaw, newRaw, newKinds)
		}
	}
	d.text(DocChanged, what+" not_applicable", oa.NotApplicable, na.NotApplicable, oa.Pos, na.Pos)
	d.text(DocChanged, what+" not_provoked", oa.NotProvoked, na.NotProvoked, oa.Pos, na.Pos)
	d.sources(what, oa.Sources, na.Sources, oa.Pos, na.Pos)
	d.text(SourcesChanged, what+" unverified note", oa.Unverified, na.Unverified, oa.Pos, na.Pos)
}

// kindsIn returns how t, an OS file's rules by name, reads an errno
// answered in phase in scenario sc: the one classifier.
func kindsIn(t *rules.Table[string, string], sc *spec.Scenario) func(errno string, phase rules.Phase) string {
	return func(errno string, phase rules.Phase) string {
		return spec.KindIn(t, errno, sc.Facts(phase))
	}
}

// answerText formats answers as written ("connect [EINPROGRESS] so_error
// [ECONNREFUSED]"), or, with kindOf, with connect and SO_ERROR errnos read
// as kinds. getpeername answers stay errnos: portable only asks whether
// there is a peer (and, dissolving, whether the answer is ENOTCONN).
func answerText(a *spec.Answers, kindOf func(errno string, phase rules.Phase) string) string {
	if a.NotApplicable != "" {
		return "not applicable"
	}
	calls := func(call string, phase rules.Phase, syms []spec.Symbol) string {
		if len(syms) == 0 {
			return ""
		}
		names := spec.Names(syms)
		for i, s := range names {
			if kindOf != nil && phase != rules.PhaseAny && s != spec.Ok {
				names[i] = kindOf(s, phase)
			}
		}
		return call + " [" + strings.Join(names, " ") + "]"
	}
	var parts []string
	for _, p := range []string{
		calls("connect", rules.PhaseConnect, a.Connect),
		calls("so_error", rules.PhaseSOError, a.SOError),
		calls("getpeername", rules.PhaseAny, a.Getpeername),
	} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if a.NeverWritable {
		parts = append(parts, "never_writable")
	}
	return strings.Join(parts, " ")
}
