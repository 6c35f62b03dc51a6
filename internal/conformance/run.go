//go:build unix

package conformance

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/sim"
	"github.com/connspec/connspec/internal/spec"
)

// stepWait is how long a connect_context step's context lives before its
// deadline passes or it is canceled.
const stepWait = 300 * time.Millisecond

// Run provokes every scenario of s that f (the running OS's spec file) can
// be checked against, and returns the results in spec order.
func Run(s *spec.Spec, f *spec.OSFile, opts Options) []Result {
	l := newLab(opts.Dir)
	defer l.close()
	return runEach(s, opts, func(sc *spec.Scenario) Result { return runScenario(l, f, sc) })
}

func runScenario(l *lab, f *spec.OSFile, sc *spec.Scenario) Result {
	r := newResult(f, sc)
	p := r.provoker(l, f, sc)
	if p == nil {
		return r
	}
	e := l.scenario()
	defer e.end()
	st, err := p.setup(e)
	if err != nil {
		r.Status, r.Reason = Skipped, "setting up: "+err.Error()
		return r
	}
	rec := NewRecorder()
	c := engine.New(rec, engine.HostTable, runtime.GOOS)
	for i, step := range sc.Steps {
		if h := st.before[i]; h != nil {
			if err := h(); err != nil {
				r.Status, r.Reason = Skipped, fmt.Sprintf("before step %d: %v", i+1, err)
				return r
			}
		}
		r.check(i, step, runStep(c, rec, step, i, st), c, st.fd)
	}
	connects, soErrors, peers := rec.log()
	r.Observed = Answers{Connect: connects, SOError: soErrors, Getpeername: peers}
	if sc.PreKernel && len(r.Spec.Connect) > 0 {
		// portable refused before the kernel; what the spec says the
		// kernel would answer is checked with a connect of its own.
		r.Observed = Answers{Connect: []string{answerName(unix.Connect(st.fd, st.addr))}}
		r.Spec = Answers{Connect: r.Spec.Connect[:1]}
	}
	if !sc.PreKernel || len(r.Spec.Connect) > 0 {
		r.Problems = append(r.Problems, compareAnswers(r.Spec, r.Observed)...)
	}
	r.settle()
	return r
}

// provoker returns the scenario's provoker, with the spec's answers
// noted, or nil, with the status and reason set, when the scenario cannot
// run here.
func (r *Result) provoker(l *lab, f *spec.OSFile, sc *spec.Scenario) *provoker {
	a := f.Answers(sc.Name.Name)
	switch {
	case a != nil && a.NotApplicable != "":
		r.Status, r.Reason = Skipped, "the spec records no answer: "+a.NotApplicable
		return nil
	case a != nil && a.NotProvoked != "":
		r.Status, r.Reason = NotProvoked, a.NotProvoked
		return nil
	case a != nil:
		r.Spec = Answers{Connect: spec.Names(a.Connect), SOError: spec.Names(a.SOError), Getpeername: spec.Names(a.Getpeername)}
	}
	p := provokerOf(sc.Name.Name)
	if p == nil {
		r.Status, r.Reason = Skipped, "no provoker is written for this scenario"
		return nil
	}
	if err := l.check(p.needs); err != nil {
		r.Status, r.Reason = Skipped, err.Error()
		return nil
	}
	return p
}

// check records what step i returned and every rule it broke: the
// expected outcome, no interrupt errno reaching the caller, success only
// with a peer.
func (r *Result) check(i int, step *spec.Step, err error, c engine.API, fd int) {
	r.outcome(i, step, sim.Outcome(c, err), err)
	if errno := interruptErrno(err); errno != 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("step %d: %s reached the caller", i+1, unix.ErrnoName(errno)))
	}
	if err == nil && step.Call.Value != spec.CallDisconnect {
		if _, perr := unix.Getpeername(fd); perr != nil {
			r.Problems = append(r.Problems, fmt.Sprintf("step %d: reported success, but getpeername says %v", i+1, perr))
		}
	}
}

// compareAnswers checks the kernel's connect answers against the spec one
// by one, and the SO_ERROR value that decided against the spec's last one.
// How many times getpeername and SO_ERROR were read depends on timing, so
// only the deciding value counts.
func compareAnswers(want, got Answers) []string {
	var problems []string
	if !slices.Equal(want.Connect, got.Connect) {
		problems = append(problems, fmt.Sprintf("connect answered %v, the spec says %v", got.Connect, want.Connect))
	}
	if len(got.SOError) > 0 && len(want.SOError) > 0 {
		if g, w := got.SOError[len(got.SOError)-1], want.SOError[len(want.SOError)-1]; g != w {
			problems = append(problems, fmt.Sprintf("SO_ERROR read %s, the spec says %s", g, w))
		}
	}
	return problems
}

// runStep makes step i; rec is the recorder c's kernel is.
func runStep(c engine.API, rec *Recorder, step *spec.Step, i int, st *setup) error {
	if st.fd >= 0 {
		// A closed or non-socket descriptor refuses this; the step then
		// reports it.
		_ = unix.SetNonblock(st.fd, step.Nonblocking)
	}
	addr := st.addr
	if a, ok := st.addrs[i]; ok {
		addr = a
	}
	call := func() error { return sim.Call(c, step, sim.Input{Fd: st.fd, Addr: addr}, stepWait) }
	during, prepare := st.during[i], st.prepare[i]
	if during == nil && prepare == nil {
		return call()
	}
	// The step runs on a thread of its own, which during can signal and
	// prepare can change; a prepared thread is thrown away afterwards.
	tids := make(chan int, 1)
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if prepare == nil {
			defer runtime.UnlockOSThread()
		}
		tids <- gettid()
		if prepare != nil {
			if err := prepare(); err != nil {
				done <- fmt.Errorf("preparing the step's thread: %w", err)
				return
			}
		}
		done <- call()
	}()
	tid := <-tids
	stop := make(chan struct{})
	go func() {
		if during != nil {
			during(tid, rec)
		}
		close(stop)
	}()
	err := <-done
	<-stop
	return err
}

// interruptErrno returns the interrupt errno err carries, or 0.
func interruptErrno(err error) unix.Errno {
	for _, e := range HostTable().Interrupt.Errnos {
		if errors.Is(err, e) {
			return e
		}
	}
	return 0
}
