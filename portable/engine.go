//go:build unix || windows

package portable

import (
	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/rules"
)

// init indexes the table's errnos by their values on this target, and
// gives connspec's conformance suite and tests the table this package runs
// on here (see internal/engine).
func init() {
	rules.IndexErrnos(hostTable)
	engine.HostTable = hostTable
}
