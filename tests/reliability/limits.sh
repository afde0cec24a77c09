#!/bin/sh
# Limits on lexicons give clear errors, never a crash or a silent skip: a
# file over 64 MiB, a term over 1,000 bytes, a phrase over 16 words.
# Each must exit 4 with a message naming the limit (file:line:column for
# the term).
# Usage: limits.sh VERBATIM_BINARY
set -u
vb=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_limits.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
{ printf '{"themes":[{"id":"t","label":"T","terms":["x"]}],"description":"'
  head -c 68000000 /dev/zero | tr '\0' a; printf '"}'; } > big.json
long=$(head -c 1200 /dev/zero | tr '\0' a)
printf '{"themes":[{"id":"t","label":"T","terms":["%s"]}]}' "$long" > longterm.json
printf '{"themes":[{"id":"t","label":"T","terms":["%s"]}]}' \
  "$(seq 1 20 | sed 's/^/w/' | paste -sd ' ' -)" > longphrase.json
fail=0
check() { # file expected-message
  "$vb" lint "$1" > out.txt 2>&1
  code=$?
  if [ $code -ne 4 ] || ! grep -q -- "$2" out.txt; then
    echo "FAIL: $1: exit $code: $(head -c 300 out.txt)"; fail=1
  fi
}
check big.json "larger than 67108864 bytes"
check longterm.json "longterm.json:1:[0-9]*: term is 1200 bytes long; the limit is 1000"
check longphrase.json "has 20 words; a phrase has at most 16"
[ $fail = 0 ] && echo "ok: lexicon size, term length and phrase length limits give clear errors"
exit $fail
