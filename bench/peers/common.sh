# Sourced by the peer scripts: their arguments (CORPUS LEXICON OUT_COUNTS_CSV)
# checked into $corpus $lexicon $out, $here, and the timing helpers.
usage() { echo "usage: $0 CORPUS LEXICON OUT_COUNTS_CSV" >&2; exit 2; }
[ $# -eq 3 ] || usage
corpus=$1 lexicon=$2 out=$3
[ -r "$corpus" ] || { echo "$0: cannot read $corpus" >&2; exit 2; }
[ -r "$lexicon" ] || { echo "$0: cannot read $lexicon" >&2; exit 2; }
[ -w "$(dirname "$out")" ] || { echo "$0: cannot write in $(dirname "$out")" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
