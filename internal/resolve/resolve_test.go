package resolve_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/connspec/connspec/internal/resolve"
	"github.com/connspec/connspec/internal/spec"
)

// specFixture is the smallest valid spec, kept by package spec's tests.
const specFixture = "../spec/testdata/valid"

// The synthetic targets: two GOARCHes of linux, and three targets for the
// baseline where ENOTSUP and EOPNOTSUPP are one errno (FreeBSD) or two
// (OpenBSD), as in golang.org/x/sys/unix.
var (
	linuxAMD64   = resolve.Target{GOOS: "linux", GOARCH: "amd64"}
	linuxARM64   = resolve.Target{GOOS: "linux", GOARCH: "arm64"}
	freebsdAMD64 = resolve.Target{GOOS: "freebsd", GOARCH: "amd64"}
	freebsdARM64 = resolve.Target{GOOS: "freebsd", GOARCH: "arm64"}
	openbsdAMD64 = resolve.Target{GOOS: "openbsd", GOARCH: "amd64"}
)

// targetsByOS maps each OS file of the fixture to its synthetic targets.
func targetsByOS() map[string][]resolve.Target {
	return map[string][]resolve.Target{
		"linux": {linuxAMD64, linuxARM64},
		"posix": {freebsdAMD64, freebsdARM64, openbsdAMD64},
	}
}

// The errno values of the synthetic packages, taken from x/sys/unix.
var (
	linuxErrnos = map[string]int64{
		"EAGAIN": 11, "EWOULDBLOCK": 11, "EALREADY": 114, "ECONNREFUSED": 111, "EDEADLK": 35, "EDEADLOCK": 35,
		"EINPROGRESS": 115, "EINTR": 4, "EINVAL": 22, "EISCONN": 106, "ENOTSUP": 95, "EOPNOTSUPP": 95,
	}
	freebsdErrnos = map[string]int64{
		"EAGAIN": 35, "EWOULDBLOCK": 35, "EALREADY": 37, "ECONNREFUSED": 61, "EDEADLK": 11,
		"EINPROGRESS": 36, "EINTR": 4, "EINVAL": 22, "EISCONN": 56, "ENOTSUP": 45, "EOPNOTSUPP": 45,
	}
	openbsdErrnos = map[string]int64{
		"EAGAIN": 35, "EWOULDBLOCK": 35, "EALREADY": 37, "ECONNREFUSED": 61, "EDEADLK": 11,
		"EINPROGRESS": 36, "EINTR": 4, "EINVAL": 22, "EISCONN": 56, "ENOTSUP": 91, "EOPNOTSUPP": 45,
	}
)

// packages returns a fresh set of synthetic packages that resolve the
// fixture without a problem; cases break one thing in them.
func packages() map[resolve.Target]*resolve.Package {
	pkgs := map[resolve.Target]*resolve.Package{}
	add := func(t resolve.Target, errnos map[string]int64) {
		pkgs[t] = &resolve.Package{Target: t, Errnos: maps.Clone(errnos)}
	}
	add(linuxAMD64, linuxErrnos)
	add(linuxARM64, linuxErrnos)
	add(freebsdAMD64, freebsdErrnos)
	add(freebsdARM64, freebsdErrnos)
	add(openbsdAMD64, openbsdErrnos)
	return pkgs
}

// specEdit replaces old, which must occur once in file, with new.
type specEdit struct{ file, old, new string }

// loadSpec loads the fixture with edits applied, naming files under "spec".
func loadSpec(t *testing.T, edits ...specEdit) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(specFixture), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(specFixture, p))
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", specFixture, err)
	}
	for _, e := range edits {
		f := fsys[e.file]
		if f == nil || strings.Count(string(f.Data), e.old) != 1 {
			t.Fatalf("%s/%s must hold %q exactly once", specFixture, e.file, e.old)
		}
		f.Data = []byte(strings.Replace(string(f.Data), e.old, e.new, 1))
	}
	s, err := spec.LoadFS(fsys, "spec")
	if err != nil {
		t.Fatalf("the edited fixture does not load:\n%v", err)
	}
	return s
}

// errnoRule returns an edit that maps one more errno in an OS file, at the
// end of its errnos (line 27 in both fixture files, column 12 for the name).
func errnoRule(osName, errno, kind string) specEdit {
	return specEdit{
		file: "os/" + osName + ".yaml",
		old:  "\nsockaddr:\n",
		new:  "\n  - errno: " + errno + "\n    kind: " + kind + "\n    meaning: added by the test\n    sources: [\"go: golang/go#6828\"]\nsockaddr:\n",
	}
}

