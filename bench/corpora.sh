# shellcheck shell=bash
# bench/corpora.sh - the bench's two generated corpora and their row
# count, sourced by the bench scripts so that each script measures the
# same text (run.sh, exact.sh, floor/run.sh, vectorscan/run.sh).
#
#   bench_corpus GEN ROWS FILE [SEED NON_ASCII]  the bench's own corpus
#       (verbatim-gen-corpus; seed 7, 10% non-ASCII unless given)
#   peer_corpus ROWS FILE  the issue's peer corpus (a copy of
#       ../shared/bench/gen_peer_corpus.py, seed 42)
#   rows_read VB FILE      the rows verbatim reads from FILE (the peer
#       generator does not write exactly ROWS)
# The corpus functions write FILE only when it is missing or empty.

bench_corpus() {
  [ -s "$3" ] || "$1" --rows "$2" --seed "${4:-7}" --non-ascii "${5:-0.10}" -o "$3"
}

peer_corpus() {
  [ -s "$2" ] || python3 "$(dirname "${BASH_SOURCE[0]}")/peers/gen_peer_corpus.py" \
    --seed 42 --rows "$1" --out "$2"
}

rows_read() {
  "$1" report -f csv -o /dev/null "$2" 2>&1 | sed -n 's/.*read \([0-9]*\),.*/\1/p'
}
