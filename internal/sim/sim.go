// Package sim replays every OS spec's answers through the portable
// algorithms on any machine. Build turns an OS file into a platform.Table
// whose errnos have simulation values; Kernel is a platform.Kernel scripted
// with one scenario's answers; Run makes a scenario's calls against it and
// reports what each returned, with every rule the kernel saw broken.
//
// The simulated errno values are the host's where x/sys/unix defines the
// name (so messages name them right) and otherwise values of their own; two
// names one OS file maps never share a value, as they do not on that OS.
package sim

import (
	"fmt"
	"slices"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/platform"
)

// OS is one OS spec made runnable.
type OS struct {
	// File is the spec file.
	File *spec.OSFile
	// Table is the file as the portable algorithms read it.
	Table *platform.Table
	// values maps every errno name the file uses to its simulation value.
	values map[string]unix.Errno
}

// syntheticBase is the first simulation value of a name the host lacks;
// host errnos are far below it on every OS.
const syntheticBase = 0x4000

// Build makes f runnable; s gives the kind numbering.
func Build(s *spec.Spec, f *spec.OSFile) (*OS, error) {
	o := &OS{File: f, values: map[string]unix.Errno{}}
	used := map[unix.Errno]string{}
	next := unix.Errno(syntheticBase)
	for _, name := range f.ErrnoNames() {
		v := hostErrnos[name]
		if _, taken := used[v]; v == 0 || taken {
			v, next = next, next+1
		}
		used[v] = name
		o.values[name] = v
	}
	kindIndex := map[string]platform.Kind{}
	for i, k := range s.Kinds.Kinds {
		kindIndex[k.Name.Name] = platform.Kind(i)
	}
	meaning := func(kind, text string) platform.Meaning {
		return platform.Meaning{Kind: kindIndex[kind], Connected: kind == spec.Connected, Text: text}
	}
	rules := map[unix.Errno]*platform.ErrnoRule{}
	for _, r := range f.Errnos {
		rule := &platform.ErrnoRule{Name: r.Errno.Name, Default: meaning(r.Kind.Name, r.Meaning)}
		for _, c := range r.When {
			rule.Cases = append(rule.Cases, platform.Case{
				Family:  family(c.Family.Name),
				Type:    socketType(c.Type.Name),
				Phase:   phase(c.Phase.Name),
				GOOS:    spec.Names(c.GOOS),
				Meaning: meaning(c.Kind.Name, c.Meaning),
			})
		}
		rules[o.values[r.Errno.Name]] = rule
	}
	d := f.Dissolve
	method := platform.DissolveUnspec
	if d.Method.Name == "null" {
		method = platform.DissolveNull
	}
	o.Table = &platform.Table{
		Spec:     f.OS.Name,
		SpecFile: f.File,
		Rule:     func(errno unix.Errno) *platform.ErrnoRule { return rules[errno] },
		Sockaddr: platform.SockaddrRules{
			SaLen:        f.Sockaddr.SaLen.Name,
			SunPath:      f.Sockaddr.SunPath,
			UnixPathMax:  f.Sockaddr.UnixPathMax(),
			AbstractUnix: f.Sockaddr.AbstractUnix,
		},
		Dissolve: platform.DissolveRules{
			Method:          method,
			Namelen:         uint32(d.Namelen),
			SuccessErrnos:   o.errnos(d.SuccessErrnos),
			ConfirmWithPeer: d.Confirm.Name == "getpeername",
			Stream:          d.StreamAnswer(),
		},
		Interrupt: platform.InterruptRules{
			Errnos:    o.errnos(f.Interrupt.Errnos),
			Continues: f.Interrupt.Continues,
		},
		Completion: platform.CompletionRules{
			Pending:        o.errnos(f.Completion.Pending),
			SOErrorPending: o.errnos(f.Completion.SOErrorPending),
			Connected:      o.errnos(f.Completion.Connected),
		},
	}
	return o, nil
}

// hostErrnos maps the errno names x/sys/unix knows on this machine to their
// values.
var hostErrnos = func() map[string]unix.Errno {
	m := map[string]unix.Errno{}
	for e := unix.Errno(1); e < 4096; e++ {
		if name := unix.ErrnoName(e); name != "" {
			if _, dup := m[name]; !dup {
				m[name] = e
			}
		}
	}
	return m
}()

// Errno returns the simulation value of an errno name the file uses; 0 for
// "ok".
func (o *OS) Errno(name string) unix.Errno {
	if name == spec.Ok {
		return 0
	}
	v, ok := o.values[name]
	if !ok {
		panic(fmt.Sprintf("sim: %s does not use errno %s", o.File.File, name))
	}
	return v
}

// Name returns the errno name of a simulation value, for messages.
func (o *OS) Name(errno unix.Errno) string {
	for name, v := range o.values {
		if v == errno {
			return name
		}
	}
	return fmt.Sprintf("errno %d", errno)
}

func (o *OS) errnos(syms []spec.Symbol) []unix.Errno {
	var list []unix.Errno
	for _, s := range syms {
		if v := o.Errno(s.Name); !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

func family(name string) platform.Family {
	return map[string]platform.Family{"unix": platform.FamilyUnix, "inet": platform.FamilyInet, "inet6": platform.FamilyInet6}[name]
}

func socketType(name string) platform.SocketType {
	return map[string]platform.SocketType{"stream": platform.TypeStream, "dgram": platform.TypeDgram, "seqpacket": platform.TypeSeqpacket, "none": platform.TypeNone}[name]
}

func phase(name string) platform.Phase {
	return map[string]platform.Phase{"connect": platform.PhaseConnect, "so_error": platform.PhaseSOError}[name]
}
