# prescreen: `make help` lists the targets.
GO ?= go
PKGS := ./...

.PHONY: help build test lint bench eval fmt

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

bench: ## run the Go benchmarks with allocation counts
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

eval: ## detector precision/recall on fixtures/eval, failing below the floors
	$(GO) run ./cmd/prescreen-eval -floors

fmt: ## format the code
	gofmt -w $$(git ls-files '*.go')
