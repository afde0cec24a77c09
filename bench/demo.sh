#!/bin/sh
# `make demo`: tags the bundled sample corpus with the default lexicon and
# shows what came out.  Argument: the build directory holding `verbatim`.
set -eu
build=${1:-build/release}
vb="$build/verbatim"
out="$build/demo"
mkdir -p "$out"
echo "== verbatim tag corpora/sample.csv -o $out/tagged.csv --rejects $out/rejects.csv"
"$vb" tag corpora/sample.csv -o "$out/tagged.csv" --rejects "$out/rejects.csv"
echo
echo "== the first rows as NDJSON (-f ndjson): id, score, group, themes, each match"
"$vb" tag corpora/sample.csv -f ndjson -q | head -5 | cut -c1-200
echo
echo "== comments mentioning each theme (from -f long)"
"$vb" tag corpora/sample.csv -f long -q -o "$out/long.csv"
tail -n +2 "$out/long.csv" | cut -d, -f2 | sort | uniq -c | sort -rn
echo
echo "== verbatim explain \"The delivery was late again and support never answered\""
"$vb" explain "The delivery was late again and support never answered"
