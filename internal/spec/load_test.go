package spec_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/connspec/connspec/internal/rules"
	"github.com/connspec/connspec/internal/spec"
)

// validDir holds the smallest spec the validator accepts; every broken spec
// below is it with one file patched.
const validDir = "testdata/valid"

// display is the directory LoadFS names files under in messages.
const display = "spec"

// edit changes one file of an in-memory spec.
type edit func(t *testing.T, fsys fstest.MapFS)

// replace replaces old, which must occur exactly once in file, with new.
func replace(file, old, new string) edit {
	return func(t *testing.T, fsys fstest.MapFS) {
		t.Helper()
		f, ok := fsys[file]
		if !ok {
			t.Fatalf("the fixture has no file %s", file)
		}
		if n := strings.Count(string(f.Data), old); n != 1 {
			t.Fatalf("%s holds %q %d times; a patch needs it exactly once", file, old, n)
		}
		f.Data = []byte(strings.Replace(string(f.Data), old, new, 1))
	}
}

// write replaces the whole content of file.
func write(file, content string) edit {
	return func(t *testing.T, fsys fstest.MapFS) {
		fsys[file] = &fstest.MapFile{Data: []byte(content)}
	}
}

// appendTo adds text at the end of file.
func appendTo(file, text string) edit {
	return func(t *testing.T, fsys fstest.MapFS) {
		t.Helper()
		f, ok := fsys[file]
		if !ok {
			t.Fatalf("the fixture has no file %s", file)
		}
		f.Data = append(f.Data, text...)
	}
}

// remove deletes file.
func remove(file string) edit {
	return func(t *testing.T, fsys fstest.MapFS) {
		t.Helper()
		if _, ok := fsys[file]; !ok {
			t.Fatalf("the fixture has no file %s", file)
		}
		delete(fsys, file)
	}
}

// fixture reads testdata/valid into memory, so a case can patch it.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(validDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(validDir, p))
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatalf("reading the fixture: %v", err)
	}
	return fsys
}

// errorLines loads fsys and returns its problems, one message per element.
func errorLines(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	s, err := spec.LoadFS(fsys, display)
	if err == nil {
		return nil
	}
	if s != nil {
		t.Errorf("LoadFS returned a spec together with an error")
	}
	var list spec.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("LoadFS returned %T, want a spec.ErrorList: %v", err, err)
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Error()
	}
	if got, want := err.Error(), strings.Join(lines, "\n"); got != want {
		t.Errorf("ErrorList.Error() is not its problems one per line:\n got: %s\nwant: %s", got, want)
	}
	return lines
}

