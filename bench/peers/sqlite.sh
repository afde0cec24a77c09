#!/bin/bash
# Peer benchmark: SQLite FTS5 (tokenize='porter unicode61').
#
#   bench/peers/sqlite.sh CORPUS LEXICON OUT_COUNTS_CSV
#
# Imports CORPUS (CSV with header id,date,region,plan,score,comment) into a
# temp database with the sqlite3 shell's .import, builds an FTS5 index of the
# non-blank comments with their score group, then runs one MATCH query per
# theme (from lexicon_queries.py), counted by score group.  Prints
#   index_seconds=X.XXX   (wall clock: import + FTS5 index build)
#   query_seconds=Y.YYY   (wall clock: all the theme queries)
# and writes OUT_COUNTS_CSV (theme,group,mentions).  The temp database is
# removed at the end, also on error.
#
# Environment: SQLITE3 (default sqlite3), TMPDIR.
set -euo pipefail

# shellcheck source=bench/peers/common.sh
. "$(dirname "$0")/common.sh"
SQLITE3=${SQLITE3:-sqlite3}
command -v "$SQLITE3" >/dev/null || { echo "$0: $SQLITE3 not found (bench/peers/install.sh)" >&2; exit 2; }


work=$(mktemp -d "${TMPDIR:-/tmp}/verbatim-sqlite.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

python3 "$here/lexicon_queries.py" "$lexicon" --sqlite-sql "$work/query.sql"

# .import takes a file name on its command line: give it a plain one.
ln -s "$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")" "$work/corpus.csv"
db=$work/peer.db

"$SQLITE3" -bail "$db" "SELECT sqlite_compileoption_used('ENABLE_FTS5')" |
  grep -qx 1 || { echo "$0: $SQLITE3 has no FTS5" >&2; exit 2; }

t0=$(now)
"$SQLITE3" -bail "$db" >/dev/null <<EOF
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE corpus (id TEXT, date TEXT, region TEXT, plan TEXT,
                     score TEXT, comment TEXT);
.import --csv --skip 1 "$work/corpus.csv" corpus
CREATE VIRTUAL TABLE fts USING fts5(comment, grp UNINDEXED,
                                    tokenize = 'porter unicode61');
INSERT INTO fts (rowid, comment, grp)
SELECT rowid, comment, grp FROM (
  SELECT rowid, comment,
    CASE
      WHEN trim(score) = '' THEN 'unscored'
      WHEN trim(score) GLOB '[0-9]' OR trim(score) GLOB '[0-9][0-9]' THEN
        CASE WHEN CAST(trim(score) AS INTEGER) <= 6 THEN 'detractor'
             WHEN CAST(trim(score) AS INTEGER) <= 8 THEN 'passive'
             WHEN CAST(trim(score) AS INTEGER) <= 10 THEN 'promoter' END
    END AS grp
  FROM corpus
  WHERE trim(comment, ' ' || char(9, 10, 11, 12, 13)) <> ''
) WHERE grp IS NOT NULL;
INSERT INTO fts (fts) VALUES ('optimize');
EOF
t1=$(now)

t2=$(now)
"$SQLITE3" -bail -csv -noheader "$db" <"$work/query.sql" >"$work/counts.body"
t3=$(now)
{ echo "theme,group,mentions"; cat "$work/counts.body"; } >"$out"

echo "index_seconds=$(elapsed "$t0" "$t1")"
echo "query_seconds=$(elapsed "$t2" "$t3")"
