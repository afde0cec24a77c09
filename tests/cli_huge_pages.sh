#!/bin/bash
# Checks that `verbatim` puts its heap on huge pages where the kernel
# gives them on request, and only where that costs no budget the user set
# (main.c, heap_on_huge_pages).  A run is started on a FIFO and looked at
# while it waits to open it, after main has set up its heap:
#   - with no limit, a heap mapping must be marked for huge pages
#     (VmFlags "hg" in /proc/PID/smaps), and the run must then finish as
#     usual.  Whether the kernel grants the pages is its business, so
#     only the request is checked;
#   - under a limit on the data segment or the address space (ulimit -d,
#     -v; a large one, so that nothing else fails), no mapping may be
#     marked, as the heap's growth would count against the limit.
# And the sample's report (-j 1) must run under ulimit -d 60000, which it
# fits only without that growth.  Skipped (77) where the kernel has no
# transparent huge pages or they are off.  Not for sanitizer builds,
# whose malloc is not glibc's heap.
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
fail=0

# heap_marked LIMIT...: runs `report` on a FIFO under `ulimit LIMIT...`
# (none when no argument), waits until it blocks opening the FIFO, and
# sets `got` to "marked" or "unmarked"; then lets it finish, and checks
# that it ran as usual.  A run that never gets there (it ended, or hangs
# elsewhere) is killed: writing to a FIFO nobody opens would wait
# forever.
heap_marked() {
  rm -f "$tmp/in"
  mkfifo "$tmp/in"
  (
    [ $# = 0 ] || ulimit "$@" || exit 99
    exec "$vb" report -q -o "$tmp/out.csv" "$tmp/in" 2>"$tmp/err"
  ) &
  pid=$!
  local waited=0 state=""
  while [ $waited -lt 600 ]; do
    state=$(cat "/proc/$pid/wchan" 2>/dev/null)
    [ "$state" = wait_for_partner ] && break
    # ended: gone, or a zombie not yet waited for
    kill -0 "$pid" 2>/dev/null || break
    [ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
    sleep 0.05
    waited=$((waited + 1))
  done
  if [ "$state" != wait_for_partner ]; then
    echo "FAIL: ulimit $*: the run never waited on its input (wchan '$state')"
    cat "$tmp/err"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
    got=unknown
    fail=1
    return
  fi
  if awk '/^[0-9a-f]+-[0-9a-f]+ / { heap = ($NF == "[heap]") }
            heap && /^VmFlags:/ && / hg( |$)/ { found = 1 }
            END { exit !found }' "/proc/$pid/smaps"; then
    got=marked
  else
    got=unmarked
  fi
  printf 'id,score,comment\n1,3,"the delivery was late"\n' >"$tmp/in"
  wait "$pid"
  local rc=$?
  pid=""
  if [ $rc != 0 ]; then
    echo "FAIL: ulimit $*: the run exited $rc"
    cat "$tmp/err"
    fail=1
  elif ! grep -q '^shipping,' "$tmp/out.csv"; then
    echo "FAIL: ulimit $*: the report has no shipping row"
    cat "$tmp/out.csv"
    fail=1
  fi
}

heap_marked
if [ "$got" != marked ]; then
  echo "FAIL: with no limit the heap is $got, not marked for huge pages (hg)"
  fail=1
fi
for limit in "-d 8000000" "-v 8000000"; do
  # shellcheck disable=SC2086 # the option and its value, as two words
  heap_marked $limit
  if [ "$got" != unmarked ]; then
    echo "FAIL: under ulimit $limit the heap is $got, not left unmarked"
    fail=1
  fi
done
if ! (ulimit -d 60000 && "$vb" report -j 1 -q -o "$tmp/limited.csv" \
  "$sample" 2>"$tmp/err"); then
  echo "FAIL: the sample's report -j 1 does not run under ulimit -d 60000"
  cat "$tmp/err"
  fail=1
fi
[ $fail = 0 ] && echo "cli huge pages: the heap is marked for huge pages," \
  "and not under a limit"
exit $fail
