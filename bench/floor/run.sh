#!/bin/bash
# bench/floor/run.sh [BUILD] - what the default set's matching costs, and
# the fastest the default set could run if matching cost nothing
# (issue 15).
#
# On ROWS generated rows (the bench's corpus: seed 7, 10% non-ASCII; with
# CORPUS=peer, the issue's peer corpus: bench/peers/gen_peer_corpus.py,
# seed 42, as bench/run.sh makes it) it times `report -j 1` and
# `tag -f csv -j 1` RUNS times in turns with:
#   default   the built-in lexicons (English and six more languages);
#   english   lexicons/default.json alone (no language detection);
#   hollow    the seven lexicons with every theme's terms and excludes
#             replaced by one word that never occurs: the same languages,
#             detection, routing, analysis, reading and tallying, with
#             next to nothing to match;
#   hollow-en lexicons/default.json hollowed the same way.
# rows / hollow's time is the ceiling a faster matcher can approach; the
# difference default - hollow is what matching costs a comment today.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
ROWS=${ROWS:-200000} RUNS=${RUNS:-5}
OUT=${OUT:-$root/bench/out/floor}
vb=$build/verbatim
gen=$build/bench/verbatim-gen-corpus
[ -x "$vb" ] && [ -x "$gen" ] || { echo "floor: build first (make release)" >&2; exit 2; }
mkdir -p "$OUT/hollow"
. "$here/../corpora.sh"
case ${CORPUS:-bench} in
bench) corpus=$OUT/corpus-$ROWS.csv && bench_corpus "$gen" "$ROWS" "$corpus" ;;
peer) corpus=$OUT/peer-corpus-$ROWS.csv && peer_corpus "$ROWS" "$corpus" ;;
*) echo "floor: CORPUS is bench or peer" >&2; exit 2 ;;
esac
rows=$(rows_read "$vb" "$corpus")
[ -n "$rows" ] || rows=$ROWS
python3 - "$root/lexicons" "$OUT/hollow" <<'PY'
import json, os, sys
src, dst = sys.argv[1:]
def hollow(node, path="t"):
    """The node with every "terms" list replaced by one word no comment
    has, and every "exclude" list emptied."""
    if isinstance(node, list):
        return [hollow(x, f"{path}{i}") for i, x in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k == "terms" and isinstance(v, list):
            v = ["zzqx" + "".join(c for c in path if c.isalnum())]
        elif k == "exclude" and isinstance(v, list):
            v = []
        elif k == "examples":
            continue
        out[k] = hollow(v, path + k[:2])
    return out
for name in sorted(os.listdir(src)):
    if name.endswith(".json"):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            lex = json.load(f)
        lex["themes"] = hollow(lex["themes"])
        with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
            json.dump(lex, f, ensure_ascii=False)
PY
hollow_all=""
for f in "$OUT"/hollow/*.json; do hollow_all="$hollow_all -l $f"; done
"$vb" lint -q "$OUT"/hollow/*.json >/dev/null

declare -A args=(
  [default]=""
  [english]="-l $root/lexicons/default.json"
  [hollow]="$hollow_all"
  [hollow-en]="-l $OUT/hollow/default.json"
)
names="default english hollow hollow-en"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for job in report tag; do
  extra=""
  [ "$job" = tag ] && extra="-f csv"
  : >"$OUT/$job.times"
  for run in $(seq "$RUNS"); do
    for n in $names; do
      s=$(date +%s%N)
      "$vb" "$job" -j 1 -q $extra -o /dev/null ${args[$n]} "$corpus"
      e=$(date +%s%N)
      echo "$n $(( (e - s) / 1000 ))" >>"$OUT/$job.times"
    done
  done
  for n in $names; do
    us=$(grep "^$n " "$OUT/$job.times" | cut -d' ' -f2 | median)
    awk -v n="$n" -v us="$us" -v rows="$rows" -v job="$job" 'BEGIN {
      printf "%-6s %-9s %8.3f s %9.0f comments/s %6.2f us a comment\n",
             job, n, us / 1e6, rows / (us / 1e6), us / rows }'
  done
done | tee "$OUT/results.txt"
