#!/bin/sh
# Output is the same for any number of threads: `tag` in every output
# format (with rejects) and `report` by segment and period, run with -j 1,
# 2 and 8 over a generated corpus with malformed rows, bad scores and bad
# dates mixed in, must agree byte for byte, counts line included; so must
# the example comments of `report --examples 3` (JSON and table) and of
# `suggest`.
# Usage: run.sh VERBATIM_BINARY GEN_CORPUS_BINARY
set -eu
vb=$1
gen=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_parallel.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
"$gen" --rows 30000 --seed 11 -o base.csv
# every 997th row broken one way or another, so rejects land in many batches
awk 'NR > 1 && NR % 997 == 0 { print "x,\"unclosed,quote"; next }
     NR > 1 && NR % 991 == 0 { sub(/,[0-9]*,/, ",11,"); }
     NR > 1 && NR % 983 == 0 { sub(/,20[0-9][0-9]-/, ",yesterday-"); }
     { print }' base.csv > corpus.csv
fail=0
for j in 1 2 8; do
  mkdir j$j
  for fmt in csv long ndjson; do
    ext=csv; [ $fmt = ndjson ] && ext=ndjson # -o's name must say its format
    (cd j$j && "$vb" tag -j $j -f $fmt -o tag.$fmt.$ext --rejects rejects.$fmt.csv \
      ../corpus.csv 2> counts.tag.$fmt) || [ $? -eq 1 ]
  done
  (cd j$j && "$vb" report -j $j --by region --period month -f json \
    -o report.json --rejects rejects.report.csv ../corpus.csv 2> counts.report) \
    || [ $? -eq 1 ]
  (cd j$j && "$vb" suggest -q -j $j -f json -o suggest.json ../corpus.csv) ||
    [ $? -eq 1 ]
  for fmt in json txt; do # txt: the table
    (cd j$j && COLUMNS=100 "$vb" report -q -j $j --examples 3 --by region \
      --period month -o examples.$fmt ../corpus.csv) || [ $? -eq 1 ]
  done
done
grep -q '"examples":{"detractor":\[{"id":' j1/examples.json ||
  { echo "FAIL: report --examples 3 wrote no examples"; fail=1; }
for f in $(cd j1 && ls); do
  for j in 2 8; do
    if ! cmp -s j1/$f j$j/$f; then
      echo "FAIL: $f differs between -j 1 and -j $j"
      diff j1/$f j$j/$f | head -5
      fail=1
    fi
  done
done
# rows were rejected, and every row read is tagged or rejected
counts=$(cat j1/counts.tag.csv)
set -- $(echo "$counts" | tr -dc '0-9 ,' | tr ',' ' ')
[ "$4" -gt 0 ] || { echo "FAIL: no rejects: $counts"; fail=1; }
[ "$1" -eq $(($2 + $4)) ] || { echo "FAIL: read != tagged + rejected: $counts"; fail=1; }
[ $fail -eq 0 ] && echo "ok: -j 1, 2 and 8 agree on tag (csv, long, ndjson), rejects, report (with examples) and counts"
exit $fail
