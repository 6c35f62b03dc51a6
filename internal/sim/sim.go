//go:build unix

// Package sim replays every OS spec's answers through the portable
// algorithms on any machine. Build translates an OS file into the table
// package portable runs on, with spec.Translate, as the generator does for
// the tables compiled into programs; Kernel is a kernel scripted with one
// scenario's answers; Run makes a scenario's calls against it and reports
// what each returned, with every rule the kernel saw broken.
//
// The errno values are that OS's own, as golang.org/x/sys resolved them for
// the generator (zerrnos.go): for the file of the running OS, the running
// target's, so its table is the very one compiled into portable; for the
// others, those of their amd64 target where Go has one (freebsd/amd64,
// windows/amd64...), else of their first.
package sim

import (
	"fmt"
	"runtime"
	"slices"
	"syscall"

	"github.com/connspec/connspec/internal/engine"
	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
	"github.com/connspec/connspec/portable"
)

// OS is one OS spec made runnable.
type OS struct {
	// File is the spec file.
	File *spec.OSFile
	// Table is the file as the portable algorithms read it.
	Table *rules.Table[portable.Kind, syscall.Errno]
	// values maps every errno name the file uses to its value.
	values map[string]syscall.Errno
	// kinds is the API KindName classifies with, made once.
	kinds engine.API
}

// Build makes f runnable.
func Build(f *spec.OSFile) (*OS, error) {
	values, err := errnoValues(f)
	if err != nil {
		return nil, err
	}
	o := &OS{File: f, values: values}
	var bad error
	kind := func(name string) portable.Kind {
		var k portable.Kind
		if err := k.UnmarshalText([]byte(name)); err != nil && bad == nil {
			bad = fmt.Errorf("%s: %v; regenerate with go run ./gen", f.File, err)
		}
		return k
	}
	o.Table = spec.Translate(f, specFile(f), kind, o.Errno)
	rules.IndexErrnos(o.Table)
	o.kinds = o.API(nil)
	return o, bad
}

// specFile names f's file relative to the module root, as the generated
// tables do.
func specFile(f *spec.OSFile) string { return "spec/" + spec.OSDir + "/" + f.OS.Name + ".yaml" }

// errnoValues returns the errno values of f's names on the running target,
// when f covers the running GOOS, else on the target that stands for f.
func errnoValues(f *spec.OSFile) (map[string]syscall.Errno, error) {
	names, ok := errnoNames[f.OS.Name]
	if !ok {
		return nil, fmt.Errorf("sim: no errno values for %s; regenerate with go run ./gen", f.File)
	}
	target := firstTarget[f.OS.Name]
	if slices.Contains(f.GOOSNames(), runtime.GOOS) {
		target = runtime.GOOS + "/" + runtime.GOARCH
	}
	list, ok := errnoValuesOf[f.OS.Name][target]
	if !ok || len(list) != len(names) {
		return nil, fmt.Errorf("sim: no errno values for %s on %s; regenerate with go run ./gen", f.File, target)
	}
	values := make(map[string]syscall.Errno, len(names))
	for i, name := range names {
		values[name] = syscall.Errno(list[i])
	}
	return values, nil
}

// Errno returns the value of an errno name the file uses; 0 for "ok".
func (o *OS) Errno(name string) syscall.Errno {
	if name == spec.Ok {
		return 0
	}
	v, ok := o.values[name]
	if !ok {
		panic(fmt.Sprintf("sim: %s does not use errno %s", o.File.File, name))
	}
	return v
}

// Name returns the errno name of a value, for messages.
func (o *OS) Name(errno syscall.Errno) string {
	if r := rules.Find(o.Table, errno); r != nil {
		return r.Name
	}
	for name, v := range o.values {
		if v == errno {
			return name
		}
	}
	return fmt.Sprintf("errno %d", errno)
}

// API returns package portable's algorithms over k, reading o's table, as
// a program on o's OS runs them: the raw-descriptor API on unix, the conn
// API and KindOf of net.Dial's errors on Windows.
func (o *OS) API(k *Kernel) engine.API {
	goos := o.File.OS.Name
	if o.File.Windows() {
		return engine.NewConnReplay(k, o.Table, goos)
	}
	return engine.New(k, o.Table, goos)
}

// KindName is the name of portable.KindOf(err) as a program on o's OS
// reads it, classifying errnos with o's table; it needs no kernel.
func (o *OS) KindName(err error) string { return o.kinds.KindName(err) }
