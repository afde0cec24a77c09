#!/bin/sh
# Killed mid-run: SIGKILL to a running `tag -o` and `report -o` leaves no
# file at the output path, or the previous file intact, because outputs
# are written to a temporary file and renamed only at the end.
# Usage: kill.sh VERBATIM_BINARY GEN_CORPUS_BINARY
set -u
vb=$1
gen=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_kill.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
"$gen" --rows 300000 --seed 3 -o corpus.csv || exit 1
fail=0
for cmd in tag report; do
  for previous in none kept; do
    rm -f out.csv
    [ $previous = kept ] && echo "previous output" > out.csv
    "$vb" $cmd -j 1 -q -f csv -o out.csv corpus.csv 2>/dev/null &
    pid=$!
    # wait until the run is under way (its temporary file exists), then kill
    i=0
    while [ $i -lt 200 ] && ! ls .out.csv.* >/dev/null 2>&1 && ! ls out.csv.* >/dev/null 2>&1; do
      sleep 0.01; i=$((i + 1))
    done
    sleep 0.2
    if ! kill -9 $pid 2>/dev/null; then
      echo "FAIL: $cmd finished before it could be killed (make the corpus bigger)"
      fail=1
      continue
    fi
    wait $pid 2>/dev/null
    if [ $previous = none ] && [ -e out.csv ]; then
      echo "FAIL: $cmd killed, yet out.csv exists"; fail=1
    fi
    if [ $previous = kept ] && [ "$(cat out.csv)" != "previous output" ]; then
      echo "FAIL: $cmd killed, and the previous out.csv changed"; fail=1
    fi
    rm -f .out.csv.* out.csv.* 2>/dev/null
  done
done
[ $fail = 0 ] && echo "ok: SIGKILL during tag -o and report -o leaves no partial output"
exit $fail