// resolveCase is one resolution and what it must give.
type resolveCase struct {
	name    string
	edits   []specEdit
	targets func(map[string][]resolve.Target)
	pkgs    func(map[resolve.Target]*resolve.Package)
	want    []string // the problems, in order; none when check is set
	check   func(*testing.T, map[string]*resolve.OSResolution)
}

// resolveCases are TestResolve's resolutions.
var resolveCases = []resolveCase{
	{
		name: "values per target",
		check: func(t *testing.T, res map[string]*resolve.OSResolution) {
			if got := slices.Sorted(maps.Keys(res)); !slices.Equal(got, []string{"linux", "posix"}) {
				t.Fatalf("resolved OS files %v, want [linux posix]", got)
			}
			linux, posix := res["linux"], res["posix"]
			if !slices.Equal(linux.Targets, targetsByOS()["linux"]) || linux.OS != "linux" {
				t.Errorf("linux resolution is for %s %v, want linux %v", linux.OS, linux.Targets, targetsByOS()["linux"])
			}
			for _, c := range []struct {
				r      *resolve.OSResolution
				errno  string
				target resolve.Target
				want   int64
			}{
				{linux, "ECONNREFUSED", linuxAMD64, 111},
				{linux, "EISCONN", linuxARM64, 106},
				{posix, "ECONNREFUSED", freebsdARM64, 61},
				{posix, "EALREADY", openbsdAMD64, 37},
			} {
				if got, ok := c.r.Errnos[c.errno][c.target]; !ok || got != c.want {
					t.Errorf("%s: %s on %s = %d (present %t), want %d", c.r.OS, c.errno, c.target, got, ok, c.want)
				}
			}
			// Every name the file uses is resolved, and nothing else.
			for _, f := range loadSpec(t).OSes {
				if got, want := slices.Sorted(maps.Keys(res[f.OS.Name].Errnos)), f.ErrnoNames(); !slices.Equal(got, want) {
					t.Errorf("%s resolves %v, want the names the file uses %v", f.OS.Name, got, want)
				}
			}
		},
	},
	{
		name: "alias pair equal on every target",
		// EAGAIN is 11 on linux/amd64 and linux/arm64, and so is EWOULDBLOCK.
		edits: []specEdit{errnoRule("linux", "EWOULDBLOCK", "peer_busy")},
		check: func(t *testing.T, res map[string]*resolve.OSResolution) {
			r := res["linux"]
			for _, name := range []string{"EAGAIN", "EWOULDBLOCK"} {
				if got := r.Canonical[name]; got != "EAGAIN" {
					t.Errorf("Canonical[%s] = %q, want EAGAIN, the first of the two in the file", name, got)
				}
			}
			if !r.Same("EAGAIN", "EWOULDBLOCK") || r.Same("EAGAIN", "ECONNREFUSED") {
				t.Errorf("Same(EAGAIN, EWOULDBLOCK) = %t, Same(EAGAIN, ECONNREFUSED) = %t; want true, false",
					r.Same("EAGAIN", "EWOULDBLOCK"), r.Same("EAGAIN", "ECONNREFUSED"))
			}
			if got := r.Aliases["EAGAIN"]; !slices.Equal(got, []string{"EWOULDBLOCK"}) {
				t.Errorf("Aliases[EAGAIN] = %v, want [EWOULDBLOCK]", got)
			}
			if got := r.Aliases["EWOULDBLOCK"]; !slices.Equal(got, []string{"EAGAIN"}) {
				t.Errorf("Aliases[EWOULDBLOCK] = %v, want [EAGAIN]", got)
			}
			if got := r.Aliases["ECONNREFUSED"]; len(got) != 0 {
				t.Errorf("Aliases[ECONNREFUSED] = %v, want none", got)
			}
		},
	},
	{
		name: "alias on every target even when the file uses one name",
		check: func(t *testing.T, res map[string]*resolve.OSResolution) {
			if got := res["linux"].Aliases["EAGAIN"]; !slices.Equal(got, []string{"EWOULDBLOCK"}) {
				t.Errorf("linux Aliases[EAGAIN] = %v, want [EWOULDBLOCK]", got)
			}
			if got := res["linux"].Canonical["EAGAIN"]; got != "EAGAIN" {
				t.Errorf("linux Canonical[EAGAIN] = %q, want EAGAIN", got)
			}
		},
	},
	{
		name: "names equal on some targets only are no alias",
		// ENOTSUP is EOPNOTSUPP on FreeBSD, not on OpenBSD.
		edits: []specEdit{errnoRule("posix", "EOPNOTSUPP", "unsupported")},
		check: func(t *testing.T, res map[string]*resolve.OSResolution) {
			if got := res["posix"].Aliases["EOPNOTSUPP"]; len(got) != 0 {
				t.Errorf("posix Aliases[EOPNOTSUPP] = %v, want none: ENOTSUP differs on openbsd/amd64", got)
			}
		},
	},
	{
		name:  "name missing on one GOARCH",
		edits: []specEdit{errnoRule("linux", "EDEADLOCK", "unknown")},
		pkgs:  func(p map[resolve.Target]*resolve.Package) { delete(p[linuxARM64].Errnos, "EDEADLOCK") },
		want:  []string{`spec/os/linux.yaml:27:12: errno "EDEADLOCK" is not defined by golang.org/x/sys/unix for linux/arm64 (did you mean EDEADLK?)`},
	},
	{
		name: "name missing on every target, reported at each use",
		pkgs: func(p map[resolve.Target]*resolve.Package) {
			for _, t := range targetsByOS()["posix"] {
				delete(p[t].Errnos, "EINVAL")
			}
		},
		want: []string{
			`spec/os/posix.yaml:16:12: errno "EINVAL" is not defined by golang.org/x/sys/unix for freebsd/amd64, freebsd/arm64, openbsd/amd64`,
			`spec/os/posix.yaml:29:41: errno "EINVAL" is not defined by golang.org/x/sys/unix for freebsd/amd64, freebsd/arm64, openbsd/amd64`,
			`spec/os/posix.yaml:30:42: errno "EINVAL" is not defined by golang.org/x/sys/unix for freebsd/amd64, freebsd/arm64, openbsd/amd64`,
		},
	},
	{
		name:  "names one errno on some targets and two on others",
		edits: []specEdit{errnoRule("posix", "EOPNOTSUPP", "unsupported"), errnoRule("posix", "ENOTSUP", "unsupported")},
		want: []string{
			`spec/os/posix.yaml:31:12: EOPNOTSUPP and ENOTSUP are one errno on freebsd/amd64, freebsd/arm64 but two on openbsd/amd64 (45, 91); the generated posix file serves all of them, so map only one of the names`,
		},
	},

	{
		name:    "OS file without targets",
		targets: func(m map[string][]resolve.Target) { delete(m, "posix") },
		want:    []string{`spec/os/posix.yaml:2:1: posix: go tool dist list knows no target for goos aix, darwin, dragonfly, freebsd, hurd, illumos, ios, netbsd, openbsd, solaris`},
	},
	{
		// spec.ErrorList promises file and line order.
		name: "problems of one file in line order",
		pkgs: func(p map[resolve.Target]*resolve.Package) {
			delete(p[linuxAMD64].Errnos, "EALREADY")
			delete(p[linuxAMD64].Errnos, "EINVAL")
		},
		want: []string{
			`spec/os/linux.yaml:23:12: errno "EINVAL" is not defined by golang.org/x/sys/unix for linux/amd64`,
			`spec/os/linux.yaml:29:44: errno "EINVAL" is not defined by golang.org/x/sys/unix for linux/amd64`,
			`spec/os/linux.yaml:30:45: errno "EINVAL" is not defined by golang.org/x/sys/unix for linux/amd64`,
			`spec/os/linux.yaml:44:20: errno "EALREADY" is not defined by golang.org/x/sys/unix for linux/amd64`,
			`spec/os/linux.yaml:47:26: errno "EALREADY" is not defined by golang.org/x/sys/unix for linux/amd64`,
		},
	},
}

func TestResolve(t *testing.T) {
	for _, tt := range resolveCases {
		t.Run(tt.name, func(t *testing.T) {
			s := loadSpec(t, tt.edits...)
			targets, pkgs := targetsByOS(), packages()
			if tt.targets != nil {
				tt.targets(targets)
			}
			if tt.pkgs != nil {
				tt.pkgs(pkgs)
			}
			res, err := resolve.Resolve(s, targets, pkgs)
			if tt.check != nil {
				if err != nil {
					t.Fatalf("Resolve:\n%v", err)
				}
				tt.check(t, res)
				return
			}
			if err == nil {
				t.Fatalf("Resolve reported no problem; want:\n%s", strings.Join(tt.want, "\n"))
			}
			if res != nil {
				t.Errorf("Resolve returned resolutions together with an error")
			}
			var list spec.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Resolve returned %T, want a spec.ErrorList: %v", err, err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Resolve problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
