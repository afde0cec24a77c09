# Thin wrapper over CMake presets.  `make demo` and `make check` are the two
# commands the README opens with; each installs missing packages first.
.PHONY: all deps demo check release dev bench asan memcheck fuzz fuzz-long clean

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

check: dev
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

clean:
	rm -rf build
