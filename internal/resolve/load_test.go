package resolve_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/connspec/connspec/internal/resolve"
)

// moduleRoot is the module whose go.mod pins golang.org/x/sys.
const moduleRoot = "../.."

// TestLoad loads golang.org/x/sys for real, without a cache, and checks
// values read in its zerrors_*.go files: golang.org/x/sys/unix for the unix
// targets, golang.org/x/sys/windows for Windows.
func TestLoad(t *testing.T) {
	linux := resolve.Target{GOOS: "linux", GOARCH: "amd64"}
	freebsd := resolve.Target{GOOS: "freebsd", GOARCH: "amd64"}
	windows := resolve.Target{GOOS: "windows", GOARCH: "arm64"}
	pkgs, err := resolve.Load(context.Background(), moduleRoot, []resolve.Target{linux, freebsd, windows}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pkgs); got != 3 {
		t.Fatalf("Load returned %d packages, want 3", got)
	}
	tests := []struct {
		target resolve.Target
		errno  string
		want   int64
	}{
		{linux, "ECONNREFUSED", 111},        // zerrors_linux_amd64.go: 0x6f
		{linux, "EAGAIN", 11},               // zerrors_linux.go: 0xb
		{linux, "EWOULDBLOCK", 11},          // the same errno as EAGAIN
		{freebsd, "ECONNREFUSED", 61},       // zerrors_freebsd_amd64.go: 0x3d
		{freebsd, "EAGAIN", 35},             // 0x23
		{freebsd, "EWOULDBLOCK", 35},        //
		{windows, "WSAECONNREFUSED", 10061}, // zerrors_windows.go
		{windows, "ERROR_CONNECTION_REFUSED", 1225},
	}
	for _, tt := range tests {
		p := pkgs[tt.target]
		if p == nil {
			t.Fatalf("Load returned no package for %s", tt.target)
		}
		if got, ok := p.Errnos[tt.errno]; !ok || got != tt.want {
			t.Errorf("%s: %s = %d (defined %t), want %d", tt.target, tt.errno, got, ok, tt.want)
		}
	}
	for _, target := range []resolve.Target{linux, freebsd, windows} {
		p := pkgs[target]
		if p.Target != target {
			t.Errorf("the package loaded for %s says it is for %s", target, p.Target)
		}
		// Only constants of type Errno are errnos.
		for _, notErrno := range []string{"AF_INET", "SOCK_STREAM"} {
			if _, ok := p.Errnos[notErrno]; ok {
				t.Errorf("%s: %s is listed as an errno", target, notErrno)
			}
		}
	}
}

func TestTargets(t *testing.T) {
	tests := []struct {
		goos        []string
		has, hasNot []resolve.Target
	}{
		{
			goos:   []string{"darwin", "ios"},
			has:    []resolve.Target{{GOOS: "darwin", GOARCH: "arm64"}, {GOOS: "ios", GOARCH: "arm64"}},
			hasNot: []resolve.Target{{GOOS: "linux", GOARCH: "arm64"}},
		},
		{
			goos:   []string{"linux"},
			has:    []resolve.Target{{GOOS: "linux", GOARCH: "amd64"}, {GOOS: "linux", GOARCH: "arm64"}},
			hasNot: []resolve.Target{{GOOS: "android", GOARCH: "arm64"}},
		},
		{goos: []string{"hurd"}}, // in spec.UnixGOOS, but Go has no port
		{goos: nil},
	}
	for _, tt := range tests {
		got, err := resolve.Targets(context.Background(), tt.goos)
		if err != nil {
			t.Fatalf("Targets(%q): %v", tt.goos, err)
		}
		for _, want := range tt.has {
			if !slices.Contains(got, want) {
				t.Errorf("Targets(%q) = %v, want it to hold %s", tt.goos, got, want)
			}
		}
		for _, bad := range tt.hasNot {
			if slices.Contains(got, bad) {
				t.Errorf("Targets(%q) = %v holds %s", tt.goos, got, bad)
			}
		}
		for _, target := range got {
			if !slices.Contains(tt.goos, target.GOOS) {
				t.Errorf("Targets(%q) holds %s, of another GOOS", tt.goos, target)
			}
		}
		if !slices.IsSortedFunc(got, func(a, b resolve.Target) int { return strings.Compare(a.String(), b.String()) }) {
			t.Errorf("Targets(%q) = %v, want them sorted", tt.goos, got)
		}
		if len(tt.has) == 0 && len(got) != 0 {
			t.Errorf("Targets(%q) = %v, want none", tt.goos, got)
		}
	}
}
