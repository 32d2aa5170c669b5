# prescreen: `make help` lists the targets.
GO ?= go
PKGS := ./...

.PHONY: help build test lint bench bench-e2e bench-serve eval report-screenshot fmt fuzz fault

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## build bin/prescreen
	$(GO) build -o bin/prescreen ./cmd/prescreen

test: lint ## gofmt check, go vet, and all tests with the race detector
	$(GO) test -race -count=1 $(PKGS)

lint: ## gofmt check and go vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

BENCH_OUT ?= bench.txt
BENCH_COUNT ?= 1
BENCH_SIZES ?= 1000 10000

bench: ## stage benchmarks (sniff, extract, detect, redact, verify, whole) as a table; raw output in $(BENCH_OUT) for benchstat
	$(GO) test -run '^$$' -bench 'Sniff|Extract|DetectDecide|Redact|Verify|Process' -benchmem -count $(BENCH_COUNT) ./pipeline | tee $(BENCH_OUT).tmp
	$(GO) test -run '^$$' -bench 'BenchmarkDetect$$' -benchmem -count $(BENCH_COUNT) -cpu 1 ./detectors | tee -a $(BENCH_OUT).tmp
	@mv $(BENCH_OUT).tmp $(BENCH_OUT)
	@echo; awk -f scripts/benchtable.awk $(BENCH_OUT)

bench-e2e: build ## prescreen scan over 1,000 and 10,000 generated documents against pdftotext and qpdf (BENCH_SIZES=1000 for the short run)
	@test -x /usr/bin/time || (apt-get install -y time >/dev/null) || { echo "install GNU time (apt-get install time)"; exit 1; }
	$(GO) build -o bin/gencorpus ./cmd/gencorpus
	scripts/bench-e2e.sh bin/prescreen bin/gencorpus "$(BENCH_SIZES)"

# Fuzz targets as package:Target; each runs for FUZZTIME (go test runs only
# their seeds, so CI pays a fraction of a second for them).
# Every new interesting input is minimised, by default for up to 60s:
# with resume-sized seeds that stalls the fuzzer at 0 execs/s (what
# redact/docx's fuzz test showed). A few tries per input are enough.
FUZZTIME ?= 60s
FUZZMINIMIZE ?= 10x
FUZZ_TARGETS := ./redact/txt:FuzzProcess ./redact/docx:FuzzProcess ./redact/docx:FuzzBody ./redact/docx:FuzzExtractApply ./redact/docx:FuzzTokenizer ./redact/pdf:FuzzProcess ./redact/pdf:FuzzContentStream ./detectors:FuzzScan

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
