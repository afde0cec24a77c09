#!/bin/bash
# Peer benchmark: PostgreSQL 15 full-text search, ad hoc (no index).
#
#   bench/peers/postgres.sh CORPUS LEXICON OUT_COUNTS_CSV
#
# Starts a throwaway cluster in a temp dir (unix socket in that dir only, no
# TCP), loads CORPUS (CSV with header id,date,region,plan,score,comment) with
# COPY, then runs ONE query on one backend, no parallel workers, JIT off:
# to_tsvector('english', comment) per row, every theme's tsquery (from
# lexicon_queries.py) tested on it, counted per score group.  Prints
#   load_seconds=X.XXX    (wall clock around the COPY)
#   query_seconds=Y.YYY   (wall clock around the query)
# and writes OUT_COUNTS_CSV (theme,group,mentions).  Terms that the 'english'
# configuration drops or broadens (stop words) are listed on stderr.  The
# cluster is stopped and deleted at the end, also on error.
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), TMPDIR,
# PG_KEEP_LOG=1 to copy the server log next to OUT_COUNTS_CSV on failure,
# PG_TSCONFIG: the text search configuration, 'english' (default) or
# 'english_nostop' (created here: the same Snowball English stemmer without
# a stop word list, so that "not what I ordered" keeps its stop words) or
# any configuration PostgreSQL ships ('simple', ...).
set -euo pipefail

# shellcheck source=bench/peers/common.sh
. "$(dirname "$0")/common.sh"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
for b in initdb pg_ctl; do
  [ -x "$PG_BIN/$b" ] || { echo "$0: $PG_BIN/$b not found (bench/peers/install.sh)" >&2; exit 2; }
done
command -v psql >/dev/null || { echo "$0: psql not found" >&2; exit 2; }

# initdb refuses to run as root: as root the server runs as user postgres.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "$0: running as root needs a 'postgres' user" >&2; exit 2; }
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi


work=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-pg.XXXXXX")
data=$work/data
started=0
cleanup() {
  rc=$?
  if [ "$started" = 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ $rc -ne 0 ] && [ -f "$work/server.log" ]; then
    echo "$0: failed; last lines of the server log:" >&2
    tail -n 20 "$work/server.log" >&2 || true
    if [ "${PG_KEEP_LOG:-0}" = 1 ]; then
      cp "$work/server.log" "$out.server.log" 2>/dev/null || true
    fi
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tsconfig=${PG_TSCONFIG:-english}
# Queries first: a lexicon error should not cost a cluster start.
python3 "$here/lexicon_queries.py" "$lexicon" --pg-config "$tsconfig" \
  --pg-sql "$work/query.sql" --pg-check-sql "$work/check.sql"

[ "$(id -u)" -eq 0 ] && chown postgres: "$work"
chmod 700 "$work"
as_pg "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 1; }
# No TCP (listen_addresses ''), socket only in $work.  One backend, no
# parallel workers; JIT off (it cannot speed up to_tsvector / @@, which are C
# functions, and compiling the large expression costs seconds).
as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$work/server.log" -w -t 120 \
  -o "-c listen_addresses='' -c unix_socket_directories='$work' \
      -c max_parallel_workers_per_gather=0 -c jit=off" start >/dev/null
started=1

psql_() {
  psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U postgres -d postgres "$@"
}

if [ "$tsconfig" = english_nostop ]; then
  psql_ <<'EOF'
CREATE TEXT SEARCH DICTIONARY english_nostop_stem
  (TEMPLATE = snowball, LANGUAGE = english);
CREATE TEXT SEARCH CONFIGURATION english_nostop (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_nostop
  ALTER MAPPING REPLACE english_stem WITH english_nostop_stem;
EOF
fi
psql_ -c "CREATE TABLE corpus (id text, date text, region text, plan text,
                               score text, comment text)"
t0=$(now)
psql_ -c "COPY corpus FROM STDIN WITH (FORMAT csv, HEADER true)" <"$corpus"
t1=$(now)
# Not timed: statistics, so that the plan is the one a user would get.
psql_ -c "VACUUM ANALYZE corpus"

# Not timed: which terms PostgreSQL's stop words drop or broaden.
PGOPTIONS='-c client_min_messages=warning' psql_ -f "$work/check.sql" \
  >"$work/check.csv"
if [ -s "$work/check.csv" ]; then
  python3 - "$work/check.csv" <<'EOF' >&2
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
for status in ("dropped", "broadened"):
    sel = [r for r in rows if r[2] == status]
    if not sel:
        continue
    what = ("only stop words: dropped, matches nothing" if status == "dropped"
            else "stop word at a phrase edge is lost: broader")
    print("postgres.sh: %d terms with %s:" % (len(sel), what))
    for theme, term, _ in sel:
        print("  %s: %s" % (theme, term))
EOF
fi

t2=$(now)
PGOPTIONS='-c client_min_messages=warning' psql_ -f "$work/query.sql" \
  >"$work/counts.csv"
t3=$(now)
mv "$work/counts.csv" "$out"

echo "load_seconds=$(elapsed "$t0" "$t1")"
echo "query_seconds=$(elapsed "$t2" "$t3")"
