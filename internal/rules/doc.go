// Package rules is connect(2) as the portable algorithms read it: one OS
// spec translated into a Table, and the one classifier that turns an errno
// and the facts of a call into a meaning.
//
// A Table is generic in the type of its kinds (K) and of its errnos (E), so
// that one translation (spec.Translate) and one classifier (Table.Rule and
// ErrnoRule.Resolve) serve everywhere the spec is read: package portable
// runs on Table[portable.Kind, syscall.Errno] values generated into
// portable/zspec_*.go; the simulation builds the same values from the spec
// at run time; the validator and gen diff read Table[string, string], whose
// kinds and errnos are the spec's own names.
//
// The package also declares the spec's enumerated vocabularies that reach
// the tables (families, socket types, phases, dissolve methods, sa_len
// rules), each once: the spec decoder, the validator, the JSON Schemas,
// the generator and the simulation all derive from these declarations.
package rules
