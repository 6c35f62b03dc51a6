package sim

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/spec"
)

// API is the portable API over one kernel and table.
type API interface {
	Connect(fd int, sa unix.Sockaddr) error
	ConnectContext(ctx context.Context, fd int, sa unix.Sockaddr) error
	Finish(fd int) error
	Disconnect(fd int) error
}

// Input is what a scenario calls the API with.
type Input struct {
	// Fd is the descriptor.
	Fd int
	// Addr is the address connected to.
	Addr unix.Sockaddr
}

// contextWait is how long a connect_context step waits before its
// context's deadline passes or it is canceled.
const contextWait = 20 * time.Millisecond

// Run makes the scenario's calls through api, on the kernel k that api
// uses, and returns every way the outcome broke the scenario or the rules
// every call must keep: the expected outcome on this OS, no interrupt errno
// reaching the caller, success only for a connected socket, the caller's
// O_NONBLOCK restored, no connect the spec does not script, and every
// scripted connect answer used. outcome names what an error is: "ok" for
// nil, else its kind's name.
func Run(o *OS, sc *spec.Scenario, k *Kernel, api API, in Input, outcome func(error) string) []string {
	var problems []string
	for i, st := range sc.Steps {
		k.SetNonblockingFlag(st.Nonblocking)
		err := Call(api, st, in, contextWait)
		where := fmt.Sprintf("step %d (%s)", i+1, st.Call.Name)
		if got, want := outcome(err), st.Expected(o.File.OS.Name).Name; got != want {
			problems = append(problems, fmt.Sprintf("%s: got %s, want %s (%v)", where, got, want, err))
		}
		for _, e := range o.Table.Interrupt.Errnos {
			if errors.Is(err, e) {
				problems = append(problems, fmt.Sprintf("%s: %s reached the caller", where, o.Name(e)))
			}
		}
		switch {
		case err == nil && st.Call.Name == "disconnect" && k.Connected():
			problems = append(problems, where+": reported success, but the socket still has a peer")
		case err == nil && st.Call.Name != "disconnect" && !k.Connected():
			problems = append(problems, where+": reported success for a socket with no peer")
		}
		if st.Call.Name == "connect_context" && k.NonblockingFlag() != st.Nonblocking {
			problems = append(problems, fmt.Sprintf("%s: left O_NONBLOCK %t, the caller had %t", where, k.NonblockingFlag(), st.Nonblocking))
		}
	}
	for _, p := range k.Problems() {
		problems = append(problems, "kernel: "+p)
	}
	if unused := k.Unused(); len(unused) > 0 {
		problems = append(problems, fmt.Sprintf("connect answers %v were never asked for", unused))
	}
	return problems
}

// Call makes one scenario step through api with the input in. A
// connect_context step's context reaches its deadline, or is canceled,
// after wait, as the step says.
func Call(api API, st *spec.Step, in Input, wait time.Duration) error {
	switch st.Call.Name {
	case "connect":
		return api.Connect(in.Fd, in.Addr)
	case "finish":
		return api.Finish(in.Fd)
	case "disconnect":
		return api.Disconnect(in.Fd)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	switch st.Context.Name {
	case "deadline":
		ctx, cancel = context.WithTimeout(ctx, wait)
		defer cancel()
	case "canceled":
		time.AfterFunc(wait, cancel)
	}
	return api.ConnectContext(ctx, in.Fd, in.Addr)
}
