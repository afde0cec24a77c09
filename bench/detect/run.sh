#!/bin/sh
# Language detection benchmark for issue 16: CLD2 (libcld2) against
# exttextcat (libexttextcat) on short synthetic comments, single thread.
#
#   bench/detect/run.sh [GENERATOR] [OUT_DIR]
#
# GENERATOR is verbatim-gen-corpus (default build/release/bench/...; build
# it with `make release`).  VERBATIM (default build/release/verbatim), when
# it exists, is timed on the same corpus (`report -j 1`) as the yardstick
# for the detection's cost.  Needs g++, libcld2-dev, libexttextcat-dev and
# libexttextcat-data (apt-get install them; this script is not part of
# the build and installs nothing).  Writes OUT_DIR (default
# bench/out/detect): the corpus, the test set and results.md.
#
# Test set: the 200,000-row benchmark corpus with the same --non-ascii
# share as bench/run.sh (0.10) and --lang-column as the truth, plus the
# English comments of corpora/gold/gold.csv; comments of 5-30 words
# (bench/detect/testset.py says how words are counted and what is kept).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gen=${1:-$root/build/release/bench/verbatim-gen-corpus}
out=${2:-$root/bench/out/detect}
ROWS=${ROWS:-200000} SEED=${SEED:-7} NON_ASCII=${NON_ASCII:-0.10} RUNS=${RUNS:-5}
mkdir -p "$out"

# yardstick CORPUS: `verbatim report -j 1` (default lexicon) on CORPUS, CPU
# time (user + sys) like the detection figures, median of RUNS runs
yardstick() {
  verbatim=${VERBATIM:-$root/build/release/verbatim}
  [ -x "$verbatim" ] || return 0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%U %S' -o "$out/time" "$verbatim" report -j 1 "$1" \
      >/dev/null 2>"$out/report.err"
    awk '{ printf "%.0f\n", ($1 + $2) * 1e6 }' "$out/time"
  done | sort -n | awk -v rows="$ROWS" -v v="$verbatim" '
    { t[NR] = $1 } END { m = t[int((NR + 1) / 2)]
      printf "\n`%s report -j 1` on the same corpus: %.2f us of CPU time per comment (median of %d runs)\n", v, m / rows, NR }'
}
"$gen" --rows "$ROWS" --seed "$SEED" --non-ascii "$NON_ASCII" --lang-column \
  -o "$out/corpus.csv"
python3 "$here/testset.py" "$out/corpus.csv" "$root/corpora/gold/gold.csv" \
  "$out/testset.tsv" "$out/all.tsv"
# exttextcat restricted to our 9 languages (Debian's fingerprints)
grep -E '^(zh-Hans|zh-Hant|en|fr|de|es|it|pt|nl|ja)\.lm' \
  /usr/share/libexttextcat/fpdb.conf > "$out/fpdb9.conf"
# Verbatim's own detector, compiled as the release build compiles it
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$root/include" -I"$root/engine" \
  -c "$root/engine/detect.c" -o "$out/detect.o"
g++ -std=c++17 -O2 -c "$root/engine/detect_cld2.cc" -o "$out/detect_cld2.o"
g++ -std=c++17 -O2 -Wall -o "$out/detect_bench" "$here/detect_bench.cc" \
  "$out/detect.o" "$out/detect_cld2.o" \
  -lcld2 $(pkg-config --cflags --libs libexttextcat)
{
  echo "Command: bench/detect/run.sh (ROWS=$ROWS SEED=$SEED NON_ASCII=$NON_ASCII RUNS=$RUNS), $(date -u +%Y-%m-%d), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo
  "$out/detect_bench" "$out/testset.tsv" "$out/fpdb9.conf" "$RUNS" "$out/all.tsv"
  yardstick "$out/corpus.csv"
  # English only (--non-ascii 0): what the issue's throughput bar is about
  echo
  echo "English only: the same rows with --non-ascii 0"
  "$gen" --rows "$ROWS" --seed "$SEED" --non-ascii 0 --lang-column \
    -o "$out/corpus-en.csv"
  python3 "$here/testset.py" "$out/corpus-en.csv" \
    "$root/corpora/gold/gold.csv" "$out/testset-en.tsv" "$out/all-en.tsv"
  "$out/detect_bench" --whole "$out/all-en.tsv" "$RUNS"
  yardstick "$out/corpus-en.csv"
  # the two in turns, for ratios that a busy machine moves less
  for pair in "corpus all" "corpus-en all-en"; do
    set -- $pair
    echo
    echo "Detection / report -j 1 in turns, $1.csv, $RUNS pairs:"
    for _ in $(seq "$RUNS"); do
      d=$("$out/detect_bench" --time "$out/$2.tsv")
      /usr/bin/time -f '%U %S' -o "$out/time" \
        "${VERBATIM:-$root/build/release/verbatim}" report -j 1 \
        "$out/$1.csv" >/dev/null 2>"$out/report.err"
      awk -v d="$d" -v rows="$ROWS" '{ r = ($1 + $2) * 1e6 / rows
        printf "%.4f %.2f %.2f\n", d / r, d, r }' "$out/time"
    done | sort -n | awk '{ line[NR] = $0
        printf "  detection %s us, report %s us: %.1f%%\n", $2, $3, 100 * $1 }
      END { split(line[int((NR + 1) / 2)], m, " ")
        printf "  median ratio: %.1f%%\n", 100 * m[1] }'
  done
} > "$out/results.md"
cat "$out/results.md"
