package kernel

import (
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// libcTargets are targets where x/sys/unix reaches the kernel through libc,
// so raw_linkname.go links to its wrappers.
var libcTargets = []string{"darwin/amd64", "darwin/arm64", "ios/arm64", "openbsd/amd64", "openbsd/arm64",
	"solaris/amd64", "illumos/amd64", "aix/ppc64"}

// The wrappers raw_linkname.go links to have, in the golang.org/x/sys this
// module requires, the signatures it declares, on every target where it is
// built. (On those targets TestLinknameTargets checks the x/sys a program
// really links.)
func TestLinknameTargetsOnEveryLibcTarget(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "golang.org/x/sys/unix").Output()
	if err != nil {
		t.Fatalf("go list golang.org/x/sys/unix: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	for _, target := range libcTargets {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, _ = strings.Cut(target, "/")
		ctx.CgoEnabled = false
		problems, err := checkWrappers(dir, ctx)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", target, p)
		}
	}
}

// The check catches a wrapper whose signature changed.
func TestLinknameCheckCatchesAChange(t *testing.T) {
	dir := t.TempDir()
	src := "package unix\n\nimport \"unsafe\"\n\ntype _Socklen uint32\ntype RawSockaddrAny struct{}\n\n" +
		"func connect(s int, addr unsafe.Pointer, addrlen uintptr) (err error) { return nil }\n" +
		"func getpeername(fd int, rsa *RawSockaddrAny, addrlen *_Socklen) (err error) { return nil }\n"
	if err := os.WriteFile(filepath.Join(dir, "z.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := checkWrappers(dir, build.Default)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"x/sys/unix declares connect(int, unsafe.Pointer, uintptr) (error)",
		"x/sys/unix has no function getsockname",
	}
	if len(problems) != len(want) {
		t.Fatalf("problems %q, want %d", problems, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i], w) {
			t.Errorf("problem %q, want it to start %q", problems[i], w)
		}
	}
}
