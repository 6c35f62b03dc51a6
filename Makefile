# connspec: make help lists the targets. Every target is a plain go command,
# so a machine with only Go can run them by hand.

GO ?= go

# The targets make cross builds for: the main GOARCH of every unix GOOS
# that has a spec file or uses the POSIX baseline. (go run ./gen checks the
# spec against x/sys/unix on all 39 GOOS/GOARCH pairs.)
CROSS ?= linux/amd64 freebsd/amd64 darwin/arm64 openbsd/amd64 netbsd/amd64 \
	dragonfly/amd64 illumos/amd64 solaris/amd64 aix/ppc64

.PHONY: help generate check test race cross bench conformance

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

generate: ## regenerate platform/z*.go, portable/zkind.go and spec/SEMANTICS.md from spec/
	$(GO) run ./gen

check: ## exit 1, naming them, when generated files are stale
	$(GO) run ./gen -check

test: ## run every test (as root, the namespace and conformance tests too)
	$(GO) test ./...

race: ## run every test with the race detector
	$(GO) test -race ./...

cross: ## go vet and compile the tests of every package for each target in CROSS
	@set -e; for t in $(CROSS); do \
		echo "cross $$t"; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet ./...; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) test -c -o /dev/null ./... >/dev/null; \
	done

bench: ## run the benchmarks and print the ratios against their baselines
	cd bench && $(GO) test -run '^$$' -bench . -benchmem -count 5 | tee bench.out | $(GO) run ./ratios

conformance: ## provoke the Linux scenarios for real (needs root for namespaces)
	$(GO) test -count=1 -v ./internal/conformance
