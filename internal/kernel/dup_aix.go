package kernel

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// dupCloexec duplicates fd with FD_CLOEXEC set. AIX has no F_DUPFD_CLOEXEC,
// so the two steps run under syscall.ForkLock, as package os does, so no
// fork can come between them.
func dupCloexec(fd int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	dup, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD, 0)
	if err != nil {
		return -1, err
	}
	unix.CloseOnExec(dup)
	return dup, nil
}
