package specdifftest

// Case is one change to the spec and the findings it must give.
type Case struct {
	// Name names the case in test output.
	Name string
	// Old are the edits that make the old spec from the repository's: for
	// removals, the old spec has something the repository's lacks.
	Old []Edit
	// New are the edits that make the new spec from the repository's.
	New []Edit
	// Want are the findings, in order, as specdiff.Finding.String formats
	// them, with places written as Expand reads them.
	Want []string
}

// hurd makes os/hurd.yaml from the POSIX baseline and leaves the baseline
// a reference for no GOOS.
var hurd = []Edit{
	{File: "os/hurd.yaml", CopyFrom: "os/posix.yaml"},
	{File: "os/hurd.yaml", Old: "os: posix", New: "os: hurd"},
	{File: "os/posix.yaml", Old: "goos: [hurd]", New: "goos: []"},
}

// quotaKind appends a kind to kinds.yaml.
var quotaKind = Edit{File: "kinds.yaml", Append: "  - name: quota_exceeded\n    doc: A disk quota ran out.\n"}

// nulScenario appends a scenario portable settles before the kernel, so no
// OS file answers it.
var nulScenario = Edit{File: "scenarios.yaml", Append: "  - name: unix-nul-name\n" +
	"    doc: An AF_UNIX connect to a name of one NUL byte.\n" +
	"    socket: unix-stream\n" +
	"    pre_kernel: true\n" +
	"    steps:\n" +
	"      - {call: connect, expect: invalid_address}\n"}

// dropAnswers removes the answers of scenario from every OS file.
func dropAnswers(scenario string) []Edit {
	return []Edit{{EveryOS: true, After: "\nscenarios:", Old: "\n  " + scenario + ":\n", Drop: true}}
}

