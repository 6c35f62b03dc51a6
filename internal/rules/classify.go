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

// Needs says which facts resolving r depends on beyond the family and the
// phase, so a caller asks the kernel only for what the errno's cases test:
// the socket type, the destinations they name, the socket's state.
func (r *ErrnoRule[K, E]) Needs() (typ bool, destinations []Destination, state bool) {
	for _, c := range r.Cases {
		typ = typ || c.Type != SocketTypeAny
		state = state || c.State != SocketStateAny
		if c.Destination != DestinationAny && !slices.Contains(destinations, c.Destination) {
			destinations = append(destinations, c.Destination)
		}
	}
	return typ, destinations, state
}

func (c *Case[K]) matches(f Facts) bool {
	return (c.Family == FamilyAny || c.Family == f.Family) &&
		(c.Type == SocketTypeAny || c.Type == f.Type) &&
		(c.Phase == PhaseAny || c.Phase == f.Phase) &&
		(c.Destination == DestinationAny || c.Destination == f.Destination) &&
		(c.State == SocketStateAny || c.State == f.State)
}
