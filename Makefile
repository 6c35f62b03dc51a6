# connspec: make help lists the targets. Every target is a plain go command,
# so a machine with only Go can run them by hand.

GO ?= go

# The targets make cross type-checks, every package and its tests: a target
# of every GOOS with a spec file, Linux's socketcall ABI (386), Windows on
# each of its GOARCH, and the OSes without sockets for portable. (The tests
# type-check a package importing portable for all 47 targets of go tool
# dist list, and go run ./gen checks the spec against x/sys on every unix
# and windows target.)
CROSS ?= linux/386 freebsd/amd64 darwin/arm64 openbsd/amd64 netbsd/amd64 \
	dragonfly/amd64 illumos/amd64 solaris/amd64 aix/ppc64 \
	windows/amd64 windows/arm64 windows/386 js/wasm wasip1/wasm plan9/amd64

# The targets make cross also vets and links gen verify for: the Winsock
# glue, and the libc glue that go:linkname reaches.
CROSS_BUILD ?= windows/amd64 darwin/arm64

# The packages whose code differs from OS to OS.
OS_PACKAGES = ./portable/... ./internal/kernel/... ./internal/engine/... ./internal/conformance/...

# How long make fuzz runs each fuzz target.
FUZZTIME ?= 30s

# The fuzz targets, as package:Target.
FUZZ = ./internal/spec:FuzzLoadKinds ./internal/spec:FuzzLoadScenarios \
	./internal/spec:FuzzLoadOS ./internal/specdiff:FuzzDiff \
	./portable:FuzzConnectAddress ./portable:FuzzKindOf

.PHONY: help generate check test race cross fuzz soak bench conformance

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14

generate: ## regenerate portable/z*.go, internal/sim/zerrnos.go and spec/SEMANTICS.md from spec/
	$(GO) run ./gen

check: ## exit 1, naming them, when generated files are stale
	$(GO) run ./gen -check

test: ## run every test (as root, the namespace and conformance tests too)
	$(GO) test ./...

# The packages whose code runs on several goroutines at once, and whose
# tests make it do so: the race detector runs their tests (which run the
# code of every other package they reach, sim's and kernel's included). The
# rest (gen's whole-generator runs, codegen, specdiff) are sequential; the
# detector would only slow them, past two minutes for gen.
RACE_PACKAGES = ./portable/... ./internal/conformance/... ./internal/resolve/... \
	./internal/soak/... ./internal/spec/... ./internal/kernel/...

race: ## run the tests of the concurrent packages with the race detector
	$(GO) test -race $(RACE_PACKAGES)

cross: ## type-check every package for each target in CROSS; vet and link for CROSS_BUILD
	$(GO) run ./internal/crosscheck -targets "$(CROSS)" ./...
	@set -e; for t in $(CROSS_BUILD); do \
		echo "vet and link $$t"; \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) vet $(OS_PACKAGES); \
		GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./internal/conformance/verify; \
	done

fuzz: ## run each fuzz target for FUZZTIME (default 30s)
	@set -e; for f in $(FUZZ); do \
		echo "fuzz $${f#*:} for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$${f#*:}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 50x $${f%:*}; \
	done

soak: ## a million UDP Connect/Disconnect cycles and 100,000 ConnectContext calls under EMFILE
	CONNSPEC_SOAK=full $(GO) test -count=1 -timeout 30m -v -run TestSoak ./internal/soak

bench: ## run the benchmarks and print the ratios against their baselines
	cd bench && $(GO) test -run '^$$' -bench . -benchmem -count 5 | tee bench.out | $(GO) run ./ratios

conformance: ## provoke the Linux scenarios for real (needs root for namespaces)
	$(GO) test -count=1 -v ./internal/conformance
