#!/bin/sh
# The Python package's tests (python/tests, pytest) against this build's
# CLI.  They need the package installed for Debian's python3 with pandas,
# Dask distributed and pytest (`make python` does both); without them the
# test is skipped (exit 77), saying so, not passed.  CI runs `make python`
# before `make check`, so there they run.
# Usage: run.sh VERBATIM_BINARY SOURCE_DIR CORPUS_GENERATOR
set -eu
vb=$1
src=$2
gen=${3:-}
py=${VB_PYTHON:-/usr/bin/python3}
if ! "$py" -c "import verbatim, pandas, pytest, distributed" 2>/dev/null; then
  echo "SKIP: the verbatim Python package, pandas, dask.distributed or pytest"
  echo "is not installed for $py (run: make python)"
  exit 77
fi
cd "$src/python/tests"
VERBATIM_CLI=$vb VERBATIM_GEN=$gen PYTHONDONTWRITEBYTECODE=1 exec "$py" -m pytest -q \
  -p no:cacheprovider -W ignore::DeprecationWarning .
