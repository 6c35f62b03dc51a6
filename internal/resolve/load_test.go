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

// TestLoad loads golang.org/x/sys/unix for real, without a cache, and
// checks values read in its zerrors_*.go files.
func TestLoad(t *testing.T) {
	linux := resolve.Target{GOOS: "linux", GOARCH: "amd64"}
	freebsd := resolve.Target{GOOS: "freebsd", GOARCH: "amd64"}
	pkgs, err := resolve.Load(context.Background(), moduleRoot, []resolve.Target{linux, freebsd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(pkgs); got != 2 {
		t.Fatalf("Load returned %d packages, want 2", got)
	}
	tests := []struct {
		target resolve.Target
		errno  string // an Errno constant, or
		family string // an AF_ constant
		want   int64
	}{
		{target: linux, errno: "ECONNREFUSED", want: 111},  // zerrors_linux_amd64.go: 0x6f
		{target: linux, errno: "EAGAIN", want: 11},         // zerrors_linux.go: 0xb
		{target: linux, errno: "EWOULDBLOCK", want: 11},    // the same errno as EAGAIN
		{target: linux, family: "AF_INET6", want: 10},      // zerrors_linux.go: 0xa
		{target: freebsd, errno: "ECONNREFUSED", want: 61}, // zerrors_freebsd_amd64.go: 0x3d
		{target: freebsd, errno: "EAGAIN", want: 35},       // 0x23
		{target: freebsd, errno: "EWOULDBLOCK", want: 35},
		{target: freebsd, family: "AF_INET6", want: 28}, // 0x1c
		{target: freebsd, family: "AF_UNSPEC", want: 0},
	}
	for _, tt := range tests {
		p := pkgs[tt.target]
		if p == nil {
			t.Fatalf("Load returned no package for %s", tt.target)
		}
		name, values := tt.errno, p.Errnos
		if tt.family != "" {
			name, values = tt.family, p.Families
		}
		if got, ok := values[name]; !ok || got != tt.want {
			t.Errorf("%s: %s = %d (defined %t), want %d", tt.target, name, got, ok, tt.want)
		}
	}
	for _, target := range []resolve.Target{linux, freebsd} {
		p := pkgs[target]
		if p.Target != target {
			t.Errorf("the package loaded for %s says it is for %s", target, p.Target)
		}
		for _, w := range resolve.Wrappers {
			if have := p.Wrappers[w.Name]; !have.Fits || have.Signature == "" {
				t.Errorf("%s: %s wrapper %q fits = %t, want one that fits %s", target, w.Name, have.Signature, have.Fits, w.Declared)
			}
		}
		// Errno constants are not families and AF_ constants not errnos.
		if _, ok := p.Families["ECONNREFUSED"]; ok {
			t.Errorf("%s: ECONNREFUSED is listed as an address family", target)
		}
		if _, ok := p.Errnos["AF_INET"]; ok {
			t.Errorf("%s: AF_INET is listed as an errno", target)
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
