// Package specdiff compares two versions of the connspec spec and reports
// what changed in meaning, for reviewing a pull request: the errno an OS
// maps to another kind, the scenario whose outcome moved, the kind whose
// generated constant changes value. A text diff shows which lines moved;
// Diff says what that does to programs built on package portable.
//
// go run ./gen diff runs it on git revisions; see gen/diff.go.
//
// Every Finding has a rule ID, fixed per rule with its severity, and the old
// and new place (file:line) of what it is about. Prose is compared word by
// word, so re-wrapping a paragraph is not a change.
//
// # Breaking
//
// Programs see something different on some OS, or a generated constant or
// table changes. gen diff exits 1 unless -allow-breaking.
//
//   - ERRNO-KIND-CHANGED: an errno maps to another kind, or one of its
//     conditional (when) cases was added, removed, given another kind or
//     other conditions, or moved (the first case that matches wins).
//   - ERRNO-REMOVED: an OS file no longer maps an errno; portable reports it
//     as unknown.
//   - DISSOLVE-CHANGED: the dissolve method, its namelen, its success
//     errnos or its confirmation changed: Disconnect calls the kernel
//     differently or reads its answer differently.
//   - SOCKADDR-CHANGED: sa_len, sun_path or abstract_unix changed: the
//     generated tables, and the AF_UNIX names portable accepts, change.
//   - COMPLETION-CHANGED: an interrupt or completion errno list
//     (interrupt errnos, second_connect; completion pending,
//     so_error_pending, connected, after_completion), interrupt continues,
//     or completion confirm_with changed.
//   - GOOS-CHANGED: an OS file covers other GOOS values, so some GOOS gets
//     another file's tables.
//   - SCENARIO-OUTCOME-CHANGED: what a scenario step expects changed on
//     some OS (its expect or except), or an OS's answers in a scenario
//     changed so that they normalize to other kinds (each side's answers
//     read through its own errno rules).
//   - SCENARIO-CHANGED: a scenario does something else: its socket,
//     pre_kernel, number of steps, or a step's call, nonblocking or
//     context changed.
//   - SCENARIO-REMOVED: a scenario is gone, with the promise it made.
//   - KIND-REMOVED: a kind is gone, and with it a constant and a sentinel
//     error of package portable.
//   - KIND-REORDERED: kinds kept by both specs have other indexes, so the
//     generated constants change value (one finding lists them all);
//     adding a kind anywhere but at the end, or removing one, does this.
//   - KIND-FLAGS-CHANGED: a kind's retry or timeout flag changed, so
//     Kind.Retryable or Error.Timeout answers differently.
//   - OS-REMOVED: an OS file is gone; its GOOS values fall back to another
//     file.
//
// # Additive
//
// The spec says more without changing what it said.
//
//   - ERRNO-ADDED: an OS file maps an errno it did not (portable reported
//     it as unknown before).
//   - SCENARIO-ADDED: a new scenario.
//   - KIND-ADDED: a new kind (at the end, or KIND-REORDERED says so too).
//   - OS-ADDED: a new OS file.
//
// # Info
//
// The evidence or the prose changed; behaviour did not.
//
//   - SCENARIO-ANSWERS-CHANGED: an OS's answers in a scenario changed but
//     normalize to the same kinds (EAGAIN written as EWOULDBLOCK, one
//     pending errno for another).
//   - SOCKADDR-DETAIL-CHANGED: the inet or inet6 namelen rule, max_namelen
//     or sun_path_terminated_by_kernel changed; they document the kernel
//     and are not in the generated tables.
//   - DISSOLVE-STREAM-CHANGED: what the kernel does to a stream socket
//     given the dissolve address changed; portable refuses stream sockets
//     itself, so only an error message's wording changes.
//   - DOC-CHANGED: a doc, meaning, divergence, not_applicable or
//     not_provoked text, the documented flag, or a history entry changed.
//   - SOURCES-CHANGED: sources were added or removed, or an unverified note
//     changed.
package specdiff
