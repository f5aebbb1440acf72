# mockroom — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
GOFILES = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './web/node_modules/*')

.PHONY: run build web web-deps test test-go test-proof test-raced test-checks test-web lint bench load probe-check clean

run: build ## build everything and start on http://localhost:8080 with SQLite in ./data
	./bin/mockroom serve

build: web ## the web app, then the binary that embeds it
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/mockroom ./cmd/mockroom

web-deps: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web: web-deps
	cd web && npm run build

lint: web-deps ## formatting, vet and the web type check
	@unformatted=$$(gofmt -l $(GOFILES)); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd web && npm run check:api
	cd web && npm run typecheck
	cd web && npm run lint

test-web: web-deps
	cd web && npm test

# The library proof (./problems/...: every problem through the sandbox in
# six languages, ~15 minutes of a 2-core machine) is the longest part of
# make test, so it starts first and runs beside everything else, without
# -race: it drives compilers and processes, and the race detector only slows
# its JSON; the judge and sandbox code it calls is raced in their own
# packages. It needs web/node_modules (esbuild compiles TypeScript).
PROOF_PKGS := ./problems/...
RACED_PKGS = $$($(GO) list ./... | grep -v '/problems\(/\|$$\)')

test-proof: web-deps ## the problem library proof alone
	$(GO) test -count=1 -timeout 30m $(PROOF_PKGS)

test-raced: web ## the Go tests but the library proof, with the race detector
	$(GO) test -race -count=1 -timeout 30m $(RACED_PKGS)

test-go: web ## Go tests (SQLite and PostgreSQL, Redis, sandbox, judge, the browser tests, the library proof)
	@$(MAKE) --no-print-directory -j2 test-proof test-raced

test: web-deps ## everything CI runs: the proof beside lint, the web tests and the raced Go tests
	@$(MAKE) --no-print-directory -j2 test-proof test-checks

test-checks: web-deps ## lint, the web tests, then the raced Go tests, one after another
	@$(MAKE) --no-print-directory lint && $(MAKE) --no-print-directory test-web && $(MAKE) --no-print-directory test-raced

bench: web ## benchmarks, each against a baseline measured in the same run; figures go to docs/benchmarks.md
	$(GO) test -run '^$$' -bench 'Run(Python|Cpp)' -benchtime 200x ./sandbox/local/
	$(GO) test -run '^$$' -bench 'Execute' -benchtime 10x ./judge/
	$(GO) test -run '^$$' -bench 'Probe' -benchtime 1x -timeout 15m ./efficiency/
	$(GO) test -run '^$$' -bench 'ExecuteHTTP|SubmissionsPerSecond' -benchtime 20x ./transport/httpapi/
	$(GO) test -run '^$$' -bench 'HubSessions' -benchtime 1x -timeout 15m ./transport/realtime/
	$(GO) test -run '^$$' -bench 'VoiceRelay' -benchtime 1x -timeout 15m ./transport/realtime/
	$(GO) test -run '^$$' -bench 'Fidelity' -benchtime 20x ./agents/evaluator/
	$(GO) test -run '^$$' -bench 'SyntaxCheck|Analyze' -benchtime 20x ./agents/observer/
	$(GO) test -run '^$$' -bench 'OfflineTurn' -benchtime 5000x ./agents/interviewer/

LOAD_INTERVIEWS ?= 1000
LOAD_DURATION ?= 2m
load: build ## LOAD_INTERVIEWS concurrent interviews on one, then three instances behind HAProxy on a private PostgreSQL and Redis (docs/benchmarks.md, "Cluster load")
	$(GO) run ./cmd/mockroom-load -bin bin/mockroom -interviews $(LOAD_INTERVIEWS) -duration $(LOAD_DURATION) -json bin/load.json

probe-check: ## the efficiency probe over the whole library: every reference classified optimal, every brute force worse, 3 runs of 3
	$(GO) test -count=1 -timeout 30m -run '^$$' -bench ProbeLibrary -benchtime 1x ./problems/

clean:
	rm -rf bin web/dist/assets
