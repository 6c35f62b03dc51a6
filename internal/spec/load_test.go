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
	const noSource = "has no source: cite a man page, a kernel function, a Go issue or a conformance run ([conformance go kernel man posix])"
	tests := []struct {
		name  string
		edits []edit
		want  []string
	}{
		// Decoding: every problem of a file's shape, at the node that causes it.
		{
			name:  "unknown key with suggestion",
			edits: []edit{replace("os/linux.yaml", "    meaning: nothing listens at the address\n    documented: true\n", "    meaning: nothing listens at the address\n    documnted: true\n")},
			want:  []string{`spec/os/linux.yaml:9:5: unknown key "documnted" in errnos[0] (did you mean "documented"?)`},
		},
		{
			name:  "unknown top-level key is also a missing one",
			edits: []edit{replace("os/linux.yaml", "errnos:\n", "errnso:\n")},
			want: []string{
				`spec/os/linux.yaml:2:1: missing required key "errnos" in the document`,
				`spec/os/linux.yaml:5:1: unknown key "errnso" in the document (did you mean "errnos"?)`,
			},
		},
		{
			name:  "unknown key far from every field",
			edits: []edit{replace("kinds.yaml", "    timeout: true\n", "    deadline: true\n")},
			want:  []string{`spec/kinds.yaml:27:5: unknown key "deadline" in kinds[9]`},
		},
		{
			name:  "duplicate key",
			edits: []edit{replace("os/linux.yaml", "    meaning: nothing listens at the address\n    documented: true\n", "    meaning: nothing listens at the address\n    kind: refused\n")},
			want:  []string{`spec/os/linux.yaml:9:5: duplicate key "kind" in errnos[0]: it is already defined at spec/os/linux.yaml:7:5`},
		},
		{
			name:  "duplicate scenario answer",
			edits: []edit{replace("os/linux.yaml", "  tcp-in-progress:\n", "  tcp-refused:\n")},
			want:  []string{`spec/os/linux.yaml:56:3: duplicate key "tcp-refused" in scenarios: it is already defined at spec/os/linux.yaml:53:3`},
		},
		{
			name:  "string where a list is expected",
			edits: []edit{replace("os/linux.yaml", "goos: [linux, android]\n", "goos: linux\n")},
			want:  []string{`spec/os/linux.yaml:3:7: goos: expected a list, found a string`},
		},
		{
			name:  "bool where a string is expected",
			edits: []edit{replace("os/linux.yaml", "doc: Linux as the test fixture describes it.\n", "doc: true\n")},
			want:  []string{`spec/os/linux.yaml:4:6: doc: expected a string, found a boolean`},
		},
		{
			name:  "string where an integer is expected",
			edits: []edit{replace("os/linux.yaml", "  sun_path: 108\n", "  sun_path: wide\n")},
			want:  []string{`spec/os/linux.yaml:32:13: sockaddr.sun_path: expected an integer, found a string`},
		},
		{
			name:  "string where a mapping is expected",
			edits: []edit{replace("os/linux.yaml", "  inet6: {rule: at_least, bytes: 24, errno: EINVAL}\n", "  inet6: at_least\n")},
			want:  []string{`spec/os/linux.yaml:30:10: sockaddr.inet6: expected a mapping, found a string`},
		},
		{
			name:  "list where a name is expected",
			edits: []edit{replace("os/linux.yaml", "    kind: peer_busy\n", "    kind: [peer_busy]\n")},
			want:  []string{`spec/os/linux.yaml:12:11: errnos[1].kind: expected a string, found a list`},
		},
		{
			name:  "key without a value",
			edits: []edit{replace("os/linux.yaml", "  confirm: none\n", "  confirm:\n")},
			want:  []string{`spec/os/linux.yaml:38:11: dissolve.confirm has no value`},
		},
		{
			name:  "empty name",
			edits: []edit{replace("os/linux.yaml", "    kind: peer_busy\n", "    kind: \" \"\n")},
			want:  []string{`spec/os/linux.yaml:12:11: errnos[1].kind: empty name`},
		},
		{
			name:  "missing required key in an entry",
			edits: []edit{replace("os/linux.yaml", "    meaning: nothing listens at the address\n", "")},
			want:  []string{`spec/os/linux.yaml:6:5: missing required key "meaning" in errnos[0]`},
		},
		{
			name:  "missing required keys are reported in key order",
			edits: []edit{replace("os/linux.yaml", "  - errno: EINVAL\n    kind: invalid_address\n    meaning: namelen is shorter than the address family needs\n", "  - errno: EINVAL\n")},
			want: []string{
				`spec/os/linux.yaml:23:5: missing required key "kind" in errnos[3]`,
				`spec/os/linux.yaml:23:5: missing required key "meaning" in errnos[3]`,
			},
		},
		{
			name:  "missing required section",
			edits: []edit{replace("os/linux.yaml", "dissolve:\n  method: af_unspec\n  namelen: 16\n  confirm: none\n  stream: disconnects\n  sources: [\"man: Linux man-pages 6.x connect(2), DESCRIPTION\"]\n", "")},
			want:  []string{`spec/os/linux.yaml:2:1: missing required key "dissolve" in the document`},
		},
		{
			// The flow mapping on line 30 is not closed; the parser notices
			// at the colon after max_namelen on the next line.
			name:  "YAML syntax error",
			edits: []edit{replace("os/linux.yaml", "  inet6: {rule: at_least, bytes: 24, errno: EINVAL}\n", "  inet6: {rule: at_least, bytes: 24, errno: EINVAL\n")},
			want:  []string{`spec/os/linux.yaml:31:14: not valid YAML: did not find expected ',' or '}'`},
		},
		{
			name:  "tab indentation",
			edits: []edit{replace("scenarios.yaml", "    socket: unix-stream\n", "\tsocket: unix-stream\n")},
			want:  []string{`spec/scenarios.yaml:17:1: not valid YAML: found a tab character that violates indentation`},
		},
		{
			name: "anchors and aliases",
			edits: []edit{
				replace("os/linux.yaml", "    meaning: nothing listens at the address\n    documented: true\n    sources: [", "    meaning: nothing listens at the address\n    documented: true\n    sources: &man ["),
				replace("os/linux.yaml", "    meaning: the connection goes on in the background\n    documented: true\n    sources: [\"man: Linux man-pages 6.x connect(2), ERRORS\"]\n", "    meaning: the connection goes on in the background\n    documented: true\n    sources: *man\n"),
			},
			want: []string{
				`spec/os/linux.yaml:10:14: errnos[0].sources: anchors and aliases are not allowed in spec files; write the value out`,
				`spec/os/linux.yaml:22:14: errnos[2].sources: anchors and aliases are not allowed in spec files; write the value out`,
			},
		},
		{
			name:  "bad source scheme",
			edits: []edit{replace("os/linux.yaml", `sources: ["man: Linux man-pages 6.x connect(2), DESCRIPTION"]`, `sources: ["manual: Linux man-pages 6.x connect(2), DESCRIPTION"]`)},
			want:  []string{`spec/os/linux.yaml:40:13: dissolve.sources[0]: source "manual: Linux man-pages 6.x connect(2), DESCRIPTION" must start with one of conformance:, go:, kernel:, man:, posix:`},
		},
		{
			name:  "source without a scheme",
			edits: []edit{replace("os/linux.yaml", `sources: ["man: Linux man-pages 6.x connect(2), DESCRIPTION"]`, `sources: ["Linux man-pages 6.x connect(2)"]`)},
			want:  []string{`spec/os/linux.yaml:40:13: dissolve.sources[0]: source "Linux man-pages 6.x connect(2)" must start with one of conformance:, go:, kernel:, man:, posix:`},
		},
		{
			name:  "source naming nothing",
			edits: []edit{replace("os/linux.yaml", `sources: ["man: Linux man-pages 6.x connect(2), DESCRIPTION"]`, `sources: ["man: "]`)},
			want:  []string{`spec/os/linux.yaml:40:13: dissolve.sources[0]: source "man: " names nothing: give the system, its version and the section (FreeBSD 13.1 connect(2), ERRORS)`},
		},
		{
			name:  "kernel source without a function",
			edits: []edit{replace("os/linux.yaml", `sources: ["kernel: torvalds/linux net/socket.c move_addr_to_kernel"]`, `sources: ["kernel: torvalds/linux net/socket.c"]`)},
			want:  []string{`spec/os/linux.yaml:34:13: sockaddr.sources[0]: kernel source "kernel: torvalds/linux net/socket.c" must give the repository, the file and the function (freebsd/freebsd-src sys/kern/uipc_syscalls.c kern_connectat)`},
		},
		{
			name:  "kinds.yaml missing",
			edits: []edit{remove("kinds.yaml")},
			want:  []string{`spec/kinds.yaml: cannot read the file: file does not exist`},
		},
		{
			name:  "empty file",
			edits: []edit{write("scenarios.yaml", "# nothing yet\n")},
			want:  []string{`spec/scenarios.yaml: the file is empty; it must hold one YAML document`},
		},
		{
			name:  "problems in several files, in file order",
			edits: []edit{replace("os/posix.yaml", "doc: The POSIX", "dok: The POSIX"), replace("kinds.yaml", "    retry: true\n  - name: in_progress", "    retri: true\n  - name: in_progress")},
			want: []string{
				`spec/kinds.yaml:8:5: unknown key "retri" in kinds[1] (did you mean "retry"?)`,
				`spec/os/posix.yaml:2:1: missing required key "doc" in the document`,
				`spec/os/posix.yaml:4:1: unknown key "dok" in the document (did you mean "doc"?)`,
			},
		},

		// Validation: references across files.
		{
			name:  "unknown kind with suggestion",
			edits: []edit{replace("os/linux.yaml", "    kind: refused\n", "    kind: refsued\n")},
			want: []string{
				`spec/os/linux.yaml:7:11: unknown kind "refsued" (did you mean "refused"?)`,
				`spec/os/linux.yaml:54:15: scenario "tcp-refused" expects refused on linux, but spec/os/linux.yaml maps ECONNREFUSED to refsued; fix the mapping, or declare a divergence in spec/scenarios.yaml:4:5`,
			},
		},
		{
			name:  "unknown expected kind in a scenario",
			edits: []edit{replace("scenarios.yaml", "{call: connect, expect: refused}", "{call: connect, expect: refsued}")},
			want: []string{
				`spec/os/linux.yaml:54:15: scenario "tcp-refused" expects refsued on linux, but spec/os/linux.yaml maps ECONNREFUSED to refused; fix the mapping, or declare a divergence in spec/scenarios.yaml:4:5`,
				`spec/os/posix.yaml:53:15: scenario "tcp-refused" expects refsued on posix, but spec/os/posix.yaml maps ECONNREFUSED to refused; fix the mapping, or declare a divergence in spec/scenarios.yaml:4:5`,
				`spec/scenarios.yaml:8:33: unknown kind "refsued" (did you mean "refused"?)`,
			},
		},
		{
			name:  "unknown scenario with suggestion",
			edits: []edit{replace("os/linux.yaml", "  tcp-refused:\n", "  tcp-refsued:\n")},
			want: []string{
				`spec/os/linux.yaml:2:1: spec/os/linux.yaml gives no answer for scenario "tcp-refused"; add its answers, or not_applicable with the reason`,
				`spec/os/linux.yaml:53:3: unknown scenario "tcp-refsued" (did you mean "tcp-refused"?)`,
			},
		},
		{
			name:  "except names an OS without a file",
			edits: []edit{replace("scenarios.yaml", "except: {linux: peer_busy}", "except: {linux: peer_busy, linx: refused}")},
			want: []string{
				`spec/scenarios.yaml:22:36: except names OS "linx", which has no file in spec/os (did you mean "linux"?)`,
				`spec/scenarios.yaml:22:42: except for linx repeats the expected "refused"; remove it`,
			},
		},
		{
			name:  "value outside its vocabulary",
			edits: []edit{replace("scenarios.yaml", "    socket: unix-stream\n", "    socket: unix-steam\n")},
			want:  []string{`spec/scenarios.yaml:17:13: socket "unix-steam" is not one of tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram, unix-seqpacket, none (did you mean "unix-stream"?)`},
		},
		{
			name:  "entry with no sources",
			edits: []edit{replace("os/linux.yaml", `    sources: ["kernel: torvalds/linux net/ipv4/af_inet.c inet_stream_connect"]`, "    sources: []")},
			want:  []string{`spec/os/linux.yaml:23:5: errno EINVAL ` + noSource},
		},
		{
			name:  "scenario answer with no sources",
			edits: []edit{replace("os/linux.yaml", "    sources: [\"conformance: internal/conformance tcp-refused\"]\n", "")},
			want:  []string{`spec/os/linux.yaml:53:3: scenario tcp-refused ` + noSource},
		},
		{
			name:  "except without divergence",
			edits: []edit{replace("scenarios.yaml", "    divergence: Linux reports the full backlog; the other kernels refuse the connection.\n", "")},
			want:  []string{`spec/scenarios.yaml:15:5: scenario "unix-backlog-full" has OS exceptions but no divergence: say why the kernels cannot be made to agree`},
		},
		{
			name:  "divergence without except",
			edits: []edit{replace("scenarios.yaml", "    doc: A blocking TCP connect to a port nobody listens on.\n", "    doc: A blocking TCP connect to a port nobody listens on.\n    divergence: none really.\n")},
			want:  []string{`spec/scenarios.yaml:4:5: scenario "tcp-refused" declares a divergence but no step has an except`},
		},
		{
			name:  "GOOS covered twice",
			edits: []edit{replace("os/linux.yaml", "goos: [linux, android]", "goos: [linux, android, darwin]")},
			want: []string{
				`spec/os/linux.yaml:2:1: goos lists "darwin" but not "ios", which Go builds with the darwin files; add it`,
				`spec/os/posix.yaml:3:13: goos "darwin" is already covered by linux (spec/os/linux.yaml)`,
				`spec/os/posix.yaml:3:56: goos "ios" is built with the files of "darwin" (its build tag implies darwin), so it must be in spec/os/linux.yaml`,
			},
		},
		{
			name:  "GOOS covered by no file",
			edits: []edit{replace("os/posix.yaml", " hurd,", "")},
			want:  []string{`spec/os/posix.yaml:2:1: goos "hurd" is covered by no file; add it to posix's goos`},
		},
		{
			name:  "GOOS misspelt",
			edits: []edit{replace("os/linux.yaml", "goos: [linux, android]", "goos: [linux, andriod]")},
			want: []string{
				`spec/os/linux.yaml:2:1: goos lists "linux" but not "android", which Go builds with the linux files; add it`,
				`spec/os/linux.yaml:3:15: goos "andriod" is not a unix GOOS (did you mean "android"?)`,
				`spec/os/posix.yaml:2:1: goos "android" is covered by no file; add it to posix's goos`,
			},
		},
		{
			name:  "os does not match the file name",
			edits: []edit{replace("os/linux.yaml", "os: linux\n", "os: linux2\n")},
			want: []string{
				`spec/os/linux.yaml:2:5: os "linux2" does not match the file name linux.yaml`,
				`spec/os/linux.yaml:62:15: scenario "unix-backlog-full" expects refused on linux2, but spec/os/linux.yaml maps EAGAIN to peer_busy; fix the mapping, or declare a divergence in spec/scenarios.yaml:15:5`,
				`spec/scenarios.yaml:22:18: except names OS "linux", which has no file in spec/os (did you mean "linux2"?)`,
			},
		},
		{
			name:  "no baseline",
			edits: []edit{remove("os/posix.yaml")},
			want:  []string{`spec/os: no posix.yaml: the baseline for every unix GOOS without a file of its own is missing`},
		},
		{
			name:  "pre_kernel scenario answered",
			edits: []edit{write("os/linux.yaml", readFixture(t, "os/linux.yaml")+"  nil-address:\n    connect: [EINVAL]\n    sources: [\"conformance: internal/conformance nil-address\"]\n")},
			want:  []string{`spec/os/linux.yaml:64:3: scenario "nil-address" is decided before the kernel (pre_kernel in spec/scenarios.yaml:23:5); remove this answer`},
		},
		{
			name:  "scenario left unanswered",
			edits: []edit{replace("os/linux.yaml", "  tcp-in-progress:\n    connect: [EINPROGRESS]\n    so_error: [ok]\n    getpeername: [ok]\n    sources: [\"conformance: internal/conformance tcp-in-progress\"]\n", "")},
			want:  []string{`spec/os/linux.yaml:2:1: spec/os/linux.yaml gives no answer for scenario "tcp-in-progress"; add its answers, or not_applicable with the reason`},
		},
		{
			name:  "scenario answer without connect answers",
			edits: []edit{replace("os/posix.yaml", "  tcp-refused:\n    connect: [ECONNREFUSED]\n", "  tcp-refused:\n")},
			want:  []string{`spec/os/posix.yaml:52:3: scenario "tcp-refused" needs connect answers (or not_applicable: why this kernel cannot produce it)`},
		},
		{
			name:  "scenario both not_applicable and answered",
			edits: []edit{replace("os/posix.yaml", "  tcp-refused:\n    connect: [ECONNREFUSED]\n", "  tcp-refused:\n    not_applicable: the baseline cannot say\n    connect: [ECONNREFUSED]\n")},
			want:  []string{`spec/os/posix.yaml:52:3: scenario "tcp-refused" is not_applicable and yet has answers; keep one or the other`},
		},
		{
			name:  "single connect answer maps to the wrong kind",
			edits: []edit{replace("os/linux.yaml", "    connect: [ECONNREFUSED]\n", "    connect: [EAGAIN]\n")},
			want:  []string{`spec/os/linux.yaml:54:15: scenario "tcp-refused" expects refused on linux, but spec/os/linux.yaml maps EAGAIN to peer_busy; fix the mapping, or declare a divergence in spec/scenarios.yaml:4:5`},
		},
		{
			name:  "single connect answer misses the OS exception",
			edits: []edit{replace("os/linux.yaml", "    connect: [EAGAIN]\n", "    connect: [ECONNREFUSED]\n")},
			want:  []string{`spec/os/linux.yaml:62:15: scenario "unix-backlog-full" expects peer_busy on linux, but spec/os/linux.yaml maps ECONNREFUSED to refused; fix the mapping, or declare a divergence in spec/scenarios.yaml:15:5`},
		},
		{
			name:  "single connect answer the file does not map",
			edits: []edit{replace("os/linux.yaml", "    connect: [ECONNREFUSED]\n", "    connect: [ETIMEDOUT]\n")},
			want:  []string{`spec/os/linux.yaml:54:15: linux answers ETIMEDOUT in scenario "tcp-refused", but spec/os/linux.yaml maps no such errno; add it to errnos`},
		},
		{
			name:  "first kind not unknown",
			edits: []edit{replace("kinds.yaml", "  - name: unknown\n    doc: The OS answered an errno the spec does not map.\n  - name: refused\n", "  - name: refused\n    doc: The OS answered an errno the spec does not map.\n  - name: unknown\n")},
			want:  []string{`spec/kinds.yaml:4:11: the first kind must be unknown: it is the zero Kind`},
		},
		{
			name:  "required kind missing",
			edits: []edit{replace("kinds.yaml", "  - name: canceled\n    doc: The caller's context was canceled.\n", "")},
			want:  []string{`spec/kinds.yaml:3:1: kind "canceled" is missing: package portable reports it itself`},
		},
		{
			name:  "kind defined twice",
			edits: []edit{replace("kinds.yaml", "  - name: canceled\n", "  - name: refused\n")},
			want: []string{
				`spec/kinds.yaml:3:1: kind "canceled" is missing: package portable reports it itself`,
				`spec/kinds.yaml:28:11: kind "refused" is already defined at spec/kinds.yaml:6:11`,
			},
		},
		{
			name:  "kind name not snake_case",
			edits: []edit{replace("kinds.yaml", "  - name: peer_busy\n", "  - name: peerBusy\n")},
			want: []string{
				`spec/kinds.yaml:30:11: kind name "peerBusy" must be snake_case (lower-case letters, digits and underscores)`,
				`spec/os/linux.yaml:12:11: unknown kind "peer_busy" (did you mean "peerBusy"?)`,
				`spec/scenarios.yaml:22:25: unknown kind "peer_busy" (did you mean "peerBusy"?)`,
			},
		},
		{
			name:  "when case restricted to another file's GOOS",
			edits: []edit{replace("os/posix.yaml", "      - goos: [illumos, solaris]\n", "      - goos: [illumos, linux]\n")},
			want:  []string{`spec/os/posix.yaml:21:25: goos "linux" is not one of this file's goos (aix, darwin, dragonfly, freebsd, hurd, illumos, ios, netbsd, openbsd, solaris)`},
		},
		{
			name:  "when case without a condition",
			edits: []edit{replace("os/posix.yaml", "      - goos: [illumos, solaris]\n        phase: connect\n        kind: connected\n", "      - kind: connected\n")},
			want:  []string{`spec/os/posix.yaml:21:9: a when case needs a condition: family, type, phase or goos`},
		},
		{
			name:  "errno name syntax in a rule",
			edits: []edit{replace("os/linux.yaml", "  - errno: EINVAL\n", "  - errno: Einval\n")},
			want:  []string{`spec/os/linux.yaml:23:12: "Einval" is not an errno name (E followed by capitals, as golang.org/x/sys/unix spells it)`},
		},
		{
			name:  "errno name syntax in a list",
			edits: []edit{replace("os/linux.yaml", "  errnos: [EINTR]\n", "  errnos: [EINTR, E_INTR]\n")},
			want:  []string{`spec/os/linux.yaml:42:19: "E_INTR" is not an errno name (E followed by capitals, as golang.org/x/sys/unix spells it)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			for _, e := range tt.edits {
				e(t, fsys)
			}
			checkProblems(t, fsys, tt.want)
		})
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
	if want := []string{"darwin", "freebsd", "linux", "posix"}; !slices.Equal(got, want) {
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
				replace("os/posix.yaml", "goos: [illumos, solaris]", "goos: [illumos]"),
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

func TestKindOf(t *testing.T) {
	s, err := spec.LoadFS(fixture(t), display)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		os, errno, family, typ, phase, goos string
		want                                string
	}{
		{"posix", "EINVAL", "inet", "stream", "connect", "illumos", spec.Connected},
		{"posix", "EINVAL", "inet", "stream", "connect", "solaris", spec.Connected},
		{"posix", "EINVAL", "inet", "stream", "connect", "openbsd", "invalid_address"},
		{"posix", "EINVAL", "inet", "stream", "so_error", "illumos", "invalid_address"},
		{"posix", "EINVAL", "inet", "stream", "connect", "", "invalid_address"}, // any GOOS: a goos case does not match
		{"posix", "ECONNREFUSED", "inet", "stream", "connect", "", "refused"},
		{"linux", "EAGAIN", "unix", "stream", "connect", "", "peer_busy"},
		{"linux", "ENOENT", "unix", "stream", "connect", "", "unknown"}, // not mapped
	}
	for _, tt := range tests {
		f := s.OS(tt.os)
		if got := f.KindOf(tt.errno, tt.family, tt.typ, tt.phase, tt.goos); got != tt.want {
			t.Errorf("%s KindOf(%s, family %q, type %q, phase %q, goos %q) = %s, want %s", tt.os, tt.errno, tt.family, tt.typ, tt.phase, tt.goos, got, tt.want)
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
