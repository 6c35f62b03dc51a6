package portable

import "strconv"

// Errno is an operating system's error number. Plan 9 reports errors as
// strings and has no sockets for this package to connect, so no call here
// produces one.
type Errno uintptr

// Error names the number.
func (e Errno) Error() string { return "errno " + strconv.Itoa(int(e)) }
