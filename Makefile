# Prognos: the two Quick-start commands and their helpers.
#   make demo   set up, build, and run the batch job on the bundled dataset (report in ./out)
#   make test   set up and run the whole test suite
SWIFT ?= swift
OUT ?= out

.PHONY: demo test build bootstrap check-swift bench fuzz

check-swift:
	@command -v $(SWIFT) >/dev/null 2>&1 || { \
	  echo "make: the Swift toolchain ('$(SWIFT)') is not on PATH; install Swift 6.1 or newer from swift.org" >&2; exit 1; }

bootstrap: check-swift
	@Scripts/bootstrap

build: bootstrap
	$(SWIFT) build -c release --product prognos

demo: build
	"$$($(SWIFT) build -c release --show-bin-path)/prognos" run --out "$(OUT)"
	@echo "Report: $(abspath $(OUT))/report.html (also report.md)"

# The report tests open report.html in headless Chromium, so the test set-up installs it too.
# Before the suite, every reader is fuzzed briefly (FUZZ_SECONDS in all; `make fuzz` runs longer).
FUZZ_SECONDS ?= 20
test: check-swift
	@Scripts/bootstrap chromium
	$(SWIFT) run FuzzReaders all $(FUZZ_SECONDS)
	$(SWIFT) test

# package-benchmark suites (Benchmarks/README.md); release build, about 2 minutes the first time.
bench: bootstrap
	$(SWIFT) package --allow-writing-to-package-directory benchmark

# Mutation fuzzing of every reader, 10 minutes each by default (README, "Fuzzing").
FUZZ_EACH ?= 600
fuzz: check-swift
	$(SWIFT) build -c release --product FuzzReaders
	for reader in canonical wide kolada report competition; do \
	  "$$($(SWIFT) build -c release --show-bin-path)/FuzzReaders" $$reader $(FUZZ_EACH) || exit 1; done
