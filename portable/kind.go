package portable

import (
	"fmt"
	"strconv"
)

// kindEntry is a kind's line in spec/kinds.yaml.
type kindEntry struct {
	name, doc      string
	retry, timeout bool
}

func (k Kind) entry() (kindEntry, bool) {
	if int(k) < len(kindData) {
		return kindData[k], true
	}
	return kindEntry{}, false
}

// String returns the kind's name as spec/kinds.yaml writes it
// ("host_unreachable").
func (k Kind) String() string {
	if e, ok := k.entry(); ok {
		return e.name
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Doc describes the kind in one sentence.
func (k Kind) Doc() string {
	e, _ := k.entry()
	return e.doc
}

// Retryable reports whether retrying the same connect, unchanged and on a
// new socket, can succeed later: the peer may start listening, a route may
// come back, a port may free up. The state of a socket whose connect failed
// is unspecified (POSIX), so retry with a new one.
func (k Kind) Retryable() bool {
	e, _ := k.entry()
	return e.retry
}

// Timeout reports whether the kind is a timeout.
func (k Kind) Timeout() bool {
	e, _ := k.entry()
	return e.timeout
}

// MarshalText writes the kind's name, so kinds read well in JSON and logs.
func (k Kind) MarshalText() ([]byte, error) {
	if _, ok := k.entry(); !ok {
		return nil, fmt.Errorf("portable: %s is not a kind", k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind's name as spec/kinds.yaml writes it
// ("refused").
func (k *Kind) UnmarshalText(text []byte) error {
	for i, e := range kindData {
		if e.name == string(text) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("portable: no kind is named %q", text)
}

// sentinel is the type of the Err* sentinel errors: a Kind that is an error,
// so that errors.Is(err, ErrRefused) can match any error of kind Refused.
type sentinel Kind

// Error returns the kind's name and description.
func (s sentinel) Error() string {
	return "connspec: " + Kind(s).String() + ": " + Kind(s).Doc()
}

// Timeout reports whether the sentinel's kind is a timeout.
func (s sentinel) Timeout() bool { return Kind(s).Timeout() }
