//go:build unix

package conformance

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// listenUnix listens on (or, for datagrams, binds) a path in the scratch
// directory.
func (e *env) listenUnix(network string) (string, error) {
	dir, err := os.MkdirTemp(e.dir, "u")
	if err != nil {
		return "", err
	}
	e.onClose(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "s.sock")
	if network == "unixgram" {
		c, err := net.ListenUnixgram(network, &net.UnixAddr{Name: path, Net: network})
		if err != nil {
			return "", err
		}
		e.onClose(func() { c.Close() })
		return path, nil
	}
	l, err := net.Listen(network, path)
	if err != nil {
		return "", err
	}
	e.onClose(func() { l.Close() })
	return path, nil
}

// unixTo returns a setup connecting an AF_UNIX socket of type typ to a
// path, given as a helper's (path, error) result.
func (e *env) unixTo(typ int) func(path string, err error) (*setup, error) {
	return func(path string, err error) (*setup, error) {
		if err != nil {
			return nil, err
		}
		fd, err := e.socket(unix.AF_UNIX, typ)
		return &setup{fd: fd, addr: &unix.SockaddrUnix{Name: path}}, err
	}
}

func (e *env) regularFile() (string, error) {
	f, err := os.CreateTemp(e.dir, "file")
	if err != nil {
		return "", err
	}
	f.Close()
	e.onClose(func() { os.Remove(f.Name()) })
	return f.Name(), nil
}

// fullUnixBacklog returns the path of an AF_UNIX listener (backlog 0) whose
// queue nonblocking connects nobody accepts have filled.
func (e *env) fullUnixBacklog() (string, error) {
	dir, err := os.MkdirTemp(e.dir, "u")
	if err != nil {
		return "", err
	}
	e.onClose(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "full.sock")
	l, err := e.socket(unix.AF_UNIX, unix.SOCK_STREAM)
	if err != nil {
		return "", err
	}
	if err := unix.Bind(l, &unix.SockaddrUnix{Name: path}); err != nil {
		return "", err
	}
	if err := unix.Listen(l, 0); err != nil {
		return "", err
	}
	for i := 0; i < 64; i++ {
		fd, err := e.socket(unix.AF_UNIX, unix.SOCK_STREAM)
		if err != nil {
			return "", err
		}
		if err := unix.SetNonblock(fd, true); err != nil {
			return "", err
		}
		if unix.Connect(fd, &unix.SockaddrUnix{Name: path}) != nil {
			return path, nil
		}
	}
	return "", errors.New("the AF_UNIX backlog never filled")
}

// longUnixPath is longer than any OS's sun_path.
var longUnixPath = "/" + strings.Repeat("x", 4096)

// missingUnixPath sets up a connect to a path that does not exist.
func (e *env) missingUnixPath() (*setup, error) {
	return e.unixTo(unix.SOCK_STREAM)(filepath.Join(e.dir, "missing.sock"), nil)
}

// unixPathThroughFile sets up a connect to a path one of whose directories
// is a regular file.
func (e *env) unixPathThroughFile() (*setup, error) {
	file, err := e.regularFile()
	return e.unixTo(unix.SOCK_STREAM)(filepath.Join(file, "s.sock"), err)
}

// unixPathLoop sets up a connect to a symbolic link to itself.
func (e *env) unixPathLoop() (*setup, error) {
	loop := filepath.Join(e.dir, "loop")
	err := os.Symlink("loop", loop)
	return e.unixTo(unix.SOCK_STREAM)(loop, err)
}

// unixNoListener sets up a connect to a socket file whose socket is gone.
func (e *env) unixNoListener() (*setup, error) {
	path := filepath.Join(e.dir, "gone.sock")
	fd, err := unix.Socket(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err == nil {
		err = unix.Bind(fd, &unix.SockaddrUnix{Name: path})
		unix.Close(fd)
	}
	return e.unixTo(unix.SOCK_STREAM)(path, err)
}

// unixPermission sets up a connect, without root's permissions, to a
// listener whose socket file only its owner may write.
func (e *env) unixPermission() (*setup, error) {
	path, err := e.listenUnix("unix")
	if err == nil {
		// Readable by all, writable by its owner only, in a directory
		// anyone may search: only the write check can fail.
		err = errors.Join(os.Chmod(path, 0o644), os.Chmod(filepath.Dir(path), 0o755))
	}
	st, err := e.unixTo(unix.SOCK_STREAM)(path, err)
	if err == nil && os.Geteuid() == 0 {
		st.prepare = map[int]func() error{0: dropFileCredentials}
	}
	return st, err
}

// abstractUnix sets up a connect to a listener in Linux's abstract
// namespace (elsewhere portable refuses the name).
func (e *env) abstractUnix() (*setup, error) {
	name := fmt.Sprintf("@connspec-conformance-%d", os.Getpid())
	l, err := net.Listen("unix", name)
	if err == nil {
		e.onClose(func() { l.Close() })
	}
	return e.unixTo(unix.SOCK_STREAM)(name, err)
}
