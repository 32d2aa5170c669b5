# prescreen: `make help` lists the targets.
GO ?= go
PKGS := ./...

.PHONY: help build test lint bench bench-serve eval report-screenshot fmt fuzz fault

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## build bin/prescreen
	$(GO) build -o bin/prescreen ./cmd/prescreen

test: lint ## gofmt check, go vet, and all tests with the race detector
	$(GO) test -race -count=1 $(PKGS)

lint: ## gofmt check and go vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

# Fuzz targets as package:Target; each runs for FUZZTIME (go test runs only
# their seeds, so CI pays a fraction of a second for them).
# Every new interesting input is minimised, by default for up to 60s:
# with resume-sized seeds that stalls the fuzzer at 0 execs/s (what
# redact/docx's fuzz test showed). A few tries per input are enough.
FUZZTIME ?= 60s
FUZZMINIMIZE ?= 10x
FUZZ_TARGETS := ./redact/txt:FuzzProcess ./redact/docx:FuzzProcess ./redact/docx:FuzzBody ./redact/docx:FuzzExtractApply ./redact/pdf:FuzzProcess ./redact/pdf:FuzzContentStream ./detectors:FuzzScan

fuzz: ## run every fuzz target for FUZZTIME (default 60s) each
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; echo "== $$pkg $$name ($(FUZZTIME))"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $(FUZZFLAGS) $$pkg; \
	done

KILLS ?= 200

fault: ## SIGKILL the scan at KILLS random points (default 200), full disk, panicking detector; hostile corpus with peak memory per file
	$(GO) test -count=1 -v -run 'TestKillScan' ./cmd/prescreen -kills $(KILLS)
	$(GO) test -count=1 -run 'TestDiskFull|TestDetectorPanic' ./pipeline
	$(GO) test -count=1 -v -run 'TestHostileCorpus$$' ./cmd/prescreen

bench: ## run the Go benchmarks with allocation counts
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

bench-serve: ## HTTP throughput and p50/p99 latency of prescreen serve on loopback
	$(GO) test -run '^$$' -bench BenchmarkServe -benchtime 2000x ./server

eval: ## detector precision/recall on fixtures/eval, failing below the floors
	$(GO) run ./cmd/prescreen-eval -floors

report-screenshot: build ## render the sample resumes' HTML report in headless Chromium to /tmp/prescreen-report.png
	rm -rf /tmp/prescreen-report && ./bin/prescreen scan fixtures/resumes --out /tmp/prescreen-report --report-format html --quiet || test $$? -eq 3
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	  --disable-component-update --disable-sync --user-data-dir=$$(mktemp -d) --window-size=1200,1400 \
	  --screenshot=/tmp/prescreen-report.png file:///tmp/prescreen-report/report.html
	@echo "screenshot: /tmp/prescreen-report.png"

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')
