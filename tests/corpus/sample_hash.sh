#!/bin/sh
# corpora/sample.csv regenerates to its documented hash.
#
#   sample_hash.sh GENERATOR SOURCE_DIR
#
# The SHA-256 is read from corpora/README.md (the one 64-hex-digit string
# there), so the document cannot drift: a fresh `--rows 5000 --seed 42`
# run, the stored corpora/sample.csv and the header comment of
# bench/gen_corpus.c must all carry that hash.
set -u
gen=$1 root=$2
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# the_hash FILE: the one 64-hex-digit string in FILE, or an error
the_hash() {
  grep -o '[0-9a-f]\{64\}' "$1" > "$tmp/hashes"
  if [ "$(wc -l < "$tmp/hashes")" -ne 1 ]; then
    echo "sample_hash: $1 must name exactly one SHA-256, found $(wc -l < "$tmp/hashes")" >&2
    return 1
  fi
  cat "$tmp/hashes"
}

doc=$(the_hash "$root/corpora/README.md") || exit 1
head=$(the_hash "$root/bench/gen_corpus.c") || exit 1
"$gen" --rows 5000 --seed 42 -o "$tmp/sample.csv" || { echo "sample_hash: the generator failed" >&2; exit 1; }
fresh=$(sha256sum < "$tmp/sample.csv" | cut -d' ' -f1)
stored=$(sha256sum < "$root/corpora/sample.csv" | cut -d' ' -f1)

check() { # check WHAT HASH
  if [ "$2" != "$doc" ]; then
    echo "sample_hash: $1 has SHA-256 $2, corpora/README.md documents $doc" >&2
    fail=1
  fi
}
check "verbatim-gen-corpus --rows 5000 --seed 42" "$fresh"
check "corpora/sample.csv (stored)" "$stored"
check "the header comment of bench/gen_corpus.c" "$head"
if [ "$fail" = 0 ]; then
  echo "sample_hash: fresh run, stored file and both documents agree on $doc"
elif [ "$fresh" != "$stored" ]; then
  cmp "$tmp/sample.csv" "$root/corpora/sample.csv" >&2
fi
exit $fail