// Cases covers every rule of package specdiff.
var Cases = []Case{
	{
		Name: "errno kind",
		New:  []Edit{{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: addr_not_available", New: "kind: resource_exhausted"}},
		Want: []string{
			"breaking ERRNO-KIND-CHANGED {old os/linux.yaml|errno: EAGAIN|kind:} -> {new os/linux.yaml|errno: EAGAIN|kind:}: linux EAGAIN: kind addr_not_available -> resource_exhausted",
		},
	},
	{
		Name: "errno cases",
		New: []Edit{
			// A case's kind changes.
			{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "kind: peer_busy", New: "kind: refused"},
			// A case is added.
			{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "    when:\n", New: "    when:\n" +
				"      - type: dgram\n" +
				"        kind: resource_exhausted\n" +
				"        meaning: no free port for an automatic bind\n" +
				"        sources: [\"kernel: torvalds/linux net/ipv4/af_inet.c inet_autobind\"]\n"},
			// A case is removed, another's conditions change.
			{File: "os/darwin.yaml", After: "errno: ENOTSOCK", Old: "- type: none", Drop: true},
			{File: "os/darwin.yaml", After: "errno: ENOTSOCK", Old: "- family: unix\n", New: "- family: unix\n        type: stream\n"},
			// Cases change places.
			{File: "os/freebsd.yaml", After: "errno: ENOTSOCK", Old: "- type: none", Drop: true},
			{File: "os/freebsd.yaml", After: "errno: ENOTSOCK", Old: "uipc_usrreq.c unp_connectat\"]\n", New: "uipc_usrreq.c unp_connectat\"]\n" +
				"      - type: none\n" +
				"        kind: not_socket\n" +
				"        meaning: the descriptor is a file, not a socket\n" +
				"        sources: [\"kernel: freebsd/freebsd-src sys/kern/uipc_syscalls.c getsock\"]\n"},
		},
		Want: []string{
			"breaking ERRNO-KIND-CHANGED {old os/darwin.yaml|errno: ENOTSOCK|- type: none} -> {new os/darwin.yaml|errno: ENOTSOCK}: darwin ENOTSOCK when type none: case removed (was kind not_socket)",
			"breaking ERRNO-KIND-CHANGED {old os/darwin.yaml|errno: ENOTSOCK|- family: unix} -> {new os/darwin.yaml|errno: ENOTSOCK|- family: unix}: darwin ENOTSOCK case of kind refused: conditions family unix -> family unix, type stream",
			"breaking ERRNO-KIND-CHANGED {old os/freebsd.yaml|errno: ENOTSOCK|- type: none} -> {new os/freebsd.yaml|errno: ENOTSOCK|- family: unix}: freebsd ENOTSOCK: cases reordered (the first that matches wins): type none; family unix -> family unix; type none",
			"breaking ERRNO-KIND-CHANGED {old os/linux.yaml|errno: EAGAIN} -> {new os/linux.yaml|errno: EAGAIN|- type: dgram}: linux EAGAIN when type dgram: case added (kind resource_exhausted)",
			"breaking ERRNO-KIND-CHANGED {old os/linux.yaml|errno: EAGAIN|kind: peer_busy} -> {new os/linux.yaml|errno: EAGAIN|kind: refused}: linux EAGAIN when family unix: kind peer_busy -> refused",
		},
	},
	{
		Name: "errno removed",
		New:  []Edit{{File: "os/linux.yaml", Old: "- errno: ENOSR", Drop: true}},
		Want: []string{
			"breaking ERRNO-REMOVED {old os/linux.yaml|- errno: ENOSR} -> -: linux ENOSR removed (was kind resource_exhausted)",
		},
	},
	{
		Name: "errno added",
		New: []Edit{{File: "os/linux.yaml", Old: "errnos:\n", New: "errnos:\n" +
			"  - errno: EPROTONOSUPPORT\n" +
			"    kind: unsupported\n" +
			"    meaning: the protocol is not supported\n" +
			"    sources: [\"kernel: torvalds/linux net/socket.c __sys_connect\"]\n"}},
		Want: []string{
			"additive ERRNO-ADDED - -> {new os/linux.yaml|errno: EPROTONOSUPPORT}: linux EPROTONOSUPPORT added (kind unsupported)",
		},
	},
	{
		Name: "dissolve",
		New: []Edit{
			{File: "os/freebsd.yaml", After: "\ndissolve:", Old: "namelen: 2", New: "namelen: 16"},
			{File: "os/freebsd.yaml", After: "\ndissolve:", Old: "success_errnos: [EAFNOSUPPORT, EINVAL]", New: "success_errnos: [EAFNOSUPPORT]"},
			{File: "os/freebsd.yaml", After: "\ndissolve:", Old: "confirm: none", New: "confirm: getpeername"},
			{File: "os/freebsd.yaml", After: "\ndissolve:", Old: "stream: EISCONN", New: "stream: disconnects"},
			{File: "os/linux.yaml", After: "\ndissolve:", Old: "method: af_unspec", New: `method: "null"`},
			{File: "os/linux.yaml", After: "\ndissolve:", Old: "  namelen: 16\n", New: ""},
		},
		Want: []string{
			"breaking DISSOLVE-CHANGED {old os/freebsd.yaml|\ndissolve:|method:} -> {new os/freebsd.yaml|\ndissolve:|method:}: freebsd dissolve: namelen 2 -> 16",
			"breaking DISSOLVE-CHANGED {old os/freebsd.yaml|\ndissolve:|method:} -> {new os/freebsd.yaml|\ndissolve:|method:}: freebsd dissolve: success_errnos [EAFNOSUPPORT EINVAL] -> [EAFNOSUPPORT]",
			"breaking DISSOLVE-CHANGED {old os/freebsd.yaml|\ndissolve:|confirm:} -> {new os/freebsd.yaml|\ndissolve:|confirm:}: freebsd dissolve: confirm none -> getpeername",
			"breaking DISSOLVE-CHANGED {old os/linux.yaml|\ndissolve:|method:} -> {new os/linux.yaml|\ndissolve:|method:}: linux dissolve: method af_unspec -> null",
			"breaking DISSOLVE-CHANGED {old os/linux.yaml|\ndissolve:|method:} -> {new os/linux.yaml|\ndissolve:|method:}: linux dissolve: namelen 16 -> 0",
			"info DISSOLVE-STREAM-CHANGED {old os/freebsd.yaml|\ndissolve:|stream:} -> {new os/freebsd.yaml|\ndissolve:|stream:}: freebsd dissolve: stream EISCONN -> disconnects",
		},
	},
	{
		Name: "sockaddr",
		New: []Edit{
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "sa_len: absent", New: "sa_len: overwritten"},
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "sun_path: 108", New: "sun_path: 104"},
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "abstract_unix: true", New: "abstract_unix: false"},
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "inet6: {rule: at_least, bytes: 24", New: "inet6: {rule: at_least, bytes: 28"},
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "max_namelen: 128", New: "max_namelen: 255"},
			{File: "os/linux.yaml", After: "\nsockaddr:", Old: "sun_path_terminated_by_kernel: true", New: "sun_path_terminated_by_kernel: false"},
		},
		Want: []string{
			"breaking SOCKADDR-CHANGED {old os/linux.yaml|\nsockaddr:|sa_len:} -> {new os/linux.yaml|\nsockaddr:|sa_len:}: linux sockaddr: abstract_unix true -> false",
			"breaking SOCKADDR-CHANGED {old os/linux.yaml|\nsockaddr:|sa_len:} -> {new os/linux.yaml|\nsockaddr:|sa_len:}: linux sockaddr: sa_len absent -> overwritten",
			"breaking SOCKADDR-CHANGED {old os/linux.yaml|\nsockaddr:|sa_len:} -> {new os/linux.yaml|\nsockaddr:|sa_len:}: linux sockaddr: sun_path 108 -> 104",
			"info SOCKADDR-DETAIL-CHANGED {old os/linux.yaml|\nsockaddr:|sa_len:} -> {new os/linux.yaml|\nsockaddr:|sa_len:}: linux sockaddr: max_namelen 128 -> 255",
			"info SOCKADDR-DETAIL-CHANGED {old os/linux.yaml|\nsockaddr:|sa_len:} -> {new os/linux.yaml|\nsockaddr:|sa_len:}: linux sockaddr: sun_path_terminated_by_kernel true -> false",
			"info SOCKADDR-DETAIL-CHANGED {old os/linux.yaml|\nsockaddr:|inet6:} -> {new os/linux.yaml|\nsockaddr:|inet6:}: linux sockaddr: inet6 at_least 24 (else EINVAL) -> at_least 28 (else EINVAL)",
		},
	},
	{
		Name: "interrupt and completion",
		New: []Edit{
			{File: "os/linux.yaml", After: "\ninterrupt:", Old: "errnos: [EINTR]", New: "errnos: [EINTR, ERESTART]"},
			{File: "os/linux.yaml", After: "\ninterrupt:", Old: "continues: true", New: "continues: false"},
			{File: "os/linux.yaml", After: "\ninterrupt:", Old: "second_connect: [EALREADY]", New: "second_connect: [EALREADY, EINPROGRESS]"},
			// A set in another order is the same set.
			{File: "os/linux.yaml", After: "\ncompletion:", Old: "pending: [EINPROGRESS, EALREADY]", New: "pending: [EALREADY, EINPROGRESS]"},
			// Successive answers in another order are other answers.
			{File: "os/linux.yaml", After: "\ncompletion:", Old: "after_completion: [ok, EISCONN]", New: "after_completion: [EISCONN, ok]"},
		},
		Want: []string{
			"breaking COMPLETION-CHANGED {old os/linux.yaml|\ninterrupt:|errnos:} -> {new os/linux.yaml|\ninterrupt:|errnos:}: linux interrupt continues: true -> false",
			"breaking COMPLETION-CHANGED {old os/linux.yaml|\ninterrupt:|errnos:} -> {new os/linux.yaml|\ninterrupt:|errnos:}: linux interrupt errnos: [EINTR] -> [EINTR ERESTART]",
			"breaking COMPLETION-CHANGED {old os/linux.yaml|\ninterrupt:|second_connect:} -> {new os/linux.yaml|\ninterrupt:|second_connect:}: linux interrupt second_connect: [EALREADY] -> [EALREADY EINPROGRESS]",
			"breaking COMPLETION-CHANGED {old os/linux.yaml|\ncompletion:|after_completion:} -> {new os/linux.yaml|\ncompletion:|after_completion:}: linux completion after_completion: [ok EISCONN] -> [EISCONN ok]",
		},
	},
	{
		Name: "goos",
		New: []Edit{
			{File: "os/freebsd.yaml", Old: "goos: [freebsd]", New: "goos: [freebsd, hurd]"},
			{File: "os/posix.yaml", Old: "goos: [hurd]", New: "goos: []"},
		},
		Want: []string{
			"breaking GOOS-CHANGED {old os/freebsd.yaml|\nos: freebsd} -> {new os/freebsd.yaml|\nos: freebsd}: freebsd goos: [freebsd] -> [freebsd hurd]",
			"breaking GOOS-CHANGED {old os/posix.yaml|\nos: posix} -> {new os/posix.yaml|\nos: posix}: posix goos: [hurd] -> []",
		},
	},
	{
		Name: "os added",
		New:  hurd,
		Want: []string{
			"breaking GOOS-CHANGED {old os/posix.yaml|\nos: posix} -> {new os/posix.yaml|\nos: posix}: posix goos: [hurd] -> []",
			"additive OS-ADDED - -> {new os/hurd.yaml|\nos: hurd}: OS file hurd added (goos hurd)",
		},
	},
	{
		Name: "os removed",
		Old:  hurd,
		Want: []string{
			"breaking OS-REMOVED {old os/hurd.yaml|\nos: hurd} -> -: OS file hurd removed (goos hurd)",
			"breaking GOOS-CHANGED {old os/posix.yaml|\nos: posix} -> {new os/posix.yaml|\nos: posix}: posix goos: [] -> [hurd]",
		},
	},
	{
		Name: "scenario added",
		New:  []Edit{nulScenario},
		Want: []string{
			"additive SCENARIO-ADDED - -> {new scenarios.yaml|name: unix-nul-name}: scenario unix-nul-name added",
		},
	},
	{
		Name: "scenario removed",
		Old:  []Edit{nulScenario},
		// A scenario the kernels answer goes with its answers, which are
		// not reported on their own.
		New: append([]Edit{{File: "scenarios.yaml", Old: "- name: tcp6-connected", Drop: true}}, dropAnswers("tcp6-connected")...),
		Want: []string{
			"breaking SCENARIO-REMOVED {old scenarios.yaml|name: tcp6-connected} -> -: scenario tcp6-connected removed",
			"breaking SCENARIO-REMOVED {old scenarios.yaml|name: unix-nul-name} -> -: scenario unix-nul-name removed",
		},
	},
	{
		Name: "scenario changed",
		New: append([]Edit{
			{File: "scenarios.yaml", After: "name: tcp-refused\n", Old: "socket: tcp4", New: "socket: tcp6"},
			{File: "scenarios.yaml", After: "name: tcp-deadline", Old: "context: deadline", New: "context: canceled"},
			{File: "scenarios.yaml", After: "name: tcp-in-progress", Old: "{call: connect, nonblocking: true,", New: "{call: connect,"},
			{File: "scenarios.yaml", After: "name: tcp-pending-again", Old: "      - {call: finish, expect: ok}\n", New: ""},
			{File: "scenarios.yaml", After: "name: udp-reconnect", Old: "{call: connect, expect: ok}\n      - {call: connect,", New: "{call: connect, expect: ok}\n      - {call: connect_context,"},
			{File: "scenarios.yaml", After: "name: bad-fd", Old: "    socket: none\n", New: "    socket: none\n    pre_kernel: true\n"},
		}, dropAnswers("bad-fd")...),
		Want: []string{
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: tcp-refused\n|socket:} -> {new scenarios.yaml|name: tcp-refused\n|socket:}: scenario tcp-refused: socket tcp4 -> tcp6",
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: tcp-deadline|{call:} -> {new scenarios.yaml|name: tcp-deadline|{call:}: scenario tcp-deadline step 1 (connect_context): context deadline -> canceled",
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: tcp-in-progress|{call:} -> {new scenarios.yaml|name: tcp-in-progress|{call:}: scenario tcp-in-progress step 1 (connect): nonblocking true -> false",
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: tcp-pending-again} -> {new scenarios.yaml|name: tcp-pending-again}: scenario tcp-pending-again: 3 step(s) -> 2",
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: udp-reconnect|{call:|{call:} -> {new scenarios.yaml|name: udp-reconnect|{call:|{call:}: scenario udp-reconnect step 2 (connect_context): call connect -> connect_context",
			"breaking SCENARIO-CHANGED {old scenarios.yaml|name: bad-fd} -> {new scenarios.yaml|name: bad-fd}: scenario bad-fd: pre_kernel false -> true",
		},
	},
	{
		Name: "scenario outcome",
		New: []Edit{
			// One OS's exception.
			{File: "scenarios.yaml", After: "name: connect-after-completion", Old: "except: {linux: ok}", New: "except: {linux: in_progress}"},
			// The outcome on every OS.
			{File: "scenarios.yaml", After: "name: finish-spurious-wakeup", Old: "{call: finish, expect: in_progress}", New: "{call: finish, expect: ok}"},
			// The outcome on every OS but the excepted ones.
			{File: "scenarios.yaml", After: "name: unix-backlog-full-context", Old: "expect: peer_busy", New: "expect: resource_exhausted"},
			// An answer that normalizes to another kind.
			{File: "os/linux.yaml", After: "\n  tcp-refused-nonblocking:", Old: "so_error: [ECONNREFUSED]", New: "so_error: [ECONNRESET]"},
			// An answer where there was none.
			{File: "os/posix.yaml", After: "\n  tcp-blackhole:", Old: "    not_applicable: POSIX has no blackhole routes, and the Hurd was not traced\n",
				New: "    connect: [ENETUNREACH]\n    sources: [\"posix: POSIX.1-2008 connect(), ERRORS\"]\n"},
		},
		Want: []string{
			"breaking SCENARIO-OUTCOME-CHANGED {old os/linux.yaml|\nscenarios:|tcp-refused-nonblocking:} -> {new os/linux.yaml|\nscenarios:|tcp-refused-nonblocking:}: linux scenario tcp-refused-nonblocking: answers connect [EINPROGRESS] so_error [ECONNREFUSED] -> connect [EINPROGRESS] so_error [ECONNRESET]; kinds connect [in_progress] so_error [refused] -> connect [in_progress] so_error [reset]",
			"breaking SCENARIO-OUTCOME-CHANGED {old os/posix.yaml|\nscenarios:|tcp-blackhole:} -> {new os/posix.yaml|\nscenarios:|tcp-blackhole:}: posix scenario tcp-blackhole: answers not applicable -> connect [ENETUNREACH]; kinds not applicable -> connect [network_unreachable]",
			"breaking SCENARIO-OUTCOME-CHANGED {old scenarios.yaml|name: connect-after-completion|except:} -> {new scenarios.yaml|name: connect-after-completion|except:}: scenario connect-after-completion step 3 (connect) on linux: expect ok -> in_progress",
			"breaking SCENARIO-OUTCOME-CHANGED {old scenarios.yaml|name: finish-spurious-wakeup|call: finish} -> {new scenarios.yaml|name: finish-spurious-wakeup|call: finish}: scenario finish-spurious-wakeup step 2 (finish): expect in_progress -> ok",
			"breaking SCENARIO-OUTCOME-CHANGED {old scenarios.yaml|name: unix-backlog-full-context|expect:} -> {new scenarios.yaml|name: unix-backlog-full-context|expect:}: scenario unix-backlog-full-context step 1 (connect_context) on linux, posix, windows: expect peer_busy -> resource_exhausted",
			"info DOC-CHANGED {old os/posix.yaml|\nscenarios:|tcp-blackhole:} -> {new os/posix.yaml|\nscenarios:|tcp-blackhole:}: posix scenario tcp-blackhole not_applicable removed (was \"POSIX has no blackhole routes, and the Hurd was not traced\")",
			"info SOURCES-CHANGED {old os/posix.yaml|\nscenarios:|tcp-blackhole:} -> {new os/posix.yaml|\nscenarios:|tcp-blackhole:}: posix scenario tcp-blackhole sources: added \"posix: POSIX.1-2008 connect(), ERRORS\"",
		},
	},
	{
		Name: "scenario answers",
		New:  []Edit{{File: "os/linux.yaml", After: "\n  tcp-pending-again:", Old: "connect: [EINPROGRESS, EALREADY]", New: "connect: [EINPROGRESS, EINPROGRESS]"}},
		Want: []string{
			"info SCENARIO-ANSWERS-CHANGED {old os/linux.yaml|\nscenarios:|tcp-pending-again:} -> {new os/linux.yaml|\nscenarios:|tcp-pending-again:}: linux scenario tcp-pending-again: answers connect [EINPROGRESS EALREADY] so_error [ok] getpeername [ok] -> connect [EINPROGRESS EINPROGRESS] so_error [ok] getpeername [ok]; kinds unchanged (connect [in_progress in_progress] so_error [ok] getpeername [ok])",
		},
	},
	{
		Name: "kind added",
		New:  []Edit{quotaKind},
		Want: []string{
			"additive KIND-ADDED - -> {new kinds.yaml|name: quota_exceeded}: kind quota_exceeded added (constant value {count old kinds.yaml|  - name:})",
		},
	},
	{
		Name: "kind removed",
		Old:  []Edit{quotaKind},
		Want: []string{
			"breaking KIND-REMOVED {old kinds.yaml|name: quota_exceeded} -> -: kind quota_exceeded removed (was constant value {count new kinds.yaml|  - name:})",
		},
	},
	{
		Name: "kind reordered",
		New: []Edit{
			{File: "kinds.yaml", Old: "- name: aborted", Drop: true},
			{File: "kinds.yaml", Old: "  - name: reset\n", New: "  - name: aborted\n" +
				"    doc: The connection attempt was aborted on this host before it completed.\n" +
				"    retry: true\n" +
				"  - name: reset\n"},
		},
		Want: []string{
			"breaking KIND-REORDERED {old kinds.yaml|name: aborted} -> {new kinds.yaml|name: aborted}: kind constants change value: aborted 3 -> 2, reset 2 -> 3",
		},
	},
	{
		Name: "kind flags",
		New: []Edit{
			{File: "kinds.yaml", After: "name: refused", Old: "    retry: true\n", New: ""},
			{File: "kinds.yaml", After: "name: timed_out", Old: "    timeout: true\n", New: ""},
		},
		Want: []string{
			"breaking KIND-FLAGS-CHANGED {old kinds.yaml|name: refused} -> {new kinds.yaml|name: refused}: kind refused: retry true -> false",
			"breaking KIND-FLAGS-CHANGED {old kinds.yaml|name: timed_out} -> {new kinds.yaml|name: timed_out}: kind timed_out: timeout true -> false",
		},
	},
	{
		Name: "docs",
		New: []Edit{
			{File: "kinds.yaml", After: "name: reset", Old: "while it was being set up", New: "while it was still being set up"},
			{File: "scenarios.yaml", After: "name: tcp-refused\n", Old: "doc: A blocking TCP connect", New: "doc: A TCP connect"},
			{File: "scenarios.yaml", After: "name: tcp-connect-any", Old: "Linux and macOS treat 0.0.0.0", New: "Linux and macOS take 0.0.0.0"},
			{File: "os/freebsd.yaml", Old: "FreeBSD 13.1 to 15.0;", New: "FreeBSD 13.1 to 15.1;"},
			{File: "os/linux.yaml", After: "errno: EBADF", Old: "meaning: the descriptor is not open", New: "meaning: the descriptor is closed"},
			{File: "os/linux.yaml", After: "errno: EAGAIN", Old: "meaning: the AF_UNIX listener's backlog is full", New: "meaning: the AF_UNIX listener's queue is full"},
			{File: "os/linux.yaml", After: "errno: EINVAL", Old: "    kind: invalid_address\n", New: "    kind: invalid_address\n    documented: true\n"},
			{File: "os/linux.yaml", After: "\n  tcp-timeout:", Old: "    sources:", New: "    not_provoked: the kernel retries for minutes first\n    sources:"},
			{File: "os/posix.yaml", After: "\n  tcp-prohibited:", Old: "the Hurd was not traced", New: "the Hurd was not read"},
			{File: "os/darwin.yaml", Old: "- since: macOS 12 (xnu-8019)", Drop: true},
			{File: "os/freebsd.yaml", After: "\nhistory:", Old: "\n", New: "\n  - since: FreeBSD 9.0\n    what: connect answers EISCONN for a connected stream socket given AF_UNSPEC\n    sources: [\"man: FreeBSD 13.1 connect(2), ERRORS\"]\n"},
			{File: "os/linux.yaml", After: "since: Linux 2.2", Old: "dissolves an association", New: "dissolves a datagram association"},
		},
		Want: []string{
			"info DOC-CHANGED {old kinds.yaml|name: reset} -> {new kinds.yaml|name: reset}: kind reset doc: \"…while it was being set up.\" -> \"…while it was still being set up.\"",
			"info DOC-CHANGED {old os/darwin.yaml|since: macOS 12 (xnu-8019)} -> -: darwin history \"macOS 12 (xnu-8019)\" removed",
			"info DOC-CHANGED {old os/freebsd.yaml|\nos: freebsd} -> {new os/freebsd.yaml|\nos: freebsd}: freebsd doc: \"FreeBSD 13.1 to 15.0; behaviour that changed…\" -> \"FreeBSD 13.1 to 15.1; behaviour that changed…\"",
			"info DOC-CHANGED - -> {new os/freebsd.yaml|\nhistory:|since:}: freebsd history \"FreeBSD 9.0\" added: \"connect answers EISCONN for a connected stream socket given AF_UNSPEC\"",
			"info DOC-CHANGED {old os/linux.yaml|errno: EAGAIN|- family: unix} -> {new os/linux.yaml|errno: EAGAIN|- family: unix}: linux EAGAIN when family unix meaning: \"the AF_UNIX listener's backlog is full and…\" -> \"the AF_UNIX listener's queue is full and…\"",
			"info DOC-CHANGED {old os/linux.yaml|errno: EBADF} -> {new os/linux.yaml|errno: EBADF}: linux EBADF meaning: \"the descriptor is not open (or was opened…\" -> \"the descriptor is closed (or was opened…\"",
			"info DOC-CHANGED {old os/linux.yaml|errno: EINVAL} -> {new os/linux.yaml|errno: EINVAL}: linux EINVAL: documented false -> true",
			"info DOC-CHANGED {old os/linux.yaml|since: Linux 2.2} -> {new os/linux.yaml|since: Linux 2.2}: linux history \"Linux 2.2\": \"…with AF_UNSPEC dissolves an association; the Linux…\" -> \"…with AF_UNSPEC dissolves a datagram association; the Linux…\"",
			"info DOC-CHANGED {old os/linux.yaml|\nscenarios:|tcp-timeout:} -> {new os/linux.yaml|\nscenarios:|tcp-timeout:}: linux scenario tcp-timeout not_provoked added: \"the kernel retries for minutes first\"",
			"info DOC-CHANGED {old os/posix.yaml|\nscenarios:|tcp-prohibited:} -> {new os/posix.yaml|\nscenarios:|tcp-prohibited:}: posix scenario tcp-prohibited not_applicable: \"…Hurd was not traced\" -> \"…Hurd was not read\"",
			"info DOC-CHANGED {old scenarios.yaml|name: tcp-refused\n} -> {new scenarios.yaml|name: tcp-refused\n}: scenario tcp-refused doc: \"A blocking TCP connect to…\" -> \"A TCP connect to…\"",
			"info DOC-CHANGED {old scenarios.yaml|name: tcp-connect-any} -> {new scenarios.yaml|name: tcp-connect-any}: scenario tcp-connect-any divergence: \"Linux and macOS treat 0.0.0.0 as a…\" -> \"Linux and macOS take 0.0.0.0 as a…\"",
		},
	},
	{
		Name: "sources",
		New: []Edit{
			{File: "os/linux.yaml", After: "errno: EBADF", Old: "      - \"kernel: torvalds/linux net/socket.c __sys_connect\"\n", New: "      - \"kernel: torvalds/linux net/socket.c fdget\"\n"},
			{File: "os/linux.yaml", After: "errno: EADDRINUSE", Old: "no TCP, UDP or AF_UNIX connect path of 6.12", New: "no TCP, UDP or AF_UNIX connect path of 6.15"},
			{File: "os/linux.yaml", After: "\ninterrupt:", Old: "    - \"kernel: torvalds/linux include/net/sock.h sock_intr_errno\"\n", New: ""},
			{File: "os/freebsd.yaml", After: "\ncompletion:", Old: "  sources:", New: "  unverified: SO_ERROR was not read on a FreeBSD kernel\n  sources:"},
		},
		Want: []string{
			"info SOURCES-CHANGED {old os/freebsd.yaml|\ncompletion:|pending:} -> {new os/freebsd.yaml|\ncompletion:|pending:}: freebsd completion unverified note added: \"SO_ERROR was not read on a FreeBSD kernel\"",
			"info SOURCES-CHANGED {old os/linux.yaml|errno: EADDRINUSE} -> {new os/linux.yaml|errno: EADDRINUSE}: linux EADDRINUSE unverified note: \"…connect path of 6.12 returns it (tcp_v4_connect,…\" -> \"…connect path of 6.15 returns it (tcp_v4_connect,…\"",
			"info SOURCES-CHANGED {old os/linux.yaml|errno: EBADF} -> {new os/linux.yaml|errno: EBADF}: linux EBADF sources: added \"kernel: torvalds/linux net/socket.c fdget\"; removed \"kernel: torvalds/linux net/socket.c __sys_connect\"",
			"info SOURCES-CHANGED {old os/linux.yaml|\ninterrupt:|errnos:} -> {new os/linux.yaml|\ninterrupt:|errnos:}: linux interrupt sources: removed \"kernel: torvalds/linux include/net/sock.h sock_intr_errno\"",
		},
	},
	{
		Name: "no semantic change",
		New: []Edit{
			// Re-wrapped prose.
			{File: "os/freebsd.yaml", Old: "FreeBSD 13.1 to 15.0; behaviour that changed is under history. Nothing\n  here", New: "FreeBSD 13.1 to 15.0;\n  behaviour that changed is under history. Nothing here"},
			// Sets in another order.
			{File: "os/freebsd.yaml", Old: "success_errnos: [EAFNOSUPPORT, EINVAL]", New: "success_errnos: [EINVAL, EAFNOSUPPORT]"},
			{File: "os/freebsd.yaml", Old: "goos: [freebsd]", New: "goos: [\"freebsd\"]"},
			// Errno rules in another order.
			{File: "os/linux.yaml", Old: "- errno: ENOSR", Drop: true},
			{File: "os/linux.yaml", Old: "errnos:\n", New: "errnos:\n" +
				"  - errno: ENOSR\n" +
				"    kind: resource_exhausted\n" +
				"    meaning: out of STREAMS resources (an SVr4 error the 1998 page lists; not a Linux connect answer)\n" +
				"    sources:\n" +
				"      - \"man: Linux 2.2 connect(2) (1998-10-03), CONFORMING TO\"\n" +
				"    unverified: no Linux connect path returns it\n"},
			// Sources in another order.
			{File: "os/linux.yaml", After: "errno: EPERM", Old: "      - \"man: Linux man-pages 6.x connect(2), ERRORS\"\n", New: ""},
			{File: "os/linux.yaml", After: "errno: EPERM", Old: "bpf_prog_run_array_cg\"\n", New: "bpf_prog_run_array_cg\"\n      - \"man: Linux man-pages 6.x connect(2), ERRORS\"\n"},
		},
		Want: nil,
	},
}
