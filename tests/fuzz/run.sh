#!/bin/sh
# Runs every libFuzzer target for SECONDS seconds from its seed corpus in
# tests/fuzz/corpus/TARGET (the seeds are copied: new inputs stay in the
# build folder).  A crash, leak, hang (10 s) or abort fails the run and is
# kept as BUILD/fuzz-artifacts/TARGET-crash-...; add it to the seeds once
# fixed, as a regression input.
# Usage: run.sh BUILD_DIR SECONDS
set -u
build=$1
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
fail=0
mkdir -p "$build/fuzz-artifacts"
for target in lexicon match reader partial detect; do
  work="$build/fuzz-corpus/$target"
  mkdir -p "$work"
  cp "$here/corpus/$target/"* "$work/"
  # The reader reads from memory fast enough to explore inputs of several
  # kB (rows past a small buffer, gzip members, long quoted fields); the
  # length grows from the seeds' as coverage stalls.
  max_len=65536
  [ "$target" = reader ] && max_len=8192
  echo "fuzz: $target for $seconds s"
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=$max_len -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$target-" "$work" \
      > "$build/fuzz-$target.log" 2>&1; then
    echo "FAIL: fuzz_$target found a problem:"
    grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$build/fuzz-$target.log" | head -8
    fail=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$build/fuzz-$target.log" | tail -2
  fi
done
exit $fail
