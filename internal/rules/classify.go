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

// Integer is what an errno type is, for IndexErrnos and Find.
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// IndexErrnos fills t.Index, so that Find looks an errno up in one or two
// steps instead of scanning. Where every value is small (unix errnos are),
// the index is direct: slot v is errno v's. Otherwise (Winsock's codes run
// past 10000) it is an open-addressing hash with twice as many slots as
// rules, a power of two, so most errnos land in a slot of their own.
func IndexErrnos[K comparable, E Integer](t *Table[K, E]) {
	largest := uint64(0)
	for _, r := range t.Errnos {
		largest = max(largest, uint64(r.Errno))
	}
	t.IndexDirect = largest < maxDirectIndex
	size := 8
	if t.IndexDirect {
		size = int(largest) + 1
	}
	for !t.IndexDirect && size < 2*len(t.Errnos) {
		size *= 2
	}
	t.Index = make([]uint16, size)
	for i, r := range t.Errnos {
		if h, taken := slot(t, r.Errno); !taken {
			t.Index[h] = uint16(i + 1)
		}
	}
}

// maxDirectIndex bounds the errno values a direct index holds.
const maxDirectIndex = 1024

// slot returns where errno is or goes in t.Index, and whether a rule is
// there already.
func slot[K comparable, E Integer](t *Table[K, E], errno E) (uint32, bool) {
	if t.IndexDirect {
		return uint32(errno), t.Index[errno] != 0
	}
	mask := uint32(len(t.Index) - 1)
	h := slotOf(uint64(errno)) & mask
	for ; t.Index[h] != 0; h = (h + 1) & mask {
		if t.Errnos[t.Index[h]-1].Errno == errno {
			return h, true
		}
	}
	return h, false
}

// Find returns the rule for errno as Rule does, through t.Index when
// IndexErrnos has filled it.
func Find[K comparable, E Integer](t *Table[K, E], errno E) *ErrnoRule[K, E] {
	switch {
	case len(t.Index) == 0:
		return t.Rule(errno)
	case t.IndexDirect:
		if uint64(errno) >= uint64(len(t.Index)) || t.Index[errno] == 0 {
			return nil
		}
		return &t.Errnos[t.Index[errno]-1]
	}
	mask := uint32(len(t.Index) - 1)
	for h := slotOf(uint64(errno)) & mask; ; h = (h + 1) & mask {
		i := t.Index[h]
		if i == 0 {
			return nil
		}
		if r := &t.Errnos[i-1]; r.Errno == errno {
			return r
		}
	}
}

// Mismatched says whether errno, answered for an address of family addr on
// a socket of family socket, is the kernel objecting that the two differ:
// an errno of FamilyMismatch, with both families known and different.
// Portable reports it as a family mismatch, whatever else the kernel means
// by the errno.
func (s *SockaddrRules[E]) Mismatched(errno E, addr, socket Family) bool {
	return addr != FamilyAny && socket != FamilyAny && addr != socket && slices.Contains(s.FamilyMismatch, errno)
}

// slotOf spreads an errno value over the slots (Fibonacci hashing).
func slotOf(v uint64) uint32 { return uint32((v * 0x9E3779B97F4A7C15) >> 32) }

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
	for i := range r.Cases {
		if r.Cases[i].matches(f) {
			return r.Cases[i].Meaning
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
