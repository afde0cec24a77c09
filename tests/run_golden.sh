#!/bin/sh
# Runs one golden CLI test case.
#
# Usage: run_golden.sh VERBATIM_BINARY CASE_DIR
#
# A case folder holds `cmd`, a shell snippet in which `verbatim` runs the
# binary under test, $DATA is tests/data and $LEXICONS is lexicons/; any
# input files it reads; and the expectations:
#   expected.stdout / expected.stderr   compared byte for byte (when present)
#   expected.exit                       the exit code (default 0)
#   expected.NAME                       the file NAME the command must write
# The case runs in a scratch copy of its folder.  Paths under $DATA and
# $LEXICONS are printed as DATA and LEXICONS so expectations are portable.
# Set VB_GOLDEN_UPDATE=1 to rewrite the expectations from the actual run
# (then read every changed line before committing it).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
DATA="$here/data"
LEXICONS=$(cd "$here/../lexicons" 2>/dev/null && pwd || echo /nonexistent)
export DATA LEXICONS

work=$(mktemp -d "${TMPDIR:-/tmp}/vb_golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$case_dir"/. "$work"/
cd "$work" || exit 1
rm -f expected.*

verbatim() { ${VB_GOLDEN_WRAPPER:-} "$bin" "$@"; }
( . ./cmd ) >actual.stdout 2>actual.stderr
code=$?

portable() { sed -e "s#$DATA#DATA#g" -e "s#$LEXICONS#LEXICONS#g" "$1"; }

fail=0
if [ "${VB_GOLDEN_UPDATE:-}" = 1 ]; then # always record stdout and stderr
  touch "$case_dir/expected.stdout" "$case_dir/expected.stderr"
fi
check() { # expected-file actual-file
  if [ "${VB_GOLDEN_UPDATE:-}" = 1 ]; then
    portable "$2" >"$case_dir/$1"
  elif ! portable "$2" | cmp -s - "$case_dir/$1"; then
    echo "FAIL: $(basename "$case_dir"): $1 differs:"
    portable "$2" | diff -u "$case_dir/$1" - | head -40
    fail=1
  fi
}
for e in "$case_dir"/expected.*; do
  [ -e "$e" ] || continue
  name=${e##*/expected.}
  case $name in
    exit) ;;
    stdout|stderr) check "expected.$name" "actual.$name" ;;
    *) if [ -f "$name" ]; then check "expected.$name" "$name"; else
         echo "FAIL: $(basename "$case_dir"): the command did not write $name"
         fail=1; fi ;;
  esac
done
want=0
[ -f "$case_dir/expected.exit" ] && want=$(cat "$case_dir/expected.exit")
if [ "${VB_GOLDEN_UPDATE:-}" = 1 ]; then
  [ "$code" = 0 ] && rm -f "$case_dir/expected.exit" || echo "$code" >"$case_dir/expected.exit"
elif [ "$code" != "$want" ]; then
  echo "FAIL: $(basename "$case_dir"): exit code $code, expected $want"
  sed 's/^/  stderr: /' actual.stderr | head -20
  fail=1
fi
exit $fail