// checkProblems fails unless loading fsys reports exactly want, in order.
func checkProblems(t *testing.T, fsys fs.FS, want []string) {
	t.Helper()
	got := errorLines(t, fsys)
	switch {
	case slices.Equal(got, want):
	case len(got) == 0:
		t.Errorf("LoadFS reported no problem; want:\n%s", strings.Join(want, "\n"))
	case len(want) == 0:
		t.Errorf("LoadFS problems:\n%s\nwant none", strings.Join(got, "\n"))
	default:
		t.Errorf("LoadFS problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFixtureIsValid(t *testing.T) {
	s, err := spec.LoadFS(fixture(t), display)
	if err != nil {
		t.Fatalf("testdata/valid must load without problems, the broken specs depend on it:\n%v", err)
	}
	if got, want := len(s.OSes), 2; got != want {
		t.Errorf("the fixture has %d OS files, want %d", got, want)
	}
}

func TestLoadReportsProblems(t *testing.T) {
	for _, group := range [][]problemCase{decodingProblems, referenceProblems, goosProblems, answerProblems, kindProblems, ruleProblems} {
		for _, tt := range group {
			t.Run(tt.name, func(t *testing.T) {
				fsys := fixture(t)
				for _, e := range tt.edits {
					e(t, fsys)
				}
				checkProblems(t, fsys, tt.want)
			})
		}
	}
}

// readFixture returns one file of testdata/valid.
func readFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(path.Join(validDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestRepositorySpecLoads(t *testing.T) {
	s, err := spec.Load("../../spec")
	if err != nil {
		t.Fatalf("spec.Load(../../spec):\n%v", err)
	}
	var got []string
	for _, f := range s.OSes {
		got = append(got, f.OS.Name)
	}
	// OSes is sorted by name.
	if want := []string{"aix", "darwin", "dragonfly", "freebsd", "illumos", "linux", "netbsd", "openbsd", "posix", "windows"}; !slices.Equal(got, want) {
		t.Errorf("OS files: got %v, want %v", got, want)
	}
	for _, f := range s.OSes {
		if want := "../../spec/os/" + f.OS.Name + ".yaml"; f.File != want {
			t.Errorf("OS %s was loaded from %s, want %s", f.OS.Name, f.File, want)
		}
	}
}

// TestLoadRejectsSecondDocument checks that a file holding a second YAML
// document is an error: the loader decodes only the first one, so anything
// after a "---" line would be dropped without a word.
func TestLoadRejectsSecondDocument(t *testing.T) {
	linux := readFixture(t, "os/linux.yaml") // 63 lines
	tests := []struct {
		name, content string
		want          []string
	}{
		{
			name:    "optional section in the second document",
			content: linux + "---\nhistory:\n  - since: Linux 2.2\n    what: AF_UNSPEC dissolves\n    sources: [\"man: Linux man-pages 6.x connect(2), HISTORY\"]\n",
			want:    []string{`spec/os/linux.yaml:64:1: a second YAML document starts here; write the whole file as one document`},
		},
		{
			name:    "unknown key in the second document",
			content: linux + "---\nhistroy: []\n",
			want:    []string{`spec/os/linux.yaml:64:1: a second YAML document starts here; write the whole file as one document`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			write("os/linux.yaml", tt.content)(t, fsys)
			checkProblems(t, fsys, tt.want)
		})
	}
}

// TestLoadErrorOrderIsStable loads the same broken spec many times: problems
// at the same position must come in the same order every time, or gen's
// output changes from run to run.
func TestLoadErrorOrderIsStable(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  []string // in any order
	}{
		{
			name: "two GOOS whose companions the file leaves out",
			edits: []edit{
				replace("os/linux.yaml", "goos: [linux, android]", "goos: [linux, android, darwin, solaris]"),
				replace("os/posix.yaml", " darwin,", ""),
				replace("os/posix.yaml", "openbsd, solaris]", "openbsd]"),
			},
			want: []string{
				`spec/os/linux.yaml:2:1: goos lists "darwin" but not "ios", which Go builds with the darwin files; add it`,
				`spec/os/linux.yaml:2:1: goos lists "solaris" but not "illumos", which Go builds with the solaris files; add it`,
				`spec/os/posix.yaml:3:39: goos "illumos" is built with the files of "solaris" (its build tag implies solaris), so it must be in spec/os/linux.yaml`,
				`spec/os/posix.yaml:3:48: goos "ios" is built with the files of "darwin" (its build tag implies darwin), so it must be in spec/os/linux.yaml`,
			},
		},
	}
	const loads = 100
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			for _, e := range tt.edits {
				e(t, fsys)
			}
			first := errorLines(t, fsys)
			if got, want := slices.Sorted(slices.Values(first)), slices.Sorted(slices.Values(tt.want)); !slices.Equal(got, want) {
				t.Fatalf("LoadFS problems:\n%s\nwant, in some order:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for i := 1; i < loads; i++ {
				if got := errorLines(t, fsys); !slices.Equal(got, first) {
					t.Fatalf("load %d reported the problems in another order than load 1:\n%s\nload 1:\n%s", i+1, strings.Join(got, "\n"), strings.Join(first, "\n"))
				}
			}
		})
	}
}

func TestKindIn(t *testing.T) {
	s, err := spec.LoadFS(fixture(t), display)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		os, errno string
		socket    spec.Socket
		phase     rules.Phase
		want      string
	}{
		{"posix", "EINVAL", spec.SocketTCP4, rules.PhaseConnect, spec.Connected},
		{"posix", "EINVAL", spec.SocketTCP4, rules.PhaseSOError, "invalid_address"},
		{"posix", "EINVAL", spec.SocketUDP4, rules.PhaseConnect, "invalid_address"},
		{"posix", "ECONNREFUSED", spec.SocketTCP4, rules.PhaseConnect, "refused"},
		{"linux", "EAGAIN", spec.SocketUnixStream, rules.PhaseConnect, "peer_busy"},
		{"linux", "EAGAIN", spec.SocketTCP6, rules.PhaseConnect, "peer_busy"},
		{"linux", "ENOENT", spec.SocketUnixStream, rules.PhaseConnect, "unknown"}, // not mapped
	}
	for _, tt := range tests {
		if got := spec.KindIn(spec.NameTable(s.OS(tt.os)), tt.errno, tt.socket.Facts(tt.phase)); got != tt.want {
			t.Errorf("%s KindIn(%s, %s, %s) = %s, want %s", tt.os, tt.errno, tt.socket, tt.phase, got, tt.want)
		}
	}
}

