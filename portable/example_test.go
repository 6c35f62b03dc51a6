//go:build unix

package portable_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/portable"
)

// Connect a raw TCP socket and tell failures apart the same way on every
// OS.
func ExampleConnect() {
	l, _ := net.Listen("tcp4", "127.0.0.1:0")
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	fd, _ := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	defer unix.Close(fd)
	err := portable.Connect(fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
	fmt.Println("connected:", err == nil)

	l.Close() // nobody listens on the port any more
	fd2, _ := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	defer unix.Close(fd2)
	err = portable.Connect(fd2, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
	fmt.Println(portable.KindOf(err), errors.Is(err, portable.ErrRefused), errors.Is(err, unix.ECONNREFUSED))
	// Output:
	// connected: true
	// refused true true
}

// Dissolve a UDP association: the socket then has no default destination,
// on Linux (which answers 0) as on the BSDs (which fail the call after
// dissolving).
func ExampleDisconnect() {
	fd, _ := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	defer unix.Close(fd)
	_ = portable.Connect(fd, &unix.SockaddrInet4{Port: 9, Addr: [4]byte{127, 0, 0, 1}})

	fmt.Println("disconnect:", portable.Disconnect(fd))
	_, err := unix.Write(fd, []byte("where to?"))
	fmt.Println("write:", err)
	// Output:
	// disconnect: <nil>
	// write: destination address required
}

// Classify an error from package net with the spec of the OS it ran on.
func ExampleKindOf() {
	l, _ := net.Listen("tcp4", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()

	_, err := net.Dial("tcp4", addr)
	kind := portable.KindOf(err)
	fmt.Println(kind, kind.Retryable(), kind.Timeout())
	// Output: refused true false
}

// Connect with a deadline, waiting on the Go runtime's poller rather than
// on a blocked thread.
func ExampleConnectContext() {
	l, _ := net.Listen("tcp4", "127.0.0.1:0")
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	fd, _ := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	defer unix.Close(fd)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := portable.ConnectContext(ctx, fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
	fmt.Println("connected:", err == nil)
	// Output: connected: true
}

// Complete a nonblocking connect with your own poller.
func ExampleFinish() {
	l, _ := net.Listen("tcp4", "127.0.0.1:0")
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	fd, _ := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	defer unix.Close(fd)
	unix.SetNonblock(fd, true)
	err := portable.Connect(fd, &unix.SockaddrInet4{Port: port, Addr: [4]byte{127, 0, 0, 1}})
	for err == portable.ErrInProgress {
		unix.Poll([]unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}, 1000)
		err = portable.Finish(fd)
	}
	fmt.Println("connected:", err == nil)
	// Output: connected: true
}
