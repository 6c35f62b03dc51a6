//go:build unix && !linux

package conformance

import (
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// Only Linux gives the conformance suite network namespaces, signals aimed
// at one thread and per-thread file-system credentials; elsewhere the
// scenarios needing them are skipped with that reason.
const (
	namespacesSupported = false
	threadSignals       = false
	threadCredentials   = false
)

var errLinuxOnly = errors.New("needs Linux")

type netns struct{ name string }

func newNetns(string) (*netns, error)         { return nil, errLinuxOnly }
func (n *netns) veth() string                 { return "" }
func (n *netns) remove()                      {}
func (n *netns) enter() error                 { return errLinuxOnly }
func (n *netns) do(func() error) error        { return errLinuxOnly }
func (n *netns) socket(int, int) (int, error) { return -1, errLinuxOnly }

func gettid() int                         { return 0 }
func signalThread(int, unix.Signal) error { return errLinuxOnly }
func dropFileCredentials() error          { return errLinuxOnly }
func shortSynRetries(int) error           { return errLinuxOnly }

const keepWaiting = 10 * time.Second
