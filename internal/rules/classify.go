package rules

import "slices"

// Rule returns the table's rule for errno, or nil when the spec does not
// map it.
func (t *Table[K, E]) Rule(errno E) *ErrnoRule[K, E] {
	for i := range t.Errnos {
		if t.Errnos[i].Errno == errno {
			return &t.Errnos[i]
		}
	}
	return nil
}

// Classify returns what errno means for a call with facts f, and false
// when the spec does not map errno.
func (t *Table[K, E]) Classify(errno E, f Facts) (Meaning[K], bool) {
	r := t.Rule(errno)
	if r == nil {
		return Meaning[K]{}, false
	}
	return r.Resolve(f), true
}

// Resolve returns the meaning of the errno for a call with facts f: the
// first case whose conditions all hold, else the default. A condition the
// facts leave open (FamilyAny, SocketTypeAny, PhaseAny) does not hold.
func (r *ErrnoRule[K, E]) Resolve(f Facts) Meaning[K] {
	for _, c := range r.Cases {
		if c.matches(f) {
			return c.Meaning
		}
	}
	return r.Default
}

// NeedsType reports whether resolving r depends on the socket type, so a
// caller reads SO_TYPE only for the errnos that need it.
func (r *ErrnoRule[K, E]) NeedsType() bool {
	return slices.ContainsFunc(r.Cases, func(c Case[K]) bool { return c.Type != SocketTypeAny })
}

func (c *Case[K]) matches(f Facts) bool {
	return (c.Family == FamilyAny || c.Family == f.Family) &&
		(c.Type == SocketTypeAny || c.Type == f.Type) &&
		(c.Phase == PhaseAny || c.Phase == f.Phase)
}
