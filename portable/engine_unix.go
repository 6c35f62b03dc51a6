//go:build unix

package portable

import (
	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/kernel"
)

// init gives connspec's simulation and conformance suite the algorithms of
// this package over kernels and tables of their own (see internal/engine).
func init() {
	engine.New = func(k kernel.Kernel, t any, goos string) engine.API { return newConnector(k, t.(*table), goos) }
	engine.HostTable = hostTable
}
