#!/bin/bash
# The benchmark (`make bench`): Verbatim's tag and report on a generated
# 1,000,000-row corpus (built-in and plain lexicon), side by side with a Python
# reference (PyICU + Snowball), PostgreSQL 15 full-text search,
# SQLite FTS5 and `cat`, in one run.  See bench/README.md.
#
#   bench/run.sh [BUILD_DIR]      (default build/release)
#
# Environment: ROWS (1000000), SEED (7), NON_ASCII (0.10), RUNS (3: timed
# runs per Verbatim figure, the median is reported), BIG_ROWS (10000000:
# the bounded-memory report, streamed from the generator; 0 skips it),
# PEERS (1; 0 skips PostgreSQL and SQLite), OUT (bench/out), BASELINE (an
# earlier verbatim binary: its report -j 1, with its own built-in lexicon,
# is timed in turns with this build's, for a before/after table), EVAL_ROWS
# (200000: eval and suggest at -j 1 and -j 2 on that many rows; 0 skips),
# PYREF (1: the Python reference, bench/peers/python_ref.py, on the plain
# lexicon; 0 skips it; skipped with a message when PYREF_PYTHON, default
# /usr/bin/python3, cannot import PyICU and snowballstemmer), LANGS (1: the
# cost of languages on English-only input, ROWS rows generated with
# --non-ascii 0: report with the default set of all shipped languages, which
# detects each comment's language, against report -l lexicons/default.json
# (English only: nothing detected) and, with BASELINE, the earlier binary's
# built-in lexicon, timed in turns; 0 skips it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build/release}
ROWS=${ROWS:-1000000} SEED=${SEED:-7} NON_ASCII=${NON_ASCII:-0.10}
RUNS=${RUNS:-3} BIG_ROWS=${BIG_ROWS:-10000000} PEERS=${PEERS:-1}
BASELINE=${BASELINE:-} EVAL_ROWS=${EVAL_ROWS:-200000}
PYREF=${PYREF:-1} PYREF_PYTHON=${PYREF_PYTHON:-/usr/bin/python3}
LANGS=${LANGS:-1}
OUT=${OUT:-$root/bench/out}
vb=$build/verbatim
gen=$build/bench/verbatim-gen-corpus
speed=$build/bench/verbatim-host-speed
mkdir -p "$OUT"
corpus=$OUT/corpus-$ROWS.csv
lex100k=$OUT/lexicon-100k.json
lexpat=$OUT/lexicon-2000-patterns.json
# the plain workload: the issue's peer corpus and 128-term peer lexicon
# (copies of ../shared/bench/gen_peer_corpus.py and peer-lexicon.json)
plain=$here/peers/peer-lexicon.json
pcorpus=$OUT/peer-corpus-$ROWS.csv
results=$OUT/results.md
log=$OUT/log.txt
: > "$log"
rm -f "$OUT/eval-suggest.txt" "$OUT/pyref.txt" "$OUT/pyref-counts.csv" "$OUT/probes.txt"
# the runs of a turn are one file each: an earlier run's with more RUNS
# must not join this run's medians
for turn in before after lang-en lang-all lang-before eval-j1 eval-j2 \
  suggest-j1 suggest-j2 pyref pyturn tag-j1 tag-j2 report-j1 report-j2 \
  plain-report-j1 plain-report-j2 plain-pair dpeer-tag-j1 dpeer-report-j1 dpeer-en-j1; do
  rm -f "$OUT/$turn"-[0-9]*.time "$OUT/$turn"-[0-9]*.rss
done

if [ "$PEERS" = 1 ]; then "$here/peers/install.sh"; fi
command -v python3 >/dev/null || { echo "bench: python3 is needed (bench/peers/install.sh)" >&2; exit 2; }
[ -x "$vb" ] && [ -x "$gen" ] || { echo "bench: build first (make release)" >&2; exit 2; }

echo "bench: generating $ROWS rows (seed $SEED, non-ASCII $NON_ASCII)"
. "$here/corpora.sh"
bench_corpus "$gen" "$ROWS" "$corpus" "$SEED" "$NON_ASCII"
[ -s "$lex100k" ] || python3 "$here/gen_lexicon.py" "$root/lexicons/default.json" "$corpus" "$lex100k" >> "$log"
[ -s "$lexpat" ] || python3 "$here/gen_lexicon.py" "$root/lexicons/default.json" "$corpus" "$lexpat" --patterns 2000 >> "$log"
peer_corpus "$ROWS" "$pcorpus"
bytes=$(stat -c %s "$corpus")
pbytes=$(stat -c %s "$pcorpus")
prows=$(rows_read "$vb" "$pcorpus")
rows=$(rows_read "$vb" "$corpus")

