// Package conformance provokes the spec's scenarios for real, through
// package portable, on the machine it runs on, and compares what the kernel
// answered with the OS's spec file and what portable reported with the
// scenario. On Linux the test suite (make conformance) proves spec/os/linux.yaml
// true; elsewhere go run ./gen verify reports where the kernel and its spec
// disagree. On unix it works on raw descriptors (Run); on Windows, whose
// programs hold package net's conns, it dials with package net and
// associates with ConnectConn (RunNet), which runs on unix too.
//
// Traffic only ever goes to loopback and to network namespaces the run
// creates (and removes) itself; scenarios that need namespaces, root or a
// Linux-only facility are skipped, with the reason, where those are missing.
package conformance
