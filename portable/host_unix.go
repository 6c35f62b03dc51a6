//go:build unix

package portable

import (
	"runtime"

	"github.com/connspec/connspec/internal/kernel"
)

// host runs the package-level functions: the running kernel, read through
// the running OS's table. runtime.GOOS only names the OS in errors; the
// table decides behaviour.
var host = newConnector(kernel.Host{}, hostTable, runtime.GOOS)
