// Package soak runs package portable for long, on loopback, under
// descriptor pressure: make soak (CONNSPEC_SOAK=full go test ./internal/soak)
// makes a million Connect/Disconnect cycles on UDP and a hundred thousand
// ConnectContext calls mixing success, refusal, deadline and cancellation,
// with RLIMIT_NOFILE lowered so that some calls meet EMFILE, and checks the
// process ends holding what it held before. CI runs a shorter soak
// (CONNSPEC_SOAK=short).
package soak
