package spec_test

// The broken specs TestLoadReportsProblems loads, by theme. Each patches
// testdata/valid and lists every problem the load must report, in order.

// problemCase is one broken spec.
type problemCase struct {
	name  string
	edits []edit
	want  []string
}

const noSource = "has no source: cite a man page, a kernel function, a Go issue or a conformance run ([conformance go kernel man posix])"

// decodingProblems break a file's shape: each is reported at the node that causes it.
var decodingProblems = []problemCase{
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
}

// referenceProblems are names one file uses that another must define.
var referenceProblems = []problemCase{
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
		want:  []string{`spec/scenarios.yaml:17:13: scenarios[2].socket: "unix-steam" is not one of tcp4, tcp6, udp4, udp6, unix-stream, unix-dgram, unix-seqpacket, none (did you mean "unix-stream"?)`},
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
}

// goosProblems leave a GOOS without exactly one file.
var goosProblems = []problemCase{
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
		want:  []string{`spec/os/linux.yaml:3:15: goos[1]: "andriod" is not one of aix, android, darwin, dragonfly, freebsd, hurd, illumos, ios, linux, netbsd, openbsd, solaris, windows (did you mean "android"?)`},
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
}

// answerProblems are scenario answers that do not fit the scenario or the OS file.
var answerProblems = []problemCase{
	{
		// A scenario decided before the kernel may record what the kernel
		// would answer, sourced like any answer.
		name:  "pre_kernel answer without sources",
		edits: []edit{appendTo("os/linux.yaml", "  nil-address:\n    connect: [EINVAL]\n")},
		want:  []string{`spec/os/linux.yaml:64:3: scenario nil-address ` + noSource},
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
}

// kindProblems break spec/kinds.yaml.
var kindProblems = []problemCase{
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
}

// ruleProblems are errno rules the validator refuses.
var ruleProblems = []problemCase{
	{
		name:  "when case without a condition",
		edits: []edit{replace("os/posix.yaml", "      - type: stream\n        phase: connect\n        kind: connected\n", "      - kind: connected\n")},
		want:  []string{`spec/os/posix.yaml:21:9: a when case needs a condition: family, type, phase, destination or state`},
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
