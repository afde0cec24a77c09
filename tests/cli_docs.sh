#!/bin/sh
# Checks that each command's --help, docs/cli.md and the option parser
# agree: every option --help lists is in the docs' section for that command
# and is known to the parser, and every option the docs list is in --help.
# Usage: cli_docs.sh VERBATIM_BINARY DOCS_CLI_MD
set -u
vb=$1
doc=$2
fail=0
for cmd in tag report merge explain lint eval suggest; do
  help=$("$vb" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
  section=$(awk -v c="## \`verbatim $cmd" 'index($0, c) == 1 {on=1; next}
    /^## / {on=0} on' "$doc" | grep '^| `' | grep -o -- '--[a-z][a-z-]*' | sort -u)
  for o in $help; do
    echo "$section" | grep -qx -- "$o" || { echo "FAIL: $cmd $o is in --help but not in docs/cli.md"; fail=1; }
    if "$vb" $cmd "$o" </dev/null 2>&1 | grep -q "unknown option"; then
      echo "FAIL: $cmd $o is in --help but the parser does not know it"; fail=1
    fi
  done
  for o in $section; do
    echo "$help" | grep -qx -- "$o" || { echo "FAIL: $cmd $o is in docs/cli.md but not in --help"; fail=1; }
  done
done
[ $fail = 0 ] && echo "cli docs: --help, docs/cli.md and the parser agree"
exit $fail
