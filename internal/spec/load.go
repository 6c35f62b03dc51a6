package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// The files of a spec directory.
const (
	KindsFileName     = "kinds.yaml"
	ScenariosFileName = "scenarios.yaml"
	OSDir             = "os"
)

// Load reads and validates the spec in dir. Positions in errors name files
// as dir/kinds.yaml, dir/os/freebsd.yaml and so on. The error, when not nil,
// is an ErrorList holding every problem found.
func Load(dir string) (*Spec, error) {
	return LoadFS(os.DirFS(dir), dir)
}

// LoadFS is Load for a spec held in fsys (a directory, or a git revision),
// whose files are named under display in messages.
func LoadFS(fsys fs.FS, display string) (*Spec, error) {
	var errs ErrorList
	s := &Spec{Dir: display, Kinds: &KindsFile{}, Scenarios: &ScenariosFile{}}
	name := func(p string) string { return path.Join(display, p) }

	read := func(p string, out any) {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.add(Pos{File: name(p)}, "cannot read the file: %v", unwrapPathError(err))
			return
		}
		decodeFile(name(p), data, out, &errs)
	}
	read(KindsFileName, s.Kinds)
	read(ScenariosFileName, s.Scenarios)

	entries, err := fs.ReadDir(fsys, OSDir)
	if err != nil {
		errs.add(Pos{File: name(OSDir)}, "cannot list the OS files: %v", unwrapPathError(err))
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		f := &OSFile{File: name(path.Join(OSDir, e.Name()))}
		read(path.Join(OSDir, e.Name()), f)
		s.OSes = append(s.OSes, f)
	}
	if len(errs) > 0 {
		// Cross-file checks on a half-decoded spec would only repeat the
		// decoding problems in other words.
		return nil, errs.Err()
	}
	slices.SortFunc(s.OSes, func(a, b *OSFile) int { return strings.Compare(a.OS.Name, b.OS.Name) })
	validate(s, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func unwrapPathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// OS returns the OS file named name ("freebsd"), or nil.
func (s *Spec) OS(name string) *OSFile {
	for _, f := range s.OSes {
		if f.OS.Name == name {
			return f
		}
	}
	return nil
}

// Kind returns the kind named name, or nil.
func (s *Spec) Kind(name string) *KindDef {
	for _, k := range s.Kinds.Kinds {
		if k.Name.Name == name {
			return k
		}
	}
	return nil
}

// Scenario returns the scenario named name, or nil.
func (s *Spec) Scenario(name string) *Scenario {
	for _, sc := range s.Scenarios.Scenarios {
		if sc.Name.Name == name {
			return sc
		}
	}
	return nil
}

// Answers returns what f answers in the scenario named name, or nil.
func (f *OSFile) Answers(name string) *Answers {
	for _, a := range f.Scenarios {
		if a.Scenario.Name == name {
			return a
		}
	}
	return nil
}

// Rule returns f's rule for the errno named name, or nil.
func (f *OSFile) Rule(errno string) *ErrnoRule {
	for _, r := range f.Errnos {
		if r.Errno.Name == errno {
			return r
		}
	}
	return nil
}

// Expected returns what step must report on the OS spec named osName: "ok"
// or a kind name.
func (st *Step) Expected(osName string) Symbol {
	for _, o := range st.Except {
		if o.OS.Name == osName {
			return o.Expect
		}
	}
	return st.Expect
}

// String describes the conditions of a case, for messages.
func (c *Case) String() string {
	var parts []string
	if c.Family.Given() {
		parts = append(parts, "family "+c.Family.String())
	}
	if c.Type.Given() {
		parts = append(parts, "type "+c.Type.String())
	}
	if c.Phase.Given() {
		parts = append(parts, "phase "+c.Phase.String())
	}
	if c.Destination.Given() {
		parts = append(parts, "destination "+c.Destination.String())
	}
	if c.State.Given() {
		parts = append(parts, "state "+c.State.String())
	}
	return strings.Join(parts, ", ")
}

// Symbols returns every errno and address-family name f uses, with the
// place each is written, for resolution against golang.org/x/sys/unix.
func (f *OSFile) Symbols() []Symbol {
	var syms []Symbol
	add := func(list ...Symbol) {
		for _, s := range list {
			if s.Name != "" && s.Name != Ok {
				syms = append(syms, s)
			}
		}
	}
	for _, r := range f.Errnos {
		add(r.Errno)
	}
	add(f.Sockaddr.Inet.Errno, f.Sockaddr.Inet6.Errno)
	add(f.Sockaddr.FamilyMismatch...)
	add(f.Dissolve.SuccessErrnos...)
	if f.Dissolve.Stream.Name != StreamDisconnects {
		add(f.Dissolve.Stream)
	}
	add(f.Interrupt.Errnos...)
	add(f.Interrupt.SecondConnect...)
	add(f.Completion.Pending...)
	add(f.Completion.SOErrorPending...)
	add(f.Completion.Connected...)
	add(f.Completion.AfterCompletion...)
	for _, a := range f.Scenarios {
		add(a.Connect...)
		add(a.SOError...)
		add(a.Getpeername...)
	}
	return syms
}

// ErrnoNames returns the distinct errno names f uses, sorted.
func (f *OSFile) ErrnoNames() []string {
	var names []string
	for _, s := range f.Symbols() {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// String names the file for messages.
func (f *OSFile) String() string { return fmt.Sprintf("%s (%s)", f.OS.Name, f.File) }

// GOOSNames returns the GOOS values f covers, as written.
func (f *OSFile) GOOSNames() []string { return WordNames(f.GOOS) }

// Windows reports whether f describes Windows, whose names resolve in
// golang.org/x/sys/windows and whose table portable reads with Winsock.
func (f *OSFile) Windows() bool { return slices.Contains(f.GOOSNames(), "windows") }
