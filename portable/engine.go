//go:build unix || windows

package portable

import "github.com/connspec/connspec/internal/engine"

// init gives connspec's conformance suite and tests the table this
// package runs on here (see internal/engine).
func init() { engine.HostTable = hostTable }
