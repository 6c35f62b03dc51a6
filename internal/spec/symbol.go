package spec

import (
	"fmt"
	"strings"
)

// Symbol is a name the spec uses (a kind, an errno, a scenario, an OS) with
// the place it was written, so that a later check can point at it.
type Symbol struct {
	// Name is the text as written.
	Name string
	// Pos is where it was written.
	Pos Pos
}

// String returns the name.
func (s Symbol) String() string { return s.Name }

func (s *Symbol) decodeScalar(value string, pos Pos) error {
	if strings.TrimSpace(value) == "" {
		return fmt.Errorf("empty name")
	}
	s.Name, s.Pos = value, pos
	return nil
}

// Names returns the names of syms, in order.
func Names(syms []Symbol) []string {
	names := make([]string, len(syms))
	for i, s := range syms {
		names[i] = s.Name
	}
	return names
}

// Source is where a claim comes from, written "scheme: reference":
//
//	man: FreeBSD 13.1 connect(2), ERRORS
//	posix: POSIX.1-2008 connect(), ERRORS
//	kernel: freebsd/freebsd-src sys/kern/uipc_syscalls.c kern_connectat
//	go: golang/go#6828
//	conformance: internal/conformance tcp-refused
type Source struct {
	// Scheme is one of SourceSchemes.
	Scheme string
	// Ref is the reference after the colon, trimmed.
	Ref string
	// Pos is where the source was written.
	Pos Pos
}

// SourceSchemes are the kinds of evidence a spec entry may cite, with what
// each reference must contain.
var SourceSchemes = map[string]string{
	"man":         "the system, its version and the section (FreeBSD 13.1 connect(2), ERRORS)",
	"posix":       "the standard and the section (POSIX.1-2008 connect(), ERRORS)",
	"kernel":      "the repository, the file and the function (freebsd/freebsd-src sys/kern/uipc_syscalls.c kern_connectat)",
	"go":          "a Go issue or file (golang/go#6828, golang/go src/net/fd_unix.go)",
	"conformance": "the conformance suite and the scenario it provokes (internal/conformance tcp-refused)",
}

// String formats the source as written in the spec.
func (s Source) String() string { return s.Scheme + ": " + s.Ref }

func (s *Source) decodeScalar(value string, pos Pos) error {
	scheme, ref, ok := strings.Cut(value, ":")
	scheme, ref = strings.TrimSpace(scheme), strings.TrimSpace(ref)
	want, known := SourceSchemes[scheme]
	if !ok || !known {
		return fmt.Errorf("source %q must start with one of %s", value, strings.Join(sortedKeys(SourceSchemes), ":, ")+":")
	}
	if ref == "" {
		return fmt.Errorf("source %q names nothing: give %s", value, want)
	}
	if scheme == "kernel" && len(strings.Fields(ref)) < 3 {
		return fmt.Errorf("kernel source %q must give %s", value, want)
	}
	s.Scheme, s.Ref, s.Pos = scheme, ref, pos
	return nil
}
