# Thin wrapper over CMake presets.  `make demo` and `make check` are the two
# commands the README opens with; each installs missing packages first.
.PHONY: all deps demo check release dev bench asan memcheck fuzz fuzz-long clean python python-check

all: release

deps:
	@sh .ci/install-deps

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

dev: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

demo: release
	@sh bench/demo.sh build/release

bench: release
	@bash bench/run.sh build/release

# The test setup also installs what only the tests use: chromium renders
# the HTML report (test report.html_chromium; skipped without it).
TEST_PACKAGES = chromium
check: dev
	@sh .ci/install-deps $(TEST_PACKAGES)
	@ctest --preset dev

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ctest --preset asan

# The CLI golden tests under valgrind memcheck: any error or leak changes
# the output or the exit code, so the case fails.
memcheck: dev
	@sh .ci/install-deps valgrind
	@VB_GOLDEN_WRAPPER="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99" \
	  ctest --preset dev -R '^golden\.' -j 2

# The libFuzzer targets (tests/fuzz/), SECONDS each, from their seeds.
SECONDS ?= 60
fuzz:
	@sh .ci/install-deps clang libclang-rt-14-dev
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz
	@sh tests/fuzz/run.sh build/fuzz $(SECONDS)

# A fuzzing campaign: every target for LONG_SECONDS (default an hour)
# each, from the seeds and from what earlier runs found in build/fuzz.
LONG_SECONDS ?= 3600
fuzz-long:
	@$(MAKE) --no-print-directory fuzz SECONDS=$(LONG_SECONDS)

# The Python package (python/, docs/python.md) for Debian's python3: the
# Debian packages it needs and tests with, then a pip install of
# python/ linking build/release/libverbatim.a (no path into build/ is
# kept: the package works after make clean).  Debian's pip refuses system
# installs (PEP 668) without --break-system-packages; the package goes to
# /usr/local/lib/python3.*/dist-packages, beside no Debian package (as
# root, or through sudo).
PYTHON ?= /usr/bin/python3
PY_PACKAGES = python3-dev python3-pandas python3-distributed python3-dask \
	python3-pytest python3-pip python3-setuptools
python: release
	@sh .ci/install-deps $(PY_PACKAGES)
	@if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo $(PYTHON) -m pip install -q --no-build-isolation --no-deps \
	  --break-system-packages --root-user-action=ignore ./python
	@rm -rf python/build python/verbatim.egg-info

# The package's tests alone (make check runs them too, as python.pytest,
# when the package is installed).
python-check: python dev
	@VERBATIM_CLI=build/dev/verbatim $(PYTHON) -m pytest -q python/tests

clean:
	rm -rf build
