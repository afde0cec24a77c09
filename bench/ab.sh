#!/bin/bash
# bench/ab.sh N A B [ARGS...] - is B faster than A?  Runs the two
# commands in turns, N pairs, each pair in alternating order (A B, then
# B A), and prints the median of the per-pair time ratios B/A with its
# quartiles, and each command's median and minimum wall time.
#
# A and B are executables (two builds of verbatim, or scripts that run
# one); ARGS go to both.  Output is discarded.  On this shared machine a
# run of the same job varies by 20-30% from minute to minute; a pair's two
# runs are seconds apart, so their ratio carries far less of that drift
# than two medians taken apart.  A ratio whose quartiles both stay on one
# side of 1 is a difference; one whose quartiles straddle 1 is not shown
# by this series.  bench/RESULTS.md (session 39) used it, and its first
# version, to time builds with one part of the work switched off.
#
# Both runs of every pair go to one CPU, CPU (default 0; CPU= leaves the
# choice to the scheduler): this machine's two CPUs run at different and
# changing speeds, and a pair split across them measures the CPUs.  On
# the same two copies of one binary, 41 pairs, the quartiles of B/A
# spanned 0.040 pinned against 0.068 unpinned (bench/RESULTS.md, session
# 41).
#
#   bench/ab.sh 21 /tmp/before/verbatim build/release/verbatim \
#     report -j 1 -q -o /dev/null corpus.csv
set -eu
[ $# -ge 3 ] || { echo "usage: bench/ab.sh N A B [ARGS...]" >&2; exit 2; }
n=$1 a=$2 b=$3
shift 3
cpu=${CPU-0}
if [ -n "$cpu" ]; then
  command -v taskset >/dev/null || { echo "ab.sh: taskset not found (CPU= runs unpinned)" >&2; exit 2; }
  pin=(taskset -c "$cpu")
  "${pin[@]}" true 2>/dev/null || { echo "ab.sh: cannot run on CPU $cpu" >&2; exit 2; }
else
  pin=()
fi
ratios="" times_a="" times_b=""
run_ms() { # command...: its wall time in tenths of a millisecond
  local s e
  s=$(date +%s%N)
  "${pin[@]}" "$@" >/dev/null 2>&1 || { echo "ab.sh: $1 failed" >&2; exit 1; }
  e=$(date +%s%N)
  echo $(((e - s) / 100000))
}
for ((k = 0; k < n; k++)); do
  if ((k % 2)); then
    ta=$(run_ms "$a" "$@")
    tb=$(run_ms "$b" "$@")
  else
    tb=$(run_ms "$b" "$@")
    ta=$(run_ms "$a" "$@")
  fi
  ratios+="$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.4f", b / a }') "
  times_a+="$ta " times_b+="$tb "
done
# quantile Q of the numbers in $1 (the one at rank ceil(Q * count))
quantile() {
  echo "$1" | tr ' ' '\n' | grep . | sort -g |
    awk -v q="$2" '{ v[NR] = $1 } END { r = int(q * NR + 0.999); print v[r < 1 ? 1 : r] }'
}
ms() { awk -v t="$1" 'BEGIN { printf "%.1f", t / 10 }'; }
echo "B/A: median $(quantile "$ratios" 0.5), quartiles $(quantile "$ratios" 0.25)-$(quantile "$ratios" 0.75), $n pairs"
echo "A: median $(ms "$(quantile "$times_a" 0.5)") ms, min $(ms "$(quantile "$times_a" 0)") ms ($a)"
echo "B: median $(ms "$(quantile "$times_b" 0.5)") ms, min $(ms "$(quantile "$times_b" 0)") ms ($b)"
