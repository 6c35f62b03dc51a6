//go:build darwin || openbsd || solaris || aix

package kernel

import (
	"go/build"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// The x/sys/unix this test binary links, whatever version the module
// graph of the program chose, defines the functions raw_linkname.go links
// to with the signatures it declares. The source file of each linked
// function is found from the binary itself.
func TestLinknameTargets(t *testing.T) {
	fn := runtime.FuncForPC(reflect.ValueOf(rawConnect).Pointer())
	if fn == nil {
		t.Fatal("no function information for rawConnect")
	}
	if got, want := fn.Name(), "golang.org/x/sys/unix.connect"; got != want {
		t.Errorf("rawConnect is linked to %s, want %s", got, want)
	}
	file, _ := fn.FileLine(fn.Entry())
	dir := filepath.Dir(file)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the source of the linked x/sys/unix (%s) is not on this machine (a -trimpath build?): %v", dir, err)
	}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = runtime.GOOS, runtime.GOARCH, false
	problems, err := checkWrappers(dir, ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
