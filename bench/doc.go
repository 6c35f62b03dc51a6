// Package bench measures package portable against what a program would
// write without it: raw golang.org/x/sys/unix calls, net.Dialer, and
// github.com/mdlayher/socket.
//
// The benchmarks come in pairs named Benchmark<Group>/<variant>: the
// variant "portable" is ours, every other variant is a baseline doing the
// same work (same socket, same peer, same close), so that one
// go test -bench run measures both under the same conditions. The command
// in ./ratios reads that output, takes the median of -count runs and
// checks each ratio against its target:
//
//	make bench
//
// or, by hand, from this directory:
//
//	go test -run '^$' -bench . -benchmem -count 5 | tee bench.out | go run ./ratios
//
// go test -count runs each variant N times in a row, so on a machine that
// other work shares, the ratios carry the drift between one window and
// the next. For a comparison that does not, run the variants in turn and
// give the benchmarks priority over the rest of the machine:
//
//	nice -n -20 go test -run '^$' -bench . -benchmem -count 1 -benchtime 500ms -args -rounds 10 | go run ./ratios
//
// The benchmarks also report cpu-ns/op, the process's CPU time per op,
// which other load disturbs less than wall time; ./ratios shows its ratio
// next to the ns/op one.
//
// The benchmarks and tests are Linux's (their files end in _linux_test.go):
// they read /proc, call accept4(2) and compare with Linux's answers.
// Everything runs on loopback. TestConcurrentConnectContextThreads and
// BenchmarkConcurrentConnectContext open 10,000 connections at once; they
// raise RLIMIT_NOFILE for the process and, as root, net.core.somaxconn when
// it is below the listen backlog they ask for.
//
// The module is separate from github.com/connspec/connspec so that the
// comparators never enter the library's go.mod.
package bench
