#!/bin/bash
# Checks that `verbatim` puts its heap on huge pages where the kernel
# gives them on request (main.c, heap_on_huge_pages): while a run waits
# for its input, its heap must have a mapping marked for huge pages
# (VmFlags "hg" in /proc/PID/smaps), and the run must then finish as
# usual.  Whether the kernel grants the pages is its business, so only
# the request is checked.  Under a limit on the data segment (ulimit -d)
# the heap must not grow for them, as the growth counts against the
# limit: with 60 MB, the sample's report (-j 1) fits only without it.
# Skipped (77) where the kernel has no transparent huge pages or they are
# off.  Not for sanitizer builds, whose malloc is not glibc's heap.
# Usage: cli_huge_pages.sh VERBATIM_BINARY SAMPLE_CSV
set -u
vb=$1
sample=$2
mode=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null) || mode=""
case "$mode" in
"" | *"[never]"*)
  echo "SKIP: transparent huge pages are off or absent ($mode)"
  exit 77
  ;;
esac
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkfifo "$tmp/in"
# The run blocks opening the FIFO until a writer comes: by then main has
# set up its heap.
"$vb" report -q -o "$tmp/out.csv" "$tmp/in" 2>"$tmp/err" &
pid=$!
marked=""
tries=0
while [ $tries -lt 200 ] && [ -z "$marked" ]; do
  marked=$(awk '/^[0-9a-f]+-[0-9a-f]+ / { heap = ($NF == "[heap]") }
                heap && /^VmFlags:/ && / hg( |$)/ { print "yes"; exit }' \
    "/proc/$pid/smaps" 2>/dev/null)
  [ -n "$marked" ] || sleep 0.05
  tries=$((tries + 1))
done
printf 'id,score,comment\n1,3,"the delivery was late"\n' >"$tmp/in"
wait "$pid"
rc=$?
pid=""
fail=0
if [ -z "$marked" ]; then
  echo "FAIL: no heap mapping of the run is marked for huge pages (hg)"
  fail=1
fi
if [ $rc != 0 ]; then
  echo "FAIL: the run exited $rc"
  cat "$tmp/err"
  fail=1
elif ! grep -q '^shipping,' "$tmp/out.csv"; then
  echo "FAIL: the report has no shipping row"
  cat "$tmp/out.csv"
  fail=1
fi
if ! (ulimit -d 60000 && "$vb" report -j 1 -q -o "$tmp/limited.csv" \
  "$sample" 2>"$tmp/err"); then
  echo "FAIL: the sample's report -j 1 does not run under ulimit -d 60000"
  cat "$tmp/err"
  fail=1
fi
[ $fail = 0 ] && echo "cli huge pages: the heap is marked for huge pages," \
  "and not under a data limit"
exit $fail
