//go:build unix

package conformance

import (
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"github.com/connspec/connspec/internal/kernel"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

// Recorder is the host kernel with a log: it makes every system call for
// real through kernel.Host and keeps what connect(2), SO_ERROR and
// getpeername answered, in the spec's words ("ok", "ECONNREFUSED").
type Recorder struct {
	// Host makes the calls the recorder does not record.
	kernel.Host

	mu          sync.Mutex
	connects    []string
	soErrors    []string
	getpeername []string

	// interrupts counts the interrupted connects seen (EINTR), for the
	// signal storm.
	interrupts atomic.Int64
	// interrupted is closed on the first interrupted connect, so a
	// scenario can wait for the signal to have landed.
	interrupted chan struct{}
	once        sync.Once
}

// NewRecorder returns a recorder with an empty log.
func NewRecorder() *Recorder {
	return &Recorder{interrupted: make(chan struct{})}
}

// answerName names a system call's answer as the spec does.
func answerName(err error) string {
	if err == nil {
		return spec.Ok
	}
	if errno, ok := err.(unix.Errno); ok {
		if name := unix.ErrnoName(errno); name != "" {
			return name
		}
	}
	return err.Error()
}

func (r *Recorder) noteConnect(err error) {
	name := answerName(err)
	r.mu.Lock()
	r.connects = append(r.connects, name)
	r.mu.Unlock()
	if err == unix.EINTR {
		r.interrupts.Add(1)
		r.once.Do(func() { close(r.interrupted) })
	}
}

// Connect calls connect(2) and records its answer.
func (r *Recorder) Connect(fd int, sa unix.Sockaddr) error {
	err := r.Host.Connect(fd, sa)
	r.noteConnect(err)
	return err
}

// Dissolve calls connect(2) with the dissolve address and records its
// answer.
func (r *Recorder) Dissolve(fd int, method rules.DissolveMethod, namelen uint32) error {
	err := r.Host.Dissolve(fd, method, namelen)
	r.noteConnect(err)
	return err
}

// SocketError reads SO_ERROR and records it.
func (r *Recorder) SocketError(fd int) (int, error) {
	v, err := r.Host.SocketError(fd)
	if err == nil {
		r.mu.Lock()
		r.soErrors = append(r.soErrors, answerName(errnoOrNil(v)))
		r.mu.Unlock()
	}
	return v, err
}

func errnoOrNil(v int) error {
	if v == 0 {
		return nil
	}
	return unix.Errno(v)
}

// HasPeer calls getpeername(2) and records its answer.
func (r *Recorder) HasPeer(fd int) (bool, error) {
	has, err := r.Host.HasPeer(fd)
	answer := err
	if !has && err == nil {
		answer = unix.ENOTCONN
	}
	r.mu.Lock()
	r.getpeername = append(r.getpeername, answerName(answer))
	r.mu.Unlock()
	return has, err
}

// Interrupts returns how many connects were interrupted.
func (r *Recorder) Interrupts() int64 { return r.interrupts.Load() }

// Interrupted is closed once a connect was interrupted.
func (r *Recorder) Interrupted() <-chan struct{} { return r.interrupted }

// log returns copies of what was recorded.
func (r *Recorder) log() (connects, soErrors, getpeername []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.connects...), append([]string(nil), r.soErrors...), append([]string(nil), r.getpeername...)
}

var _ kernel.Kernel = (*Recorder)(nil)
