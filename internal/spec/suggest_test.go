package spec_test

import (
	"testing"

	"github.com/connspec/connspec/internal/spec"
)

func TestNearest(t *testing.T) {
	errnos := []string{"ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EINTR"}
	tests := []struct {
		got   string
		known []string
		want  string
	}{
		{"ECONNRESTE", errnos, "ECONNRESET"},    // adjacent transposition: one edit
		{"ECONNREFUSD", errnos, "ECONNREFUSED"}, // deletion
		{"ECONNRESET", errnos, "ECONNRESET"},    // exact
		{"EINTER", errnos, "EINTR"},             // insertion
		{"EIO", errnos, ""},                     // short names allow one edit only
		{"EWOULDBLOCK", errnos, ""},             // nothing close
		{"ECONNXXXXXX", errnos, ""},             // more than 3 edits away from every name
		{"tcp-refsued", []string{"tcp-refused", "tcp6-refused"}, "tcp-refused"},
		{"ab", []string{"ba", "ab "}, "ba"}, // the first of equally near names wins
		{"anything", nil, ""},
	}
	for _, tt := range tests {
		if got := spec.Nearest(tt.got, tt.known); got != tt.want {
			t.Errorf("Nearest(%q, %q) = %q, want %q", tt.got, tt.known, got, tt.want)
		}
	}
}
