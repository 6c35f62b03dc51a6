package spec

import (
	"fmt"
	"github.com/connspec/connspec/internal/rules"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Words with a fixed meaning in the spec.
const (
	// Ok is the outcome of a call that succeeds, and the answer of a system
	// call that returns 0.
	Ok = "ok"
	// Connected is the pseudo-kind of an errno that reports a completed
	// connection rather than a failure (illumos EINVAL after the peer
	// accepted and closed, golang/go#6828).
	Connected = "connected"
	// Baseline is the OS spec every unix GOOS without a file of its own uses.
	Baseline = "posix"
	// StreamDisconnects is DissolveRules.Stream for kernels that dissolve a
	// stream socket's connection (Linux).
	StreamDisconnects = "disconnects"
)

// Lists the validator checks against.
var (
	// RequiredKinds are the kinds package portable reports itself, before or
	// around the kernel; the spec cannot drop them.
	RequiredKinds = []string{"unknown", "in_progress", "bad_descriptor", "invalid_address", "name_too_long",
		"family_not_supported", "unsupported", "not_socket", "timed_out", "canceled"}
	// ImpliedGOOS maps a GOOS to the GOOS whose build tag it also satisfies:
	// Go builds android with linux files and ios with darwin files, so a
	// spec for linux must cover android too.
	ImpliedGOOS = map[string]string{"android": "linux", "ios": "darwin", "illumos": "solaris"}
)

var (
	kindName     = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	scenarioName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	// unixErrnoName is how golang.org/x/sys/unix spells an errno.
	unixErrnoName = errnoPattern{regexp.MustCompile(`^E[A-Z0-9]+$`), "E followed by capitals, as golang.org/x/sys/unix spells it"}
	// windowsErrnoName is how golang.org/x/sys/windows spells the errors a
	// socket call returns: Winsock's WSA codes and Win32's ERROR_ codes.
	windowsErrnoName = errnoPattern{regexp.MustCompile(`^(WSA[A-Z0-9_]+|ERROR_[A-Z0-9_]+)$`), "WSA or ERROR_ followed by capitals, as golang.org/x/sys/windows spells it"}
)

// validator holds what the cross-file checks need.
type validator struct {
	s    *Spec
	errs *ErrorList
	// kinds and scenarios are the known names.
	kinds, scenarios []string
	// errnoName is how the OS file being checked spells errnos.
	errnoName errnoPattern
}

// errnoPattern is the spelling of errno names in one kind of OS file.
type errnoPattern struct {
	re   *regexp.Regexp
	what string
}

func validate(s *Spec, errs *ErrorList) {
	v := &validator{s: s, errs: errs}
	v.kindsFile()
	v.scenariosFile()
	v.goosCoverage()
	for _, f := range s.OSes {
		v.osFile(f)
	}
}

func (v *validator) kindsFile() {
	seen := map[string]Pos{}
	for _, k := range v.s.Kinds.Kinds {
		name := k.Name
		switch {
		case !kindName.MatchString(name.Name):
			v.errs.add(name.Pos, "kind name %q must be snake_case (lower-case letters, digits and underscores)", name.Name)
		case name.Name == Ok || name.Name == Connected:
			v.errs.add(name.Pos, "kind name %q is reserved: it is an outcome, not a failure", name.Name)
		}
		if prev, dup := seen[name.Name]; dup {
			v.errs.add(name.Pos, "kind %q is already defined at %s", name.Name, prev)
		}
		seen[name.Name] = name.Pos
		v.text(k.Doc, k.Pos, "kind "+name.Name+" doc")
		v.kinds = append(v.kinds, name.Name)
	}
	if len(v.kinds) > 0 && v.kinds[0] != "unknown" {
		v.errs.add(v.s.Kinds.Kinds[0].Name.Pos, "the first kind must be unknown: it is the zero Kind")
	}
	for _, k := range RequiredKinds {
		if !slices.Contains(v.kinds, k) {
			v.errs.add(v.s.Kinds.Pos, "kind %q is missing: package portable reports it itself", k)
		}
	}
	if len(v.kinds) > 256 {
		v.errs.add(v.s.Kinds.Pos, "%d kinds do not fit the generated uint8 Kind", len(v.kinds))
	}
}

func (v *validator) scenariosFile() {
	seen := map[string]Pos{}
	for _, sc := range v.s.Scenarios.Scenarios {
		v.scenarios = append(v.scenarios, sc.Name.Name)
	}
	osNames := v.osNames()
	for _, sc := range v.s.Scenarios.Scenarios {
		name := sc.Name
		if !scenarioName.MatchString(name.Name) {
			v.errs.add(name.Pos, "scenario name %q must be kebab-case (lower-case letters, digits and hyphens)", name.Name)
		}
		if prev, dup := seen[name.Name]; dup {
			v.errs.add(name.Pos, "scenario %q is already defined at %s", name.Name, prev)
		}
		seen[name.Name] = name.Pos
		v.text(sc.Doc, sc.Pos, "scenario "+name.Name+" doc")
		if len(sc.Steps) == 0 {
			v.errs.add(sc.Pos, "scenario %q has no steps", name.Name)
		}
		diverges := false
		for _, st := range sc.Steps {
			if st.Context.Given() && st.Call.Value != CallConnectContext {
				v.errs.add(st.Context.Pos, "context is only for connect_context steps")
			}
			v.outcome(st.Expect)
			for _, o := range st.Except {
				diverges = true
				if !slices.Contains(osNames, o.OS.Name) {
					v.errs.add(o.OS.Pos, "except names OS %q, which has no file in %s/%s%s", o.OS.Name, v.s.Dir, OSDir, suggestion(o.OS.Name, osNames))
				}
				v.outcome(o.Expect)
				if o.Expect.Name == st.Expect.Name {
					v.errs.add(o.Expect.Pos, "except for %s repeats the expected %q; remove it", o.OS.Name, o.Expect.Name)
				}
			}
		}
		switch {
		case diverges && strings.TrimSpace(sc.Divergence) == "":
			v.errs.add(sc.Pos, "scenario %q has OS exceptions but no divergence: say why the kernels cannot be made to agree", name.Name)
		case !diverges && sc.Divergence != "":
			v.errs.add(sc.Pos, "scenario %q declares a divergence but no step has an except", name.Name)
		}
	}
}

// goosCoverage checks every unix GOOS is described by exactly one file,
// that no file leaves out a GOOS Go builds with its files, and that no file
// mixes windows with unix GOOS values (they resolve against different
// packages).
func (v *validator) goosCoverage() {
	owner := map[string]*OSFile{}
	var baseline *OSFile
	seen := map[string]Pos{}
	for _, f := range v.s.OSes {
		base := strings.TrimSuffix(f.File[strings.LastIndex(f.File, "/")+1:], ".yaml")
		if f.OS.Name != base {
			v.errs.add(f.OS.Pos, "os %q does not match the file name %s.yaml", f.OS.Name, base)
		}
		if prev, dup := seen[f.OS.Name]; dup {
			v.errs.add(f.OS.Pos, "os %q is already described at %s", f.OS.Name, prev)
		}
		seen[f.OS.Name] = f.OS.Pos
		if f.OS.Name == Baseline {
			baseline = f
		}
		v.ownGOOS(f, owner)
	}
	if baseline == nil {
		v.errs.add(Pos{File: v.s.Dir + "/" + OSDir}, "no %s.yaml: the baseline for every unix GOOS without a file of its own is missing", Baseline)
		return
	}
	for _, f := range v.s.OSes {
		v.impliedGOOS(f, owner, f == baseline)
	}
	for _, g := range UnixGOOS() {
		if owner[g] == nil {
			v.errs.add(baseline.Pos, "goos %q is covered by no file; add it to %s's goos", g, Baseline)
		}
	}
}

// ownGOOS records which file covers each of f's GOOS values.
func (v *validator) ownGOOS(f *OSFile, owner map[string]*OSFile) {
	unix := 0
	for _, g := range f.GOOS {
		if g.Value.Unix() {
			unix++
		}
		if prev, dup := owner[g.String()]; dup {
			v.errs.add(g.Pos, "goos %q is already covered by %s", g, prev)
			continue
		}
		owner[g.String()] = f
	}
	if unix > 0 && unix < len(f.GOOS) {
		v.errs.add(f.OS.Pos, "%s covers windows and unix GOOS values; give windows a file of its own", f.OS.Name)
	}
}

// impliedGOOS checks f covers every GOOS Go builds with the files of one it
// covers (android with linux, ios with darwin, illumos with solaris).
func (v *validator) impliedGOOS(f *OSFile, owner map[string]*OSFile, isBaseline bool) {
	goos := f.GOOSNames()
	for _, g := range f.GOOS {
		if parent, ok := ImpliedGOOS[g.String()]; ok && owner[parent] != nil && owner[parent] != f {
			v.errs.add(g.Pos, "goos %q is built with the files of %q (its build tag implies %s), so it must be in %s", g, parent, parent, owner[parent].File)
		}
	}
	if isBaseline {
		return
	}
	for _, child := range slices.Sorted(maps.Keys(ImpliedGOOS)) {
		parent := ImpliedGOOS[child]
		if slices.Contains(goos, parent) && owner[child] != f {
			v.errs.add(f.Pos, "goos lists %q but not %q, which Go builds with the %s files; add it", parent, child, parent)
		}
	}
}

func (v *validator) osFile(f *OSFile) {
	v.errnoName = unixErrnoName
	if f.Windows() {
		v.errnoName = windowsErrnoName
	}
	v.text(f.Doc, f.Pos, "doc")
	v.errnoRules(f)
	v.sockaddr(f.Sockaddr)
	v.dissolve(f.Dissolve)
	v.completion(f.Interrupt, f.Completion)
	for _, h := range f.History {
		v.sources(h.Sources, h.Pos, "history entry")
	}
	v.answers(f)
}

func (v *validator) errnoRules(f *OSFile) {
	seen := map[string]Pos{}
	for _, r := range f.Errnos {
		v.errno(r.Errno)
		if prev, dup := seen[r.Errno.Name]; dup {
			v.errs.add(r.Errno.Pos, "errno %s is already mapped at %s", r.Errno.Name, prev)
		}
		seen[r.Errno.Name] = r.Errno.Pos
		v.kind(r.Kind, true)
		v.text(r.Meaning, r.Pos, r.Errno.Name+" meaning")
		v.sources(r.Sources, r.Pos, "errno "+r.Errno.Name)
		for _, c := range r.When {
			v.whenCase(c)
		}
	}
}

func (v *validator) sockaddr(sa *SockaddrRules) {
	for _, n := range []*NamelenRule{sa.Inet, sa.Inet6} {
		v.positive(n.Bytes, n.Pos, "bytes")
		v.errno(n.Errno)
	}
	v.positive(sa.MaxNamelen, sa.Pos, "max_namelen")
	v.positive(sa.SunPath, sa.Pos, "sun_path")
	v.errnos(sa.FamilyMismatch)
	v.sources(sa.Sources, sa.Pos, "sockaddr")
}

func (v *validator) dissolve(d *DissolveRules) {
	if d.Method.Value == rules.DissolveMethodAFUnspec && d.Namelen < 2 {
		v.errs.add(d.Pos, "dissolve with af_unspec needs namelen: at least 2 (the bytes of sa_family)")
	}
	if d.Method.Value != rules.DissolveMethodAFUnspec && d.Namelen != 0 {
		v.errs.add(d.Pos, "dissolve with %s passes no namelen of its own; remove namelen", d.Method)
	}
	v.errnos(d.SuccessErrnos)
	if d.Stream.Name != StreamDisconnects {
		v.errno(d.Stream)
	}
	v.sources(d.Sources, d.Pos, "dissolve")
}

func (v *validator) completion(in *InterruptRules, c *CompletionRules) {
	v.errnos(in.Errnos)
	v.errnos(in.SecondConnect)
	v.sources(in.Sources, in.Pos, "interrupt")
	v.errnos(c.Pending)
	v.errnos(c.SOErrorPending)
	v.errnos(c.Connected)
	if c.ConfirmWith.Value != ConfirmGetpeername {
		v.errs.add(c.ConfirmWith.Pos, "confirm_with must be getpeername: SO_ERROR 0 is believed only when the socket has a peer")
	}
	for _, a := range c.AfterCompletion {
		if a.Name != Ok {
			v.errno(a)
		}
	}
	v.sources(c.Sources, c.Pos, "completion")
}

func (v *validator) whenCase(c *Case) {
	if !c.Family.Given() && !c.Type.Given() && !c.Phase.Given() && !c.Destination.Given() && !c.State.Given() {
		v.errs.add(c.Pos, "a when case needs a condition: family, type, phase, destination or state")
	}
	v.kind(c.Kind, true)
	v.text(c.Meaning, c.Pos, "case meaning")
	v.sources(c.Sources, c.Pos, "when case")
}

// answers checks f's scenario answers: known scenarios, one answer for
// every scenario that reaches the kernel, and, for scenarios of one blocking
// connect, that the answer's kind is the one the scenario expects.
func (v *validator) answers(f *OSFile) {
	names := NameTable(f)
	seen := map[string]bool{}
	for _, a := range f.Scenarios {
		name := a.Scenario
		seen[name.Name] = true
		sc := v.s.Scenario(name.Name)
		if sc == nil {
			v.errs.add(name.Pos, "unknown scenario %q%s", name.Name, suggestion(name.Name, v.scenarios))
			continue
		}
		hasCalls := len(a.Connect)+len(a.SOError)+len(a.Getpeername) > 0 || a.NeverWritable
		switch {
		case a.NotApplicable != "" && hasCalls:
			v.errs.add(a.Pos, "scenario %q is not_applicable and yet has answers; keep one or the other", name.Name)
		case a.NotApplicable == "" && len(a.Connect) == 0:
			v.errs.add(a.Pos, "scenario %q needs connect answers (or not_applicable: why this kernel cannot produce it)", name.Name)
		case a.NotApplicable == "":
			v.sources(a.Sources, a.Pos, "scenario "+name.Name)
		}
		for _, list := range [][]Symbol{a.Connect, a.SOError, a.Getpeername} {
			for _, s := range list {
				if s.Name != Ok {
					v.errno(s)
				}
			}
		}
		v.expectedKind(f, names, sc, a)
	}
	for _, sc := range v.s.Scenarios.Scenarios {
		if !sc.PreKernel && !seen[sc.Name.Name] {
			v.errs.add(f.Pos, "%s gives no answer for scenario %q; add its answers, or not_applicable with the reason", f.File, sc.Name.Name)
		}
	}
}

// expectedKind checks the scenarios simple enough to judge without running
// the portable algorithms (one blocking connect answered at once); the
// simulation in internal/sim judges the rest.
func (v *validator) expectedKind(f *OSFile, names *rules.Table[string, string], sc *Scenario, a *Answers) {
	if sc.PreKernel || sc.Destination.Given() || sc.State.Given() {
		// portable decides before the kernel, or learns facts the
		// simulation scripts: it judges these.
		return
	}
	if len(sc.Steps) != 1 || sc.Steps[0].Call.Value != CallConnect || sc.Steps[0].Nonblocking || len(a.Connect) != 1 || len(a.SOError) > 0 {
		return
	}
	want := sc.Steps[0].Expected(f.OS.Name).Name
	answer := a.Connect[0].Name
	got := Ok
	if answer != Ok {
		got = KindIn(names, answer, sc.Facts(rules.PhaseConnect))
		if r := f.Rule(answer); r == nil && !slices.Contains(Names(f.Interrupt.Errnos), answer) && !slices.Contains(Names(f.Completion.Pending), answer) {
			v.errs.add(a.Connect[0].Pos, "%s answers %s in scenario %q, but %s maps no such errno; add it to errnos", f.OS.Name, answer, sc.Name.Name, f.File)
			return
		}
	}
	if got != Ok && sc.Address.Given() && names.Sockaddr.Mismatched(answer, sc.Address.Value.Family(), sc.Socket.Value.Family()) {
		// portable reads the socket's family on these answers and reports
		// the mismatch.
		got = "family_not_supported"
	}
	if got == Connected {
		// portable confirms a "connected" reading with getpeername; the
		// simulation, which scripts getpeername, judges it.
		return
	}
	if got != want {
		v.errs.add(a.Connect[0].Pos, "scenario %q expects %s on %s, but %s maps %s to %s; fix the mapping, or declare a divergence in %s", sc.Name.Name, want, f.OS.Name, f.File, answer, got, sc.Pos)
	}
}

func (v *validator) osNames() []string {
	var names []string
	for _, f := range v.s.OSes {
		names = append(names, f.OS.Name)
	}
	return names
}

func (v *validator) kind(s Symbol, allowConnected bool) {
	if slices.Contains(v.kinds, s.Name) || (allowConnected && s.Name == Connected) {
		return
	}
	v.errs.add(s.Pos, "unknown kind %q%s", s.Name, suggestion(s.Name, v.kinds))
}

func (v *validator) outcome(s Symbol) {
	if s.Name != Ok {
		v.kind(s, false)
	}
}

func (v *validator) errno(s Symbol) {
	if !v.errnoName.re.MatchString(s.Name) {
		v.errs.add(s.Pos, "%q is not an errno name (%s)", s.Name, v.errnoName.what)
	}
}

func (v *validator) errnos(list []Symbol) {
	for _, s := range list {
		v.errno(s)
	}
}

func (v *validator) text(s string, pos Pos, what string) {
	if strings.TrimSpace(s) == "" {
		v.errs.add(pos, "%s is empty", what)
	}
}

func (v *validator) positive(n int, pos Pos, what string) {
	if n <= 0 {
		v.errs.add(pos, "%s must be positive, not %d", what, n)
	}
}

func (v *validator) sources(list []Source, pos Pos, what string) {
	if len(list) == 0 {
		v.errs.add(pos, "%s has no source: cite a man page, a kernel function, a Go issue or a conformance run (%s)", what, fmt.Sprint(sortedKeys(SourceSchemes)))
	}
}
