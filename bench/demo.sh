#!/bin/sh
# `make demo`: runs Verbatim on the bundled sample corpus with the default
# lexicon: the theme report (printed, and written as tidy CSV, JSON and an
# HTML page), the tagged rows, and one comment explained.  Argument: the
# build directory.
set -eu
build=${1:-build/release}
vb="$build/verbatim"
out="$build/demo"
mkdir -p "$out"
echo "== verbatim report corpora/sample.csv --top 15"
"$vb" report corpora/sample.csv -f table --top 15
"$vb" report corpora/sample.csv -q -o "$out/report.csv"
"$vb" report corpora/sample.csv -q -o "$out/report.json"
"$vb" report corpora/sample.csv -q --by region --period quarter -o "$out/report-by-region-quarter.csv"
"$vb" report corpora/sample.csv -q --by region --period quarter -o "$out/report.html"
echo
echo "== verbatim tag corpora/sample.csv -o $out/tagged.csv --rejects $out/rejects.csv"
"$vb" tag corpora/sample.csv -o "$out/tagged.csv" --rejects "$out/rejects.csv"
echo
echo "== the first tagged rows as NDJSON (-f ndjson): id, score, group, themes, each match"
"$vb" tag corpora/sample.csv -f ndjson -q | head -3 | cut -c1-200
echo
echo "== verbatim explain \"The delivery was late again and support never answered\""
"$vb" explain "The delivery was late again and support never answered"
echo
echo "Written: $out/report.csv, $out/report.json, $out/report-by-region-quarter.csv,"
echo "         $out/tagged.csv (BI loading: docs/bi.md; figures: docs/metrics.md)"
echo "The report as a page (open it in a browser; docs/report-html.md):"
echo "         $out/report.html"
