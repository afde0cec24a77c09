#!/bin/bash
# bench/exact.sh OLD NEW - are two builds' outputs byte-identical?
#
# Issue 15 allows no change of output for speed: every change to the
# engine is checked by running the build before it (OLD) and after it
# (NEW) on the same jobs and comparing what they write, byte for byte,
# standard output and standard error (with the exit status) alike.
#
# Jobs, each with the built-in lexicons and with the bench's plain peer
# lexicon, at -j 2 (so the threads' merge is in the comparison):
#   tag -f csv | long | ndjson, report -f csv | json | table,
#   report --partial
# on corpora/sample.csv, ROWS rows of the bench corpus (seed 7, 10%
# non-ASCII) and ROWS rows of the peer corpus (seed 42); and eval on the
# gold corpus (corpora/gold/gold.csv, --errors 3 -f csv).  44 jobs.
#
# Prints each job that differs and a last line "IDENTICAL (N jobs)" or
# "K of N DIFFER"; exit status 0 when identical, 1 when not, 2 on bad
# use.  The corpora are generated once into OUT (default
# bench/out/exact); GEN is the corpus generator (default the release
# build's).  After `make release`:
#
#   bench/exact.sh /tmp/before/verbatim build/release/verbatim
set -u
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
  echo "usage: bench/exact.sh OLD NEW (two verbatim executables)" >&2
  exit 2
fi
# shellcheck disable=SC2034 # read as ${!b} in compare
old=$1 new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-200000}
OUT=${OUT:-$root/bench/out/exact}
gen=${GEN:-$root/build/release/bench/verbatim-gen-corpus}
mkdir -p "$OUT"
bench_csv=$OUT/bench-$ROWS.csv peer_csv=$OUT/peer-$ROWS.csv
. "$root/bench/corpora.sh"
if [ ! -s "$bench_csv" ]; then
  [ -x "$gen" ] || { echo "exact.sh: no generator at $gen (make release)" >&2; exit 2; }
  bench_corpus "$gen" "$ROWS" "$bench_csv" || exit 2
fi
peer_corpus "$ROWS" "$peer_csv" || exit 2
plain="-l $root/bench/peers/peer-lexicon.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs=0 differ=0
# compare JOB-ARGS...: runs both builds, counts and reports a difference
compare() {
  local b bin
  for b in old new; do
    bin=${!b}
    "$bin" "$@" >"$tmp/$b.out" 2>"$tmp/$b.err"
    echo "exit $?" >>"$tmp/$b.err"
  done
  jobs=$((jobs + 1))
  if ! cmp -s "$tmp/old.out" "$tmp/new.out" ||
    ! cmp -s "$tmp/old.err" "$tmp/new.err"; then
    echo "DIFFER: $*"
    differ=$((differ + 1))
  fi
}
for input in "$root/corpora/sample.csv" "$bench_csv" "$peer_csv"; do
  for lexicon in "" "$plain"; do
    for job in "tag -f csv" "tag -f long" "tag -f ndjson" "report -f csv" \
      "report -f json" "report -f table" "report --partial"; do
      # shellcheck disable=SC2086 # job and lexicon are lists of words
      compare $job -j 2 -q $lexicon "$input"
    done
  done
done
for lexicon in "" "$plain"; do
  # shellcheck disable=SC2086
  compare eval -j 2 -q $lexicon --errors 3 -f csv \
    --gold "$root/corpora/gold/gold.csv"
done
if [ "$differ" -eq 0 ]; then
  echo "IDENTICAL ($jobs jobs)"
  exit 0
fi
echo "$differ of $jobs DIFFER"
exit 1
