# Prognos: the two Quick-start commands and their helpers.
#   make demo   set up, build, and run the batch job on the bundled dataset (report in ./out)
#   make test   set up and run the whole test suite
SWIFT ?= swift
OUT ?= out

.PHONY: demo test build bootstrap check-swift bench bench-ci bench-ci-update python-venv notebooks peers scale fuzz

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
# After the unit tests: the CI benchmarks against their thresholds, and the notebooks.
test: check-swift
	@Scripts/bootstrap chromium
	$(SWIFT) run FuzzReaders all $(FUZZ_SECONDS)
	$(SWIFT) test
	$(MAKE) bench-ci notebooks

# package-benchmark suites (Benchmarks/README.md); release build, about 2 minutes the first time.
bench: bootstrap
	$(SWIFT) package --allow-writing-to-package-directory benchmark

# The short CI subset (Benchmarks/CIBenchmarks) against the static thresholds in
# Thresholds/: wall time may be up to 50 % worse, allocation counts 1 % (see
# Benchmarks/README.md). package-benchmark fails alike on a regression and on an
# improvement; an improvement only passes, with a hint to record it.
bench-ci: bootstrap
	@mkdir -p .build; status=0; \
	  $(SWIFT) package benchmark thresholds check --target CIBenchmarks --no-progress > .build/bench-ci.log 2>&1 || status=$$?; \
	  cat .build/bench-ci.log; \
	  if [ $$status -eq 0 ]; then exit 0; fi; \
	  if grep -q "is BETTER than the defined thresholds" .build/bench-ci.log && ! grep -q "WORSE" .build/bench-ci.log; then \
	    echo "bench-ci: better than the thresholds; record it with make bench-ci-update"; exit 0; fi; \
	  echo "bench-ci: a benchmark regressed or did not run (exit $$status)" >&2; exit 1

# Records new thresholds on this machine (after a deliberate change in speed or allocations).
bench-ci-update: bootstrap
	$(SWIFT) package --allow-writing-to-package-directory benchmark thresholds update --target CIBenchmarks --no-progress

# Executes the notebooks headless (Notebooks/README.md).
# Debian's python3 makes virtual environments only with python3-venv (ensurepip).
python-venv:
	@command -v python3 >/dev/null 2>&1 && python3 -c "import venv, ensurepip" >/dev/null 2>&1 || Scripts/bootstrap python3 python3-venv

notebooks: bootstrap python-venv
	Notebooks/run

# Prognos beside statsforecast and numpy (Benchmarks/peers/README.md).
peers: bootstrap python-venv
	Benchmarks/peers/run

# The whole pipeline on 1,000,000 synthetic series (SERIES=… for another size).
SERIES ?= 1000000
scale: bootstrap
	Scripts/scale $(SERIES)

# Mutation fuzzing of every reader, 10 minutes each by default (README, "Fuzzing").
FUZZ_EACH ?= 600
fuzz: check-swift
	$(SWIFT) build -c release --product FuzzReaders
	for reader in canonical wide kolada report competition; do \
	  "$$($(SWIFT) build -c release --show-bin-path)/FuzzReaders" $$reader $(FUZZ_EACH) || exit 1; done