t() { cat "$OUT/$1.time"; }

# probe WHEN: the host speed probe (bench/host_speed.c, a fixed loop) on
# CPU 0 and on CPU 1, one after the other, each pinned when taskset can;
# appends "WHEN|cpu0 s|cpu1 s" to probes.txt, printed in results.md.  This
# machine's CPUs switch between two speeds about 2x apart (bench/RESULTS.md,
# session 41): the probe says which spell each part of the run fell in.
probe() {
  [ -x "$speed" ] || return 0 # a build from before the probe
  local cpu secs=""
  for cpu in 0 1; do
    if command -v taskset > /dev/null && taskset -c "$cpu" true 2> /dev/null; then
      secs="$secs|$(taskset -c "$cpu" "$speed")"
    else
      secs="$secs|$("$speed") (unpinned)"
    fi
  done
  echo "$1$secs" >> "$OUT/probes.txt"
  echo "bench: host speed probe, $1: CPU 0 and CPU 1 ${secs#|} s" | tr '|' ' '
}

# time_run NAME CMD...: runs it RUNS times; records the median wall seconds
# and the largest peak RSS (KB) in $OUT/NAME.time / NAME.rss.
time_run() {
  local name=$1 n=$2
  shift 2
  local walls=() rss=0
  for ((i = 0; i < n; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$OUT/$name.t" "$@" >> "$log" 2>&1 || true
    t1=$(date +%s%N)
    read -r m < "$OUT/$name.t"
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' > "$OUT/$name.time"
  echo "$rss" > "$OUT/$name.rss"
  echo "bench: $name $(cat "$OUT/$name.time") s (runs: ${walls[*]}), peak RSS $rss KB"
}

# merge_turns NAME...: NAME.time, the median of the runs NAME-0, NAME-1,
# ... (each timed once, in turns with others), and NAME.rss, their largest.
merge_turns() {
  for name in "$@"; do
    cat "$OUT/$name-"*.time | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' > "$OUT/$name.time"
    sort -g "$OUT/$name-"*.rss | tail -n 1 > "$OUT/$name.rss"
  done
}

# pair_ratios A B: the median over the turns k of A-k / B-k (a speedup
# measured pair by pair, steadier than the ratio of the medians when the
# machine's speed drifts through the run)
pair_ratios() {
  for ((k = 0; k < RUNS; k++)); do
    awk -v a="$(cat "$OUT/$1-$k.time")" -v b="$(cat "$OUT/$2-$k.time")" 'BEGIN { printf "%.3f\n", a / b }'
  done | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

probe "start"
echo "bench: cat, Verbatim tag and report ($RUNS runs each, -j 1 and -j 2 in turns, median)"
time_run cat "$RUNS" sh -c "cat '$corpus' > /dev/null"
# -j 1 and -j 2 in turns, so that a slow spell of the machine (it is
# shared) hits both alike rather than one of the pair
for ((k = 0; k < RUNS; k++)); do
  for j in 1 2; do
    time_run tag-j$j-$k 1 "$vb" tag -j $j -q -f csv -o /dev/null "$corpus"
    time_run report-j$j-$k 1 "$vb" report -j $j -q -f csv -o "$OUT/report-j$j.csv" "$corpus"
  done
done
merge_turns tag-j1 tag-j2 report-j1 report-j2
time_run report-100k-j1 "$RUNS" "$vb" report -j 1 -q -l "$lex100k" -f csv -o /dev/null "$corpus"
time_run report-pat-j1 "$RUNS" "$vb" report -j 1 -q -l "$lexpat" -f csv -o /dev/null "$corpus"
probe "after tag and report on the bench corpus"
echo "bench: Verbatim with the plain lexicon ($plain) on the peer corpus"
# plain-pair: two report -j 1 processes at once, each on the whole corpus.
# They share nothing (no lock, no merge), so twice the rows over its wall
# time is what the machine gave two CPUs' worth of this work in that turn:
# the ceiling -j 2 is judged against, as its two CPUs do not run at one
# steady speed (bench/RESULTS.md, session 41).  An estimate, not a proven
# bound: the two processes read the file twice, and start in parallel.
for ((k = 0; k < RUNS; k++)); do
  for j in 1 2; do
    time_run plain-report-j$j-$k 1 "$vb" report -j $j -q -l "$plain" -f csv -o "$OUT/plain-report-j$j.csv" "$pcorpus"
  done
  # shellcheck disable=SC2016 # $0..$2 are sh -c's arguments, expanded there
  time_run plain-pair-$k 1 sh -c '"$0" report -j 1 -q -l "$1" -f csv -o /dev/null "$2" &
    "$0" report -j 1 -q -l "$1" -f csv -o /dev/null "$2"; wait' "$vb" "$plain" "$pcorpus"
done
merge_turns plain-report-j1 plain-report-j2 plain-pair
time_run plain-tag-j1 "$RUNS" "$vb" tag -j 1 -q -l "$plain" -f csv -o /dev/null "$pcorpus"
# the default lexicons on the corpus the issue's figures are measured on
# (../shared/bench/README.md): the built-in set, as a user runs it, and
# English alone (lexicons/default.json, no detection), in turns
probe "after the plain lexicon"
echo "bench: the default lexicons on the peer corpus ($RUNS runs in turns, median)"
for ((k = 0; k < RUNS; k++)); do
  time_run dpeer-tag-j1-$k 1 "$vb" tag -j 1 -q -f csv -o /dev/null "$pcorpus"
  time_run dpeer-report-j1-$k 1 "$vb" report -j 1 -q -f csv -o /dev/null "$pcorpus"
  time_run dpeer-en-j1-$k 1 "$vb" report -j 1 -q -l "$root/lexicons/default.json" -f csv -o /dev/null "$pcorpus"
done
merge_turns dpeer-tag-j1 dpeer-report-j1 dpeer-en-j1
probe "after the default lexicons on the peer corpus"
pyref_seconds=- pyref_diff=- pyref_note=-
if [ "$PYREF" = 1 ]; then
  if "$PYREF_PYTHON" -c 'import icu, snowballstemmer' 2>/dev/null; then
    # in turns with Verbatim's report -j 1 on the same input, so that the
    # ratio does not depend on when a slow spell of the machine falls
    echo "bench: the Python reference on the plain lexicon, in turns with Verbatim report -j 1 ($RUNS runs, median)"
    for ((k = 0; k < RUNS; k++)); do
      time_run "pyref-$k" 1 sh -c "'$PYREF_PYTHON' '$here/peers/python_ref.py' '$pcorpus' '$plain' '$OUT/pyref-counts.csv' >> '$OUT/pyref.txt'"
      time_run "pyturn-$k" 1 "$vb" report -j 1 -q -l "$plain" -f csv -o /dev/null "$pcorpus"
    done
    merge_turns pyref pyturn
    if [ -s "$OUT/pyref-counts.csv" ] && grep -q '^seconds=' "$OUT/pyref.txt"; then
      # its own timed part, median over the runs like the wall clock
      pyref_seconds=$(sed -n 's/^seconds=//p' "$OUT/pyref.txt" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
      pyref_note=$(sed -n 's/^stemmer=//p' "$OUT/pyref.txt" | tail -n 1)
      python3 "$here/peers/compare.py" --detail "$OUT/pyref-detail.csv" "$OUT/plain-report-j1.csv" \
        "$OUT/pyref-counts.csv" > "$OUT/pyref-compare.txt" 2>> "$log" || true
      pyref_diff=$(sed -n 's/.*total_diff_pct=\([0-9.]*\).*/\1/p' "$OUT/pyref-compare.txt")
      pyref_diff=${pyref_diff:-?}
      echo "bench: Python reference counts vs Verbatim's: $(cat "$OUT/pyref-compare.txt")"
      [ "$pyref_note" = Stemmer.Stemmer ] ||
        echo "bench: warning: snowballstemmer runs $pyref_note, not PyStemmer's C stemmer (install python3-stemmer)" >&2
    else
      echo "bench: the Python reference failed; see $log" >&2
    fi
  else
    echo "bench: Python reference skipped: $PYREF_PYTHON cannot import icu and snowballstemmer" \
      "(apt-get install python3-icu python3-snowballstemmer python3-stemmer, or bench/peers/install.sh)" >&2
  fi
fi
if [ -n "$BASELINE" ]; then
  # in turns, so that a slow spell of the machine hits both alike, each
  # binary first in every other turn (as bench/ab.sh does)
  echo "bench: before/after, report -j 1: $BASELINE vs $vb"
  for ((k = 0; k < RUNS; k++)); do
    for side in $( ((k % 2)) && echo after before || echo before after); do
      bin=$vb
      [ "$side" = before ] && bin=$BASELINE
      time_run "$side-$k" 1 "$bin" report -j 1 -q -f csv -o /dev/null "$corpus"
    done
  done
  merge_turns before after
  probe "after before/after"
fi
if [ "$LANGS" = 1 ]; then
  # English-only input: what routing and detection cost, in turns
  english=$OUT/english-$ROWS.csv
  [ -s "$english" ] || "$gen" --rows "$ROWS" --seed "$SEED" --non-ascii 0 > "$english"
  echo "bench: languages on English-only input ($english), in turns"
  for ((k = 0; k < RUNS; k++)); do
    time_run "lang-en-$k" 1 "$vb" report -j 1 -q -l "$root/lexicons/default.json" -f csv -o /dev/null "$english"
    time_run "lang-all-$k" 1 "$vb" report -j 1 -q -f csv -o /dev/null "$english"
    [ -n "$BASELINE" ] &&
      time_run "lang-before-$k" 1 "$BASELINE" report -j 1 -q -f csv -o /dev/null "$english"
  done
  "$vb" report -j 1 -f csv -o /dev/null "$english" 2> "$OUT/lang-all.stderr" || true
  for side in en all before; do
    ls "$OUT/lang-$side-"*.time > /dev/null 2>&1 || continue
    merge_turns "lang-$side"
  done
  {
    echo "Languages on English-only input ($ROWS rows, --non-ascii 0), report -j 1, runs in turns (medians):"
    echo
    echo "| run | seconds | comments/s | / English-only -l | / before |"
    echo "|---|---|---|---|---|"
    en=$(cat "$OUT/lang-en.time") all=$(cat "$OUT/lang-all.time")
    before=$([ -s "$OUT/lang-before.time" ] && cat "$OUT/lang-before.time" || echo -)
    row() { # label seconds
      awk -v l="$1" -v s="$2" -v en="$en" -v b="$before" -v n="$ROWS" 'BEGIN {
        printf "| %s | %.2f | %.0f | %.3f | %s |\n", l, s, n / s, s / en,
          (b == "-" ? "-" : sprintf("%.3f", s / b)) }'
    }
    [ "$before" != - ] && row "before: $BASELINE, its built-in lexicon (English)" "$before"
    row "this build, -l lexicons/default.json (English only, nothing detected)" "$en"
    row "this build, default set (7 languages, each comment detected)" "$all"
    echo
    echo "- languages line of the default-set run: $(sed -n 's/^verbatim: languages: //p' "$OUT/lang-all.stderr")"
    echo
  } > "$OUT/languages.md"
  cat "$OUT/languages.md"
  probe "after the languages"
fi
if [ "$EVAL_ROWS" != 0 ]; then
  # eval on our gold corpus repeated with fresh ids, suggest on the first
  # EVAL_ROWS rows of the corpus; each output must not depend on -j
  echo "bench: eval and suggest on $EVAL_ROWS rows, -j 1 and -j 2"
  : > "$OUT/eval-suggest.txt" # this run's figures only
  gold=$OUT/gold-$EVAL_ROWS.csv part=$OUT/corpus-$EVAL_ROWS.csv
  [ -s "$gold" ] || python3 - "$root/corpora/gold/gold.csv" "$gold" "$EVAL_ROWS" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
out = csv.DictWriter(open(sys.argv[2], "w", newline=""), fieldnames=list(rows[0]))
out.writeheader()
for n in range(int(sys.argv[3])):
    r = dict(rows[n % len(rows)])
    r["id"] = "%s-%d" % (r["id"], n)
    out.writerow(r)
PY
  [ -s "$part" ] || head -n $((EVAL_ROWS + 1)) "$corpus" > "$part"
  # -j 1 and -j 2 in turns, so that a slow spell of the machine (it
  # is shared) hits both alike rather than one of the pair
  for ((k = 0; k < RUNS; k++)); do
    for j in 1 2; do
      time_run eval-j$j-$k 1 "$vb" eval -j $j -q --errors 3 -f csv -o "$OUT/eval-j$j.csv" --gold "$gold"
      time_run suggest-j$j-$k 1 "$vb" suggest -j $j -q -f csv -o "$OUT/suggest-j$j.csv" "$part"
    done
  done
  merge_turns eval-j1 eval-j2 suggest-j1 suggest-j2
  for cmd in eval suggest; do
    if cmp -s "$OUT/$cmd-j1.csv" "$OUT/$cmd-j2.csv"; then same=identical; else same=DIFFERENT; fi
    echo "$cmd $(t $cmd-j1) $(t $cmd-j2) $same" >> "$OUT/eval-suggest.txt"
  done
fi
"$vb" tag -j 1 -q --timings -f csv -o /dev/null "$corpus" 2> "$OUT/stages-tag.txt" || true
"$vb" report -j 1 -q --timings -f csv -o /dev/null "$corpus" 2> "$OUT/stages-report.txt" || true
"$vb" report -j 1 -q --timings -l "$plain" -f csv -o /dev/null "$pcorpus" 2> "$OUT/stages-plain-report.txt" || true
if [ "$BIG_ROWS" != 0 ]; then
  echo "bench: report over $BIG_ROWS rows streamed from the generator (memory)"
  /usr/bin/time -f "%e %M" -o "$OUT/big.t" sh -c \
    "'$gen' --rows $BIG_ROWS --seed $SEED --non-ascii $NON_ASCII | '$vb' report -q --by region --period month -f csv -o /dev/null -" >> "$log" 2>&1
  read -r big_wall big_rss < "$OUT/big.t"
fi

pg_load=- pg_query=- pg_diff=- sq_index=- sq_query=- sq_diff=-
if [ "$PEERS" = 1 ]; then
  echo "bench: PostgreSQL 15 full-text search (one backend)"
  "$here/peers/postgres.sh" "$corpus" "$root/lexicons/default.json" "$OUT/pg-counts.csv" > "$OUT/pg.txt" 2>> "$log"
  pg_load=$(sed -n 's/^load_seconds=//p' "$OUT/pg.txt")
  pg_query=$(sed -n 's/^query_seconds=//p' "$OUT/pg.txt")
  pg_diff=$(python3 "$here/peers/compare.py" "$OUT/report-j1.csv" "$OUT/pg-counts.csv" 2>> "$log" | sed -n 's/.*total_diff_pct=\([0-9.]*\).*/\1/p')
  echo "bench: SQLite FTS5"
  "$here/peers/sqlite.sh" "$corpus" "$root/lexicons/default.json" "$OUT/sqlite-counts.csv" > "$OUT/sqlite.txt" 2>> "$log"
  sq_index=$(sed -n 's/^index_seconds=//p' "$OUT/sqlite.txt")
  sq_query=$(sed -n 's/^query_seconds=//p' "$OUT/sqlite.txt")
  sq_diff=$(python3 "$here/peers/compare.py" "$OUT/report-j1.csv" "$OUT/sqlite-counts.csv" 2>> "$log" | sed -n 's/.*total_diff_pct=\([0-9.]*\).*/\1/p')
fi

r() { cat "$OUT/$1.rss"; }
# The host, first in results.md: the VM's CPU model changes between
# sessions (an AMD EPYC, then an Intel Xeon, both 2 cores), and the same
# build's figures differ by host by more than most changes measured here.
# The compiler is the one the measured build was configured with.
# Written with the tables, so a run that stops early leaves the last
# results.md whole.
machine() {
  local model caches cc
  model=$(lscpu 2> /dev/null | sed -n 's/^Model name: *//p' | head -1)
  caches=$(lscpu 2> /dev/null | sed -n 's/^\(L[23]\) cache: *\([^(]*\).*/\1 \2/p' | sed 's/ *$//' | paste -sd, - | sed 's/,/, /g')
  cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2> /dev/null)
  cc=$(readlink -f "${cc:-$(command -v cc)}") # /usr/bin/cc names no compiler
  echo "Machine: $(nproc) CPUs, ${model:-CPU model unknown}${caches:+ ($caches)}, kernel $(uname -r), $("${cc:-cc}" --version 2> /dev/null | head -1); verbatim $(git -C "$root" describe --always --dirty 2> /dev/null || echo "commit unknown")"
  echo
}
machine > "$results"
python3 - "$rows" "$bytes" "$(t cat)" "$(t tag-j1)" "$(t tag-j2)" "$(t report-j1)" \
  "$(t report-j2)" "$(t report-100k-j1)" "$(r tag-j1)" "$(r tag-j2)" "$(r report-j1)" \
  "$(r report-j2)" "$(r report-100k-j1)" "$(t report-pat-j1)" "$(r report-pat-j1)" \
  "$pg_load" "$pg_query" "$pg_diff" \
  "$sq_index" "$sq_query" "$sq_diff" "${big_wall:--}" "${big_rss:--}" "$BIG_ROWS" \
  "$OUT/stages-tag.txt" "$OUT/stages-report.txt" \
  "$([ -n "$BASELINE" ] && t before || echo -)" "$([ -n "$BASELINE" ] && t after || echo -)" \
  "${BASELINE:--}" "$(t plain-report-j1)" "$(t plain-report-j2)" "$(t plain-tag-j1)" \
  "$(r plain-report-j1)" "$(r plain-report-j2)" "$(r plain-tag-j1)" "$OUT/stages-plain-report.txt" \
  "$([ "$pyref_seconds" != - ] && t pyref || echo -)" "$([ "$pyref_seconds" != - ] && r pyref || echo -)" \
  "$pyref_seconds" "$pyref_diff" "$pyref_note" "$PYREF" \
  "$([ "$pyref_seconds" != - ] && t pyturn || echo -)" \
  "$(cmp -s "$OUT/plain-report-j1.csv" "$OUT/plain-report-j2.csv" && echo identical || echo different)" \
  "$prows" "$pbytes" "$(pair_ratios tag-j1 tag-j2)" "$(pair_ratios report-j1 report-j2)" \
  "$(pair_ratios plain-report-j1 plain-report-j2)" "$(pair_ratios plain-report-j1 plain-pair)" \
  "$(t dpeer-tag-j1)" "$(t dpeer-report-j1)" "$(t dpeer-en-j1)" \
  "$(r dpeer-tag-j1)" "$(r dpeer-report-j1)" "$(r dpeer-en-j1)" \
  "$([ -n "$BASELINE" ] && pair_ratios after before || echo -)" >> "$results" <<'EOF'
import re, sys
(rows, nbytes, cat, tag1, tag2, rep1, rep2, rep100k, rss_t1, rss_t2, rss_r1, rss_r2,
 rss_100k, reppat, rss_pat, pg_load, pg_query, pg_diff, sq_index, sq_query, sq_diff, big_wall, big_rss,
 big_rows, st_tag, st_rep, before, after, baseline, prep1, prep2, ptag1, rss_p1, rss_p2, rss_pt,
 st_plain, py, rss_py, py_inproc, py_diff, py_stemmer, pyref, pyturn, psame, prows,
 pbytes, pair_tag, pair_rep, pair_plain, pair_ceiling, dtag1, drep1, den1, rss_dt, rss_dr, rss_de,
 pair_after) = sys.argv[1:]
rows = int(rows); nbytes = int(nbytes); prows = int(prows); pbytes = int(pbytes)
f = lambda x: float(x)
def rate(sec): return rows / max(f(sec), 1e-3)
def prate(sec): return prows / max(f(sec), 1e-3)  # the peer corpus
print("Corpus: %d rows, %.1f MB (bench/run.sh; seconds are medians of wall clock)\n" % (rows, nbytes / 1e6))
print("| job | threads | seconds | comments/s | comments/s per core | MB/s per core | peak RSS |")
print("|---|---|---|---|---|---|---|")
for name, j, sec, rss in [("tag -f csv", 1, tag1, rss_t1), ("tag -f csv", 2, tag2, rss_t2),
                          ("report", 1, rep1, rss_r1), ("report", 2, rep2, rss_r2),
                          ("report, 100,000-term lexicon", 1, rep100k, rss_100k),
                          ("report, default + 2,000 patterns", 1, reppat, rss_pat)]:
    print("| %s | %d | %.2f | %.0f | %.0f | %.1f | %.1f MB |" % (
        name, j, f(sec), rate(sec), rate(sec) / j, nbytes / f(sec) / j / 1e6, int(rss) / 1024))
print()
print("- speedup -j 2 / -j 1: tag %.2fx, report %.2fx, report with the plain lexicon %.2fx"
      % (f(tag1) / f(tag2), f(rep1) / f(rep2), f(prep1) / f(prep2)))
print("- the same, median of the ratios of each pair of runs in turns: tag %.2fx, report %.2fx,"
      " report with the plain lexicon %.2fx" % (f(pair_tag), f(pair_rep), f(pair_plain)))
print("- the machine's ceiling for -j 2: two report -j 1 processes with the plain lexicon at once,"
      " in the same turns, did %.2fx the rows of one in the same time (median of the pairs);"
      " report -j 2 with the plain lexicon reached %.0f%% of it" % (2 * f(pair_ceiling),
      100 * f(pair_plain) / (2 * f(pair_ceiling))))
print("- 100,000-term lexicon / default lexicon (report -j 1): %.2fx slower" % (f(rep100k) / f(rep1)))
print("- default + 2,000 generated patterns (bench/gen_lexicon.py --patterns 2000) / default lexicon"
      " (report -j 1): %.2fx slower" % (f(reppat) / f(rep1)))
if big_wall != "-":
    print("- report --by region --period month over %s rows streamed from the generator: %.1f s, peak RSS %.1f MB"
          % (format(int(big_rows), ","), f(big_wall), int(big_rss) / 1024))
print()
for label, path in [("tag -j 1", st_tag), ("report -j 1", st_rep),
                    ("report -j 1, plain lexicon", st_plain)]:
    text = open(path).read()
    m = re.search(r"thread-seconds by stage: (.*); total ([0-9.]+)", text)
    if m:
        print("Stages, %s (--timings, thread-seconds): %s; total %s s\n" % (label, m.group(1), m.group(2)))
if before != "-":
    print("Before/after, report -j 1 with each binary's built-in default lexicon, runs in turns (medians):\n")
    print("| binary | seconds | comments/s | after / before |")
    print("|---|---|---|---|")
    print("| before: %s | %.2f | %.0f | - |" % (baseline, f(before), rate(before)))
    print("| after: this build | %.2f | %.0f | %.2f |" % (f(after), rate(after), f(after) / f(before)))
    print("\n- after / before as the median of the ratios of each turn's two runs"
          " (each binary first in every other turn): %.3f" % f(pair_after))
    print()
print("| tool | seconds | comments/s | seconds / Verbatim report -j 1 | theme x group counts differ from ours by |")
print("|---|---|---|---|---|")
print("| Verbatim report -j 1 | %.2f | %.0f | 1.00 | - |" % (f(rep1), rate(rep1)))
print("| Verbatim report -j 2 | %.2f | %.0f | %.2f | 0%% |" % (f(rep2), rate(rep2), f(rep2) / f(rep1)))
print("| cat (I/O floor) | %.2f | %.0f | %.3f | - |" % (f(cat), rate(cat), f(cat) / f(rep1)))
if pg_query != "-":
    print("| PostgreSQL 15 FTS, ad-hoc query, 1 worker | %.2f | %.0f | %.3f | %s%% |" % (
        f(pg_query), rate(pg_query), f(pg_query) / f(rep1), pg_diff))
    print("| PostgreSQL 15, load (COPY), apart | %.2f | %.0f | - | - |" % (f(pg_load), rate(pg_load)))
if sq_index != "-":
    tot = f(sq_index) + f(sq_query)
    print("| SQLite FTS5, index + queries | %.2f | %.0f | %.2f | %s%% |" % (tot, rows / tot, tot / f(rep1), sq_diff))
    print("| SQLite FTS5, queries only | %.2f | %.0f | %.2f | - |" % (f(sq_query), rate(sq_query), f(sq_query) / f(rep1)))
print()
print("Plain lexicon: the issue's peer corpus (bench/peers/gen_peer_corpus.py --seed 42, %d rows, %.1f MB) and its 128-term peer lexicon (bench/peers/peer-lexicon.json; no patterns, no NEAR):\n" % (prows, pbytes / 1e6))
print("| runner | threads | seconds | comments/s | comments/s per core | seconds / Verbatim report -j 1 | theme x group counts differ from Verbatim report -j 1 by |")
print("|---|---|---|---|---|---|---|")
print("| Verbatim report | 1 | %.2f | %.0f | %.0f | 1.00 | - |" % (f(prep1), prate(prep1), prate(prep1)))
print("| Verbatim report | 2 | %.2f | %.0f | %.0f | %.2f | %s |" % (f(prep2), prate(prep2), prate(prep2) / 2, f(prep2) / f(prep1),
                                                        "0% (byte-identical)" if psame == "identical" else "OUTPUT DIFFERS"))
print("| Verbatim tag -f csv | 1 | %.2f | %.0f | %.0f | %.2f | - |" % (f(ptag1), prate(ptag1), prate(ptag1), f(ptag1) / f(prep1)))
if py != "-":
    print("| Python reference (PyICU + snowballstemmer, %s), whole process | 1 | %.2f | %.0f | %.0f | %.2f | %s%% |"
          % (py_stemmer, f(py), prate(py), prate(py), f(py) / f(prep1), py_diff))
    print("| Python reference, its own timed part (read, analyse, count; median) | 1 | %.2f | %.0f | %.0f | %.2f | - |"
          % (f(py_inproc), prate(py_inproc), prate(py_inproc), f(py_inproc) / f(prep1)))
    print()
    print("- plain lexicon, Verbatim report -j 1 / Python reference: %.2fx the comments/s (whole process, both"
          " sides; run in turns, medians: Python %.2f s, Verbatim %.2f s)" % (f(py) / f(pyturn), f(py), f(pyturn)))
elif pyref == "1":
    print()
    print("- Python reference: skipped (PyICU or snowballstemmer missing; bench/peers/install.sh)")
print()
print("Default lexicons on the same peer corpus (the corpus the issue's figures are measured on), runs in turns:\n")
print("| job | threads | seconds | comments/s | peak RSS |")
print("|---|---|---|---|---|")
for name, sec, rss in [("tag -f csv, built-in lexicons (every shipped language, detected)", dtag1, rss_dt),
                       ("report, built-in lexicons", drep1, rss_dr),
                       ("report, -l lexicons/default.json (English only, no detection)", den1, rss_de)]:
    print("| %s | 1 | %.2f | %.0f | %.1f MB |" % (name, f(sec), prate(sec), int(rss) / 1024))
EOF
# the default lexicons' runs one by one: the built-in set's report is
# the figure nearest its target (issue 15: 500,000 comments/s), and a
# median of five hides how many runs made it
runs_in_turns() {
  local k out=""
  for ((k = 0; k < RUNS; k++)); do out="$out $(t "$1-$k")"; done
  echo "${out# }"
}
report_runs=$(runs_in_turns dpeer-report-j1)
{
  echo
  echo "- each run in turn order, seconds: tag $(runs_in_turns dpeer-tag-j1); report $report_runs; English alone $(runs_in_turns dpeer-en-j1)"
  awk -v rows="$prows" -v runs="$report_runs" 'BEGIN {
    n = split(runs, s, " ")
    for (i = 1; i <= n; i++) k += rows / s[i] >= 500000
    printf "- report with the built-in lexicons: %d of %d runs at 500,000 comments/s or more (the target of issue 15)\n", k, n
  }'
  echo
} >> "$results"
[ "$LANGS" = 1 ] && cat "$OUT/languages.md" >> "$results"
if [ -s "$OUT/eval-suggest.txt" ]; then
  {
    echo "eval and suggest, $EVAL_ROWS rows (eval: corpora/gold repeated with fresh ids; suggest: the corpus's first rows), -j 1 and -j 2 in turns, medians:"
    echo
    echo "| command | -j 1 s | -j 2 s | speedup | output -j 1 vs -j 2 |"
    echo "|---|---|---|---|---|"
    while read -r cmd a b same; do
      echo "| $cmd | $a | $b | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2fx", a / b }') | $same |"
    done < "$OUT/eval-suggest.txt"
    echo
  } >> "$results"
fi
probe "end"
if [ -s "$OUT/probes.txt" ]; then
  {
    echo
    echo "Host speed probe (bench/host_speed.c: the same fixed loop each time, so its seconds follow the CPU's speed; on this machine a slow spell takes about twice as long as a fast one):"
    echo
    echo "| when | CPU 0 s | CPU 1 s |"
    echo "|---|---|---|"
    sed 's/^/| /; s/$/ |/; s/|/ | /g; s/  */ /g; s/^ //' "$OUT/probes.txt"
    echo
  } >> "$results"
fi
cat "$results"
echo "bench: results in $results"
