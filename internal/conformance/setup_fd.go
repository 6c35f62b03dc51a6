//go:build unix

package conformance

import (
	"os"

	"golang.org/x/sys/unix"
)

// regularFileFd sets up a call on the descriptor of a regular file.
func (e *env) regularFileFd() (*setup, error) {
	f, err := os.CreateTemp(e.dir, "file")
	if err != nil {
		return nil, err
	}
	e.onClose(func() { f.Close() })
	return &setup{fd: int(f.Fd()), addr: &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}}}, nil
}

// closedFd sets up a connect on a descriptor closed just before the step,
// so nothing can reuse the number.
func (e *env) closedFd() (*setup, error) {
	st := &setup{fd: -1, addr: &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}}}
	st.before = map[int]func() error{0: func() error {
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		st.fd = fd
		unix.Close(fd)
		return err
	}}
	return st, nil
}
