#!/bin/bash
# bench/vectorscan/run.sh [BUILD] - Vectorscan as the pattern prefilter,
# measured beside what Verbatim spends on pattern terms (issue 15).
#
# It installs libvectorscan-dev when missing (root), builds eval.c, and
# on ROWS generated rows (the bench's corpus, seed 7):
#   1. runs eval.c on the lexicon's pattern terms, with and without UCP;
#   2. runs `verbatim report -j 1` with the lexicon and with the same
#      lexicon less its pattern terms, RUNS times in turns: the difference
#      of the medians is what the pattern terms cost Verbatim today (its
#      prefilter, PCRE2, and the exclude bookkeeping).
# The comments eval.c reads are NFKC + casefold by Python, near enough to
# ICU's NFKC_Casefold for timing; Verbatim normalizes its own.
# Vectorscan is not a dependency of Verbatim: bench/RESULTS.md ("Vectorscan
# evaluated") says why.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
ROWS=${ROWS:-200000} RUNS=${RUNS:-5}
LEXICON=${LEXICON:-$root/lexicons/default.json}
OUT=${OUT:-$root/bench/out/vectorscan}
vb=$build/verbatim
gen=$build/bench/verbatim-gen-corpus
[ -x "$vb" ] && [ -x "$gen" ] || { echo "vectorscan: build first (make release)" >&2; exit 2; }
if [ ! -f /usr/include/hs/hs.h ]; then
  [ "$(id -u)" = 0 ] || { echo "vectorscan: apt-get install libvectorscan-dev (as root)" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libvectorscan-dev >/dev/null
fi
mkdir -p "$OUT"
cc -std=gnu11 -O2 -Wall -Wextra -o "$OUT/eval" "$here/eval.c" $(pkg-config --cflags --libs libhs libpcre2-8)

corpus=$OUT/corpus-$ROWS.csv
. "$here/../corpora.sh"
bench_corpus "$gen" "$ROWS" "$corpus"
python3 - "$LEXICON" "$corpus" "$OUT" <<'EOF'
import csv, json, sys, unicodedata
lexicon, corpus, out = sys.argv[1:]
patterns = []
def is_pattern(x):
    return isinstance(x, str) and len(x) > 2 and x[0] == "/" and x[-1] == "/"
def without_patterns(node):
    """The node with the pattern terms of its themes' "terms" and "exclude"
    removed (collected in patterns)."""
    if isinstance(node, list):
        return [without_patterns(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("terms", "exclude") and isinstance(v, list):
            patterns.extend(x[1:-1] for x in v if is_pattern(x))
            v = [x for x in v if not is_pattern(x)]
        out[k] = without_patterns(v)
    return out
with open(lexicon, encoding="utf-8") as f:
    lex = json.load(f)
with open(f"{out}/no-patterns.json", "w", encoding="utf-8") as f:
    json.dump(without_patterns(lex), f, ensure_ascii=False)
with open(f"{out}/patterns.txt", "w", encoding="utf-8") as f:
    f.write("".join(p + "\n" for p in patterns))
csv.field_size_limit(1 << 30)
with open(corpus, newline="", encoding="utf-8") as f, \
        open(f"{out}/texts.txt", "w", encoding="utf-8") as o:
    for row in csv.DictReader(f):
        text = unicodedata.normalize("NFKC", row["comment"]).casefold()
        o.write(" ".join(text.splitlines()) + "\n")
EOF
echo "== Vectorscan, UCP (the semantics PCRE2 has)"
"$OUT/eval" "$OUT/patterns.txt" "$OUT/texts.txt" || true
echo "== Vectorscan, no UCP"
"$OUT/eval" "$OUT/patterns.txt" "$OUT/texts.txt" --no-ucp || true

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { /usr/bin/time -f %e "$vb" report -j 1 -q -f csv -l "$1" -o /dev/null "$corpus" 2>&1 | tail -1; }
: > "$OUT/with.times"; : > "$OUT/without.times"
for _ in $(seq "$RUNS"); do
  run "$LEXICON" >> "$OUT/with.times"
  run "$OUT/no-patterns.json" >> "$OUT/without.times"
done
with=$(median < "$OUT/with.times") without=$(median < "$OUT/without.times")
rows=$("$vb" report -f csv -o /dev/null "$corpus" 2>&1 | sed -n 's/.*read \([0-9]*\),.*/\1/p')
echo "== Verbatim report -j 1, $rows rows, medians of $RUNS in turns"
awk -v w="$with" -v wo="$without" -v n="$rows" 'BEGIN {
  printf "with the pattern terms %.2f s, without %.2f s: the patterns cost %.0f ns a comment\n",
         w, wo, (w - wo) * 1e9 / n }'
