#!/bin/sh
# Checks that the manual page verbatim(1) keeps up with the tool: every
# command `verbatim --help` lists has a section, every option of each
# command's --help is in that command's section and the reverse, and the
# page renders without groff warnings.
# Usage: man_page.sh VERBATIM_BINARY MAN_PAGE
set -u
vb=$1
page=$2
fail=0
commands=$("$vb" --help | awk '/^Commands:/ {on=1; next} /^$/ {on=0}
  on && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || { echo "FAIL: verbatim --help lists no commands"; exit 1; }
for cmd in $commands; do
  # roff writes '-' as '\-'; the section runs to the next .SS or .SH
  section=$(awk -v c=".SS \"verbatim $cmd " 'index($0, c) == 1 {on=1; next}
    /^\.S[SH] / {on=0} on' "$page" | sed 's/\\-/-/g')
  if [ -z "$section" ]; then
    echo "FAIL: $cmd is in verbatim --help but has no section in $page"
    fail=1
    continue
  fi
  help=$("$vb" "$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
  # the options are the tags: the line after each .TP
  listed=$(echo "$section" | awk 'tag {print} {tag = ($0 == ".TP")}' |
    grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
  for o in $help; do
    echo "$listed" | grep -qx -- "$o" ||
      { echo "FAIL: $cmd $o is in --help but not in $page"; fail=1; }
  done
  for o in $listed; do
    echo "$help" | grep -qx -- "$o" ||
      { echo "FAIL: $cmd $o is in $page but not in --help"; fail=1; }
  done
done
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: groff warns: $warnings"; fail=1; }
fi
[ $fail = 0 ] && echo "man page: every command and option of --help is in verbatim(1)"
exit $fail
