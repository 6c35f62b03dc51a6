//go:build unix

package sim

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/connspec/connspec/internal/engine"

	"github.com/connspec/connspec/internal/spec"
)

// contextWait is how long a connect_context step waits before its
// context's deadline passes or it is canceled.
const contextWait = 20 * time.Millisecond

// Run makes the scenario's calls through api, on the kernel k that api
// uses, and returns every way the outcome broke the scenario or the rules
// every call must keep: the expected outcome on this OS, no interrupt errno
// reaching the caller, success only for a connected socket, the caller's
// O_NONBLOCK restored, no connect the spec does not script, and every
// scripted connect answer used.
func Run(o *OS, sc *spec.Scenario, k *Kernel, api engine.API, in Input) []string {
	var problems []string
	for i, st := range sc.Steps {
		k.SetNonblockingFlag(st.Nonblocking)
		err := Call(api, st, in, contextWait)
		where := fmt.Sprintf("step %d (%s)", i+1, st.Call.String())
		if got, want := Outcome(api, err), st.Expected(o.File.OS.Name).Name; got != want {
			problems = append(problems, fmt.Sprintf("%s: got %s, want %s (%v)", where, got, want, err))
		}
		for _, e := range o.Table.Interrupt.Errnos {
			if errors.Is(err, e) {
				problems = append(problems, fmt.Sprintf("%s: %s reached the caller", where, o.Name(e)))
			}
		}
		switch {
		case err == nil && st.Call.Value == spec.CallDisconnect && k.Connected():
			problems = append(problems, where+": reported success, but the socket still has a peer")
		case err == nil && st.Call.Value != spec.CallDisconnect && !k.Connected():
			problems = append(problems, where+": reported success for a socket with no peer")
		}
		if st.Call.Value == spec.CallConnectContext && k.NonblockingFlag() != st.Nonblocking {
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
func Call(api engine.API, st *spec.Step, in Input, wait time.Duration) error {
	switch st.Call.Value {
	case spec.CallConnect:
		return api.Connect(in.Fd, in.Addr)
	case spec.CallFinish:
		return api.Finish(in.Fd)
	case spec.CallDisconnect:
		return api.Disconnect(in.Fd)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	switch st.Context.Value {
	case spec.ContextDeadline:
		ctx, cancel = context.WithTimeout(ctx, wait)
		defer cancel()
	case spec.ContextCanceled:
		time.AfterFunc(wait, cancel)
	}
	return api.ConnectContext(ctx, in.Fd, in.Addr)
}

// Outcome names what a call returned as a scenario does: "ok" for nil,
// else the error's kind.
func Outcome(api engine.API, err error) string {
	if err == nil {
		return spec.Ok
	}
	return api.KindName(err)
}