// TestLoadDecodesValues checks scalars decode to what YAML says they are.
func TestLoadDecodesValues(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		get   func(*spec.Spec) any
		want  any
	}{
		{
			name: "true",
			get:  func(s *spec.Spec) any { return s.Kind("timed_out").Timeout },
			want: true,
		},
		{
			name:  "True is a YAML boolean too",
			edits: []edit{replace("kinds.yaml", "    timeout: true\n", "    timeout: True\n")},
			get:   func(s *spec.Spec) any { return s.Kind("timed_out").Timeout },
			want:  true,
		},
		{
			name:  "TRUE is a YAML boolean too",
			edits: []edit{replace("os/linux.yaml", "  abstract_unix: true\n", "  abstract_unix: TRUE\n")},
			get:   func(s *spec.Spec) any { return s.OS("linux").Sockaddr.AbstractUnix },
			want:  true,
		},
		{
			name:  "False",
			edits: []edit{replace("os/linux.yaml", "  abstract_unix: true\n", "  abstract_unix: False\n")},
			get:   func(s *spec.Spec) any { return s.OS("linux").Sockaddr.AbstractUnix },
			want:  false,
		},
		{
			name: "absent boolean",
			get:  func(s *spec.Spec) any { return s.Kind("unknown").Retry },
			want: false,
		},
		{
			name: "integer",
			get:  func(s *spec.Spec) any { return s.OS("linux").Sockaddr.SunPath },
			want: 108,
		},
		{
			name:  "hexadecimal integer",
			edits: []edit{replace("os/linux.yaml", "  sun_path: 108\n", "  sun_path: 0x6c\n")},
			get:   func(s *spec.Spec) any { return s.OS("linux").Sockaddr.SunPath },
			want:  108,
		},
		{
			name:  "quoted number is a string",
			edits: []edit{replace("os/linux.yaml", "    meaning: nothing listens at the address\n", "    meaning: \"111\"\n")},
			get:   func(s *spec.Spec) any { return s.OS("linux").Rule("ECONNREFUSED").Meaning },
			want:  "111",
		},
		{
			name:  "folded string",
			edits: []edit{replace("os/linux.yaml", "doc: Linux as the test fixture describes it.\n", "doc: >-\n  Linux as the test\n  fixture describes it.\n")},
			get:   func(s *spec.Spec) any { return s.OS("linux").Doc },
			want:  "Linux as the test fixture describes it.",
		},
		{
			name: "source",
			get:  func(s *spec.Spec) any { return s.OS("linux").Rule("EAGAIN").Sources[1] },
			want: spec.Source{Scheme: "kernel", Ref: "torvalds/linux net/unix/af_unix.c unix_stream_connect", Pos: spec.Pos{File: "spec/os/linux.yaml", Line: 17, Col: 9}},
		},
		{
			name: "symbol with its position",
			get:  func(s *spec.Spec) any { return *s.Scenario("unix-backlog-full").Steps[0].Except[0] },
			want: spec.Override{
				OS:     spec.Symbol{Name: "linux", Pos: spec.Pos{File: "spec/scenarios.yaml", Line: 22, Col: 18}},
				Expect: spec.Symbol{Name: "peer_busy", Pos: spec.Pos{File: "spec/scenarios.yaml", Line: 22, Col: 25}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			for _, e := range tt.edits {
				e(t, fsys)
			}
			s, err := spec.LoadFS(fsys, display)
			if err != nil {
				t.Fatalf("LoadFS:\n%v", err)
			}
			if got := tt.get(s); got != tt.want {
				t.Errorf("decoded %#v, want %#v", got, tt.want)
			}
		})
	}
}

// TestKindLimit checks the limit of the generated Kind, a uint8 whose
// constants count from 0: 256 kinds fit, 257 do not.
func TestKindLimit(t *testing.T) {
	tests := []struct {
		kinds int
		want  []string
	}{
		{kinds: 255},
		{kinds: 256},
		{kinds: 257, want: []string{`spec/kinds.yaml:3:1: 257 kinds do not fit the generated uint8 Kind`}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.kinds), func(t *testing.T) {
			fsys := fixture(t)
			kinds := readFixture(t, "kinds.yaml")
			have := strings.Count(kinds, "  - name: ")
			for i := have; i < tt.kinds; i++ {
				kinds += fmt.Sprintf("  - name: extra_%d\n    doc: A kind that only makes up the number.\n", i)
			}
			write("kinds.yaml", kinds)(t, fsys)
			checkProblems(t, fsys, tt.want)
		})
	}
}
