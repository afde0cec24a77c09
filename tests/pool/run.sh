#!/bin/sh
# The default lexicon on third-party labeled feedback (the tuning pool in
# ../shared/data/feedback-dev/, read in place: its files are for internal
# use and are never copied into this repository).  Each file is scored on
# the themes its annotators labeled, as the pool's score.py does, and the
# pooled macro F1 over pricing, support, usability, performance and
# quality must stay at or above the floor.  Shipping and returns recall
# are printed.  Skips (exit 77) when the pool is not there.
# Usage: run.sh VERBATIM_BINARY SOURCE_DIR
set -eu
vb=$1
src=$2
MACRO_FLOOR=0.70
pool=${VB_POOL_DIR:-$src/../shared/data/feedback-dev}
if [ ! -f "$pool/semeval16_laptops_train.csv" ]; then
  echo "SKIP: the third-party pool is not at $pool (set VB_POOL_DIR)"
  exit 77
fi
laptops=pricing,usability,support,performance,quality
out=$(mktemp "${TMPDIR:-/tmp}/vb_pool.XXXXXX")
trap 'rm -f "$out"' EXIT
"$vb" eval -q -f csv -o "$out" \
  --gold "$pool/semeval16_laptops_train.csv:$laptops" \
  --gold "$pool/semeval16_restaurants_train.csv:pricing,support,quality" \
  --gold "$pool/acos_laptop_train.csv:$laptops" \
  --gold "$pool/acos_laptop_dev.csv:$laptops" \
  --gold "$pool/mams_acsa_train.csv:pricing,support" \
  --gold "$pool/mams_acsa_val.csv:pricing,support" \
  --gold "$pool/aurea_additional.csv:pricing,usability,performance"
awk -F, '$1 == "(pooled)" && $2 == "theme" {
  printf "  %-12s tp %5s fp %5s fn %5s  P %s R %s F1 %s\n", $3, $5, $6, $7, $8, $11, $14 }' "$out"
macro=$(awk -F, '$1 == "(pooled)" && $2 == "macro" { print $14 }' "$out")
"$vb" eval -q -f csv -o "$out" \
  --gold "$pool/semeval16_laptops_train.csv:shipping" \
  --gold "$pool/acos_laptop_train.csv:shipping" \
  --gold "$pool/acos_laptop_dev.csv:shipping" \
  --gold "$pool/banking77_train.csv:shipping,returns"
awk -F, '$1 == "(pooled)" && $2 == "theme" {
  printf "  %-12s recall %s of %d\n", $3, $11, $5 + $7 }' "$out"
echo "third-party pool: macro F1 $macro (floor $MACRO_FLOOR)"
awk -v m="$macro" -v f="$MACRO_FLOOR" 'BEGIN { exit !(m >= f) }' \
  || { echo "FAIL: macro F1 below the floor"; exit 1; }
