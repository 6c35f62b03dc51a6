package spec

import (
	"slices"
	"strings"

	"github.com/connspec/connspec/internal/rules"
)

// Translate turns an OS file into the table the portable algorithms read:
// the one translation from the spec to the runtime, which the generator
// renders into portable/zspec_*.go, the simulation builds at run time and
// the validator and gen diff classify with. kind gives the value of a kind
// name; errno the value of an errno name ("ECONNREFUSED"). Errno lists keep
// one entry per value, in spec order. file is the spec file relative to the
// module root, as the table names it.
func Translate[K, E comparable](f *OSFile, file string, kind func(string) K, errno func(string) E) *rules.Table[K, E] {
	errnos := func(syms []Symbol) []E {
		var list []E
		for _, s := range syms {
			if e := errno(s.Name); !slices.Contains(list, e) {
				list = append(list, e)
			}
		}
		return list
	}
	meaning := func(k Symbol, text string) rules.Meaning[K] {
		m := rules.Meaning[K]{Connected: k.Name == Connected, Text: OneLine(text)}
		if !m.Connected {
			m.Kind = kind(k.Name)
		}
		return m
	}
	t := &rules.Table[K, E]{Spec: f.OS.Name, SpecFile: file}
	for _, r := range f.Errnos {
		rule := rules.ErrnoRule[K, E]{Errno: errno(r.Errno.Name), Name: r.Errno.Name, Default: meaning(r.Kind, r.Meaning)}
		for _, c := range r.When {
			rule.Cases = append(rule.Cases, rules.Case[K]{
				Family: c.Family.Value, Type: c.Type.Value, Phase: c.Phase.Value,
				Destination: c.Destination.Value, State: c.State.Value,
				Meaning: meaning(c.Kind, c.Meaning),
			})
		}
		t.Errnos = append(t.Errnos, rule)
	}
	sa, d := f.Sockaddr, f.Dissolve
	t.Sockaddr = rules.SockaddrRules[E]{
		SaLen: sa.SaLen.Value, SunPath: sa.SunPath, UnixPathMax: sa.UnixPathMax(),
		AbstractUnix: sa.AbstractUnix, FamilyMismatch: errnos(sa.FamilyMismatch),
	}
	t.Dissolve = rules.DissolveRules[E]{
		Method: d.Method.Value, Namelen: uint32(d.Namelen), SuccessErrnos: errnos(d.SuccessErrnos),
		ConfirmWithPeer: d.Confirm.Value == ConfirmGetpeername, DropsPort: d.DropsPort, Stream: d.StreamAnswer(),
	}
	t.Interrupt = rules.InterruptRules[E]{Errnos: errnos(f.Interrupt.Errnos), Continues: f.Interrupt.Continues}
	c := f.Completion
	t.Completion = rules.CompletionRules[E]{
		Pending: errnos(c.Pending), SOErrorPending: errnos(c.SOErrorPending),
	}
	return t
}

// NameTable is f translated with the spec's own names for kinds and
// errnos: what the validator and gen diff classify with.
func NameTable(f *OSFile) *rules.Table[string, string] {
	same := func(s string) string { return s }
	return Translate(f, f.File, same, same)
}

// KindIn returns the kind name t gives errno in a call with facts f,
// "connected" for an errno that reports a completed connection, and
// "unknown" for one t does not map: the one classifier, read by name.
func KindIn(t *rules.Table[string, string], errno string, f rules.Facts) string {
	m, ok := t.Classify(errno, f)
	switch {
	case !ok:
		return "unknown"
	case m.Connected:
		return Connected
	}
	return m.Kind
}

// OneLine folds a YAML block scalar into one line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Facts are what portable knows, or can learn, in a call of phase in the
// scenario: the address family, the socket type, where the errno was seen,
// what the destination is and the socket's state.
func (sc *Scenario) Facts(phase rules.Phase) rules.Facts {
	f := sc.Socket.Value.Facts(phase)
	if sc.Address.Given() {
		f.Family = sc.Address.Value.Family()
	}
	f.Destination, f.State = sc.Destination.Value, sc.State.Value
	return f
}
