#!/bin/sh
# The default lexicon's quality on the gold corpus's test split must not
# drop: micro and macro F1 stay at or above floors set a little under the
# figures measured when the lexicon was last tuned (README.md, "Measured
# quality").  A lexicon change that makes them worse fails `make check`.
# Usage: run.sh VERBATIM_BINARY SOURCE_DIR
set -eu
vb=$1
src=$2
MICRO_FLOOR=0.66
MACRO_FLOOR=0.62
out=$(mktemp --suffix=.csv "${TMPDIR:-/tmp}/vb_eval.XXXXXX") # -o says CSV
trap 'rm -f "$out"' EXIT
code=0
"$vb" eval --gold "$src/corpora/gold/gold.csv" --split test -f csv -o "$out" \
  --min-f1 "$MICRO_FLOOR" || code=$?
micro=$(awk -F, '$1 == "micro" { print $13 }' "$out")
macro=$(awk -F, '$1 == "macro" { print $13 }' "$out")
echo "test split: micro F1 $micro (floor $MICRO_FLOOR), macro F1 $macro (floor $MACRO_FLOOR)"
[ "$code" -eq 0 ] || { echo "FAIL: micro F1 below the floor"; exit 1; }
awk -v m="$macro" -v f="$MACRO_FLOOR" 'BEGIN { exit !(m >= f) }' \
  || { echo "FAIL: macro F1 below the floor"; exit 1; }
