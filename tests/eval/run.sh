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

# Each shipped language's lexicon on its own gold's test split, with the
# default set (every language, each comment routed by its `lang` column):
# micro F1 at or above 0.60 (issue 16's bar; the figures in README.md are
# far above it, and written by the lexicons' authors: see the note there).
LANG_FLOOR=0.60
langs="de es fr it nl pt"
golds=""
for l in $langs; do golds="$golds --gold $src/corpora/gold/gold-$l.csv"; done
"$vb" eval $golds --split test --by-language -f csv -q -o "$out"
for l in $langs; do
  f1=$(awk -F, -v l="$l" '$1 == l && $2 == "micro" { print $14 }' "$out")
  echo "test split, $l: micro F1 $f1 (floor $LANG_FLOOR)"
  awk -v m="${f1:-0}" -v f="$LANG_FLOOR" 'BEGIN { exit !(m >= f) }' \
    || { echo "FAIL: $l micro F1 below the floor"; exit 1; }
done
