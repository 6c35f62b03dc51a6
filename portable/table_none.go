//go:build !unix && !windows

package portable

// hostTable is nil: this OS has no sockets for the spec to describe.
var hostTable *table
