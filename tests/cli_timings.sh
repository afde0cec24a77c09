#!/bin/sh
# Checks what --timings prints, for `tag` and `report`, on one and two
# threads: a line of wall-clock seconds (compiling the lexicons, the run)
# and a line of thread-seconds for the nine stages in the order a row
# goes through them, each with its share, and their total.  The figures
# are times, so only their form and their arithmetic are checked: every
# one a number, the lexicons more than zero (compiling the built-in set
# takes milliseconds), the shares and the total agreeing with the stages.
# Usage: cli_timings.sh VERBATIM_BINARY SAMPLE_CSV
set -u
vb=$1
sample=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for cmd in tag report; do
  for jobs in 1 2; do
    "$vb" $cmd -j $jobs -q --timings -o "$tmp/out.csv" "$sample" 2>"$tmp/err"
    rc=$?
    if [ $rc != 0 ]; then
      echo "FAIL: $cmd -j $jobs --timings exited $rc"; cat "$tmp/err"
      fail=1; continue
    fi
    awk -v what="$cmd -j $jobs" '
      function bad(msg) { print "FAIL: " what ": " msg; failed = 1 }
      /^verbatim: wall-clock seconds: / {
        walls++
        if ($0 !~ /^verbatim: wall-clock seconds: lexicons [0-9]+\.[0-9][0-9][0-9], run [0-9]+\.[0-9][0-9][0-9]$/)
          bad("wall-clock line: " $0)
        else if ($5 + 0 <= 0)
          bad("the lexicons took no time: " $0)
        next
      }
      /^verbatim: thread-seconds by stage: / {
        stages++
        line = $0
        sub(/^verbatim: thread-seconds by stage: /, "", line)
        n = split(line, part, /, |; /)
        if (n != 10) { bad(n " parts, not 9 stages and a total: " $0); next }
        split("read detect normalize segment stem match patterns aggregate write",
              want, " ")
        sum = 0
        for (i = 1; i <= 9; i++) {
          if (split(part[i], f, " ") != 3 || f[1] != want[i] ||
              f[2] !~ /^[0-9]+\.[0-9][0-9][0-9]$/ || f[3] !~ /^\([0-9]+%\)$/) {
            bad("stage " i " reads \"" part[i] "\", not " want[i] " S (P%)")
            continue
          }
          sec[i] = f[2] + 0
          pct[i] = substr(f[3], 2, length(f[3]) - 3) + 0
          sum += sec[i]
        }
        if (part[10] !~ /^total [0-9]+\.[0-9][0-9][0-9]$/) { bad("total: " part[10]); next }
        total = substr(part[10], 7) + 0
        # each figure is rounded to the millisecond
        if (total - sum > 0.005 || sum - total > 0.005)
          bad("the stages add up to " sum ", the total says " total)
        # a share is rounded to the point, from figures before rounding
        tol = total > 0 ? 0.5 + 100 * 0.001 / total : 0
        for (i = 1; i <= 9 && total > 0; i++) {
          d = pct[i] - 100 * sec[i] / total
          if (d > tol || -d > tol)
            bad(want[i] " is " pct[i] "% of " total "; its seconds say " \
                100 * sec[i] / total "%")
        }
        next
      }
      END {
        if (walls != 1) bad(walls + 0 " wall-clock lines, not 1")
        if (stages != 1) bad(stages + 0 " stage lines, not 1")
        exit failed
      }' "$tmp/err" || { cat "$tmp/err"; fail=1; }
  done
done
[ $fail = 0 ] && echo "cli timings: wall-clock and stage lines well formed"
exit $fail
