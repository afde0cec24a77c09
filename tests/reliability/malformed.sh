#!/bin/sh
# Malformed corpora: NUL bytes, a 100 MB field, a million columns, broken
# quoting, ragged rows, invalid UTF-8, a header only, an empty file.  For
# each: no crash (exit 0, 1 or 3 with a message), the counts line holds
# read = tagged + rejected, and every rejected row is in the rejects file
# with its line number.  (tests/golden/bad_* check the exact messages.)
# Usage: malformed.sh VERBATIM_BINARY
set -u
vb=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_malformed.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
printf 'id,score,comment\n1,9,fine\000 delivery\n2,3,"quoted\000nul"\n3,5,ok\n' > nul.csv
{ printf 'id,score,comment\n1,9,good delivery\n2,3,"'
  head -c 104857600 /dev/zero | tr '\0' x
  printf '"\n3,5,late delivery\n'; } > bigfield.csv
{ printf 'comment,score,'; seq 1 1000000 | sed 's/^/c/' | paste -sd, -
  printf 'late delivery,3'; seq 1 1000000 | sed 's/.*/x/' | paste -sd '\0' - | sed 's/x/,x/g'
  printf 'fine,9\n'; } > columns.csv
printf 'id,score,comment\n1,9,"unclosed\n2,3,fine\n3,4,"a"b"\n' > quoting.csv
printf 'id,score,comment\n1,9,fine\n2,3\n3,4,ok,extra\n4,5,good\n' > ragged.csv
printf 'id,score,comment\n1,9,caf\351 \377\376 delivery\n2,3,ok\n' > utf8.csv
printf 'id,score,comment\n' > header_only.csv
: > empty.csv
fail=0
for f in nul bigfield columns quoting ragged utf8 header_only empty; do
  "$vb" tag -q -f long -o out.csv --rejects rejects.csv $f.csv 2> err.txt
  code=$?
  "$vb" tag -f long -o out.csv --rejects rejects.csv $f.csv 2> counts.txt
  case $code in
    0|1) ;;
    3) [ $f = empty ] || { echo "FAIL: $f: exit 3"; fail=1; } ;;
    *) echo "FAIL: $f: exit $code"; cat err.txt; fail=1; continue ;;
  esac
  [ $f = empty ] && { grep -q "verbatim:" counts.txt || { echo "FAIL: empty: no message"; fail=1; }; continue; }
  # the counts line (a warning line with the main reasons may come first)
  set -- $(grep '^verbatim: read ' counts.txt | tr -dc '0-9 ,' | tr ',' ' ')
  read=$1 tagged=$2 rejected=$4
  if [ "$read" -ne $((tagged + rejected)) ]; then
    echo "FAIL: $f: $(cat counts.txt)"; fail=1
  fi
  listed=$(grep -c '^[0-9][0-9]*,' rejects.csv)
  if [ "$listed" -ne "$rejected" ]; then
    echo "FAIL: $f: $rejected rejected but $listed rows in the rejects file"; fail=1
  fi
  echo "$f: $(cat counts.txt)"
done
[ $fail = 0 ] && echo "ok: every malformed corpus read, counted and accounted for"
exit $fail
