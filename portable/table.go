package portable

import "github.com/connspec/connspec/internal/rules"

// table is the form of every OS's spec that this package runs on; the
// running OS's is hostTable, generated from the spec into zspec_<os>.go
// (none on js, wasip1 and plan9, which have no sockets).
type table = rules.Table[Kind, Errno]
