# Thin wrapper over CMake presets.  `make demo` and `make check` are the two
# commands the README opens with; each installs missing packages first.
.PHONY: all deps demo check release dev bench clean

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

clean:
	rm -rf build
