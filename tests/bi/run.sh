#!/bin/sh
# docs/bi.md runs as written.  Every fenced block under a `## ... (tested)`
# heading is run in order, in one scratch folder that holds a copy of
# corpora/sample.csv, as a reader would from the repository's top folder:
#   ```sh    blocks by sh, with `verbatim` the binary under test;
#   ```sql   blocks by sqlite3 on one database (bi.db), so tables persist;
#   ```text  the output of the block just before it, byte for byte.
# A block whose output is not shown must print nothing; nothing may go to
# stderr except verbatim's counts and languages lines.  After the blocks, the loaded
# report must hold no empty strings in its numeric columns (the NULLIF
# step the doc teaches).  VB_DOCS_UPDATE=1 rewrites the ```text blocks
# from the actual output (read every changed line before committing; the
# prose around them may need the same care).
# Usage: run.sh VERBATIM_BINARY DOC_MD REPO_DIR
set -u
vb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
doc=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
repo=$(cd "$3" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_bi.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/blocks" "$work/run" "$work/run/corpora"
cp "$repo/corpora/sample.csv" "$work/run/corpora/"

# blocks/NNN.LANG with an index "NNN LANG FIRST_LINE LAST_LINE" (the lines
# of the block's content, between its fences)
awk -v dir="$work/blocks" '
  /^## / { tested = ($0 ~ /\(tested\)$/) }
  /^```/ {
    if (!inb) { inb = 1; n++; lang = substr($0, 4); first = NR + 1
                f = sprintf("%s/%03d.%s", dir, n, lang)
                if (tested) printf "" > f
                next }
    inb = 0
    if (tested) { close(f); printf "%03d %s %d %d\n", n, lang, first, NR - 1 >> (dir "/index") }
    next
  }
  inb && tested { print >> f }
' "$doc"
[ -s "$work/blocks/index" ] || { echo "FAIL: no (tested) blocks in $doc"; exit 1; }

cd "$work/run" || exit 1
fail=0
ran_sh=0 ran_sql=0 shown=0
pending= pending_name=
unshown() { # an output no ```text block showed must be empty
  if [ -n "$pending" ] && [ -s "$pending" ]; then
    echo "FAIL: $pending_name prints output the doc does not show:"
    head -5 "$pending"
    fail=1
  fi
}
: >"$work/updates"
while read -r n lang first last; do
  b="$work/blocks/$n.$lang"
  name="block at $(basename "$doc"):$((first - 1))"
  case $lang in
  sh | sql)
    unshown
    out="$work/out.$n" err="$work/err.$n"
    if [ "$lang" = sh ]; then
      { echo 'verbatim() { "$VB" "$@"; }'; cat "$b"; } |
        VB=$vb sh -e >"$out" 2>"$err"
      rc=$?
      grep -v -e '^verbatim: read [0-9]*, tagged' -e '^verbatim: languages: ' "$err" >"$err.other"
      ran_sh=$((ran_sh + 1))
    else
      sqlite3 -batch -bail bi.db <"$b" >"$out" 2>"$err.other"
      rc=$?
      ran_sql=$((ran_sql + 1))
    fi
    if [ $rc != 0 ] || [ -s "$err.other" ]; then
      echo "FAIL: $name exits $rc:"
      head -5 "$err.other"
      fail=1
    fi
    pending=$out pending_name=$name
    ;;
  text)
    if [ -z "$pending" ]; then
      echo "FAIL: $name: a text block with no command before it"
      fail=1
    elif [ "${VB_DOCS_UPDATE:-}" = 1 ]; then
      echo "$first $last $pending" >>"$work/updates"
    elif ! cmp -s "$pending" "$b"; then
      echo "FAIL: $pending_name: the doc shows other output than it prints:"
      diff -u "$b" "$pending" | head -20
      fail=1
    fi
    shown=$((shown + 1))
    pending=
    ;;
  *)
    echo "FAIL: $name: unknown block language '$lang' in a tested section"
    fail=1
    ;;
  esac
done <"$work/blocks/index"
unshown

if [ "${VB_DOCS_UPDATE:-}" = 1 ]; then # replace each text block's lines
  awk -v updates="$work/updates" '
    BEGIN { while ((getline l < updates) > 0) { split(l, u, " ")
              last[u[1]] = u[2]; file[u[1]] = u[3] } }
    FNR in last { while ((getline o < file[FNR]) > 0) print o
                  close(file[FNR])
                  if (last[FNR] < FNR) { print; next } # was empty: a fence
                  skip = last[FNR] }
    skip { if (FNR == skip) skip = 0; next }
    { print }
  ' "$doc" >"$work/doc.new"
  cp "$work/doc.new" "$doc"
  echo "bi docs: rewrote the output blocks of $doc"
  exit 0
fi

# the numeric columns of the loaded report hold numbers or NULL, never ''
for col in responses with_text mentions share share_low share_high nps \
  nps_margin theme_nps impact dp_p_value dp_significant prev_share \
  change_p_value below_min_responses; do
  n=$(sqlite3 -batch bi.db "SELECT count(*) FROM report WHERE typeof($col) NOT IN ('integer', 'real', 'null')" 2>&1)
  if [ "$n" != 0 ]; then
    echo "FAIL: report.$col holds $n values that are not numbers or NULL after the doc's load"
    fail=1
  fi
done
if [ $ran_sh = 0 ] || [ $ran_sql -lt 3 ] || [ $shown -lt 3 ]; then
  echo "FAIL: only $ran_sh sh and $ran_sql sql blocks ran, $shown outputs checked"
  fail=1
fi
[ $fail = 0 ] && echo "bi docs: $ran_sh sh and $ran_sql sql blocks ran; $shown shown outputs match"
exit $fail
