#!/bin/sh
# The report's numbers, checked through SQLite (the BI proof):
#  1. on a 10-row fixture, against values computed by hand below;
#  2. on the sample corpus, SQL recomputes every share, NPS and impact
#     from the count columns of the same CSV and finds no row that differs;
#  3. the margins of --by region --period month equal, field for field,
#     the rows of one run with --by region alone, --period month alone and
#     neither;
#  4. --min-responses: exactly the slices below it lose their figures.
# Usage: run.sh VERBATIM_BINARY TESTS_DIR
set -eu
vb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vb_report.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
"$vb" report -q -l "$tests/data/test.json" --period month -f csv \
  -o fixture.csv "$tests/report/fixture.csv"
"$vb" report -q -l "$tests/data/test.json" --by region -f csv \
  -o sample.csv "$tests/../corpora/sample.csv"
q() { sqlite3 -batch -noheader db.sqlite "$1"; }
# typed tables, as a BI tool would declare them (docs/bi.md)
sqlite3 -batch db.sqlite "CREATE TABLE fx (period TEXT, period_label TEXT,
  theme TEXT, theme_label TEXT, parent TEXT, \"group\" TEXT,
  responses INTEGER, with_text INTEGER, mentions INTEGER, share REAL,
  share_low REAL, share_high REAL, nps REAL, nps_margin REAL,
  theme_nps REAL, impact REAL, dp_p_value REAL, dp_significant INTEGER,
  prev_share REAL, change_p_value REAL, margin TEXT,
  below_min_responses INTEGER);
CREATE TABLE smp (region TEXT, theme TEXT, theme_label TEXT, parent TEXT, \"group\" TEXT,
  responses INTEGER, with_text INTEGER, mentions INTEGER, share REAL,
  share_low REAL, share_high REAL, nps REAL, nps_margin REAL,
  theme_nps REAL, impact REAL, dp_p_value REAL, dp_significant INTEGER,
  prev_share REAL, change_p_value REAL, margin TEXT,
  below_min_responses INTEGER);" \
  ".import --csv --skip 1 fixture.csv fx" ".import --csv --skip 1 sample.csv smp"

fail=0
# Values come back as SQLite renders the typed columns (-60.0, 0.5).
expect() { # description, SQL, expected
  got=$(q "$2")
  if [ "$got" != "$3" ]; then
    echo "FAIL: $1: got '$got', expected '$3'"
    fail=1
  fi
}

# --- 1. the fixture, by hand -------------------------------------------
# Rows (test.json themes): r1 D late delivery -> shipping, shipping.late;
# r2 D price -> pricing; r3 D delivery -> shipping; r4 Pa no theme;
# r5 Pa price -> pricing; r6 P delivery -> shipping; r7 P price ->
# pricing; r8 P empty comment; r9 P no theme; r10 unscored "still
# waiting" -> shipping.late, shipping.  January: r1-r5, February: r6-r10.
# Overall: D = 3, Pa = 2, P = 4, N = 9.  NPS = 100 (4 - 3) / 9 = 11.1111.
# Margin: pP = .444444, pD = .333333; .777778 - .111111^2 = .765432;
# / 9 = .085048; sqrt = .291630; * 196 = 57.1595.
all="theme='(all)' AND \"group\"='(all)' AND period='(all)'"
expect "overall NPS" "SELECT nps FROM fx WHERE $all" "11.1111"
expect "overall margin" "SELECT nps_margin FROM fx WHERE $all" "57.1595"
expect "overall responses" "SELECT responses || '/' || with_text FROM fx WHERE $all" "10/9"
# shipping: mentioned by r1, r3 (D), r6 (P), r10 (unscored).
# Share among detractors 2/3 = .666667; Wilson (k = 2, n = 3):
# z^2/n = 1.2805333, denom 2.2805333, center (.6666667 + .6402667) /
# 2.2805333 = .5730823; half 1.96 sqrt(.0740741 + .1067111) / 2.2805333 =
# 1.96 * .4251884 / 2.2805333 = .3654274 -> [.2076549, .9385097]
ship="theme='shipping' AND period='(all)'"
expect "shipping D share" "SELECT share || ' ' || share_low || ' ' || share_high FROM fx WHERE $ship AND \"group\"='detractor'" "0.666667 0.207655 0.93851"
expect "shipping all mentions" "SELECT mentions || '/' || with_text FROM fx WHERE $ship AND \"group\"='(all)'" "4/9"
# theme NPS = 100 (1 - 2) / 3 = -33.3333; impact = 11.1111 - NPS of the
# others (P 3, D 1, N 6: 33.3333) = -22.2222
expect "shipping theme NPS, impact" "SELECT theme_nps || ' ' || impact FROM fx WHERE $ship AND \"group\"='(all)'" "-33.3333 -22.2222"
# D vs P: 2/3 vs 1/3, pooled .5, se sqrt(.25 * 2/3) = .408248,
# z = .816497, p = erfc(.577350) = .414216
expect "shipping D vs P" "SELECT dp_p_value || ' ' || dp_significant FROM fx WHERE $ship AND \"group\"='(all)'" "0.414216 0"
# pricing: r2 (D), r5 (Pa), r7 (P): theme NPS 0; the others: P 3, D 2,
# N 6 -> 16.6667; impact 11.1111 - 16.6667 = -5.5556
expect "pricing theme NPS, impact" "SELECT theme_nps || ' ' || impact FROM fx WHERE theme='pricing' AND period='(all)' AND \"group\"='(all)'" "0.0 -5.5556"
# shipping.late: r1 (D), r10 (unscored): theme NPS 100 (0 - 1) / 1 = -100;
# the others: P 4, D 2, N 8 -> 25; impact -13.8889; parent shipping
expect "shipping.late" "SELECT parent || ' ' || theme_nps || ' ' || impact FROM fx WHERE theme='shipping.late' AND period='(all)' AND \"group\"='(all)'" "shipping -100.0 -13.8889"
# untagged: r4 of the passives' 2 comments, r9 of the promoters' 3 with text
expect "untagged passive" "SELECT mentions || '/' || with_text || ' ' || share FROM fx WHERE theme='(untagged)' AND period='(all)' AND \"group\"='passive'" "1/2 0.5"
expect "untagged promoter" "SELECT mentions || '/' || with_text FROM fx WHERE theme='(untagged)' AND period='(all)' AND \"group\"='promoter'" "1/3"
# months: January D 3, Pa 2, P 0 -> NPS -60; February P 4 -> 100
expect "January NPS" "SELECT nps FROM fx WHERE period='2025-01-01' AND theme='(all)' AND \"group\"='(all)'" "-60.0"
expect "February NPS" "SELECT period_label || ' ' || nps FROM fx WHERE period='2025-02-01' AND theme='(all)' AND \"group\"='(all)'" "2025-02 100.0"
# shipping share of comments with text: January 2/5, February 2/4 (r6,
# r10; r8 has no text).  Change: pooled 4/9, se sqrt(.444444 * .555556 *
# .45) = .333333, z = .1 / .333333 = .3, p = erfc(.212132) = .764177
expect "shipping February change" "SELECT share || ' ' || prev_share || ' ' || change_p_value FROM fx WHERE period='2025-02-01' AND theme='shipping' AND \"group\"='(all)'" "0.5 0.4 0.764177"
expect "no previous month for January" "SELECT quote(prev_share) FROM fx WHERE period='2025-01-01' AND theme='shipping' AND \"group\"='(all)'" "''"

# --- 2. the sample corpus: SQL recomputes the report's figures ---------
# share = mentions / with_text on every theme row
expect "shares recomputed" "SELECT count(*) FROM smp WHERE theme NOT IN ('(all)') AND with_text > 0 AND abs(share - 1.0 * mentions / with_text) > 0.0000006" "0"
# NPS of each slice from its group counts
expect "NPS recomputed" "SELECT count(*) FROM smp s WHERE theme='(all)' AND \"group\"='(all)' AND abs(nps - 100.0 * ((SELECT responses FROM smp p WHERE p.region=s.region AND p.theme='(all)' AND p.\"group\"='promoter') - (SELECT responses FROM smp d WHERE d.region=s.region AND d.theme='(all)' AND d.\"group\"='detractor')) / ((SELECT sum(responses) FROM smp g WHERE g.region=s.region AND g.theme='(all)' AND g.\"group\" IN ('detractor','passive','promoter')))) > 0.00006" "0"
# impact of each theme in each slice from the mention counts
expect "impact recomputed" "
WITH m AS (SELECT region, theme, impact, nps,
  max(CASE WHEN \"group\"='promoter' THEN mentions END) mp,
  max(CASE WHEN \"group\"='detractor' THEN mentions END) md,
  max(CASE WHEN \"group\"='passive' THEN mentions END) ma,
  max(CASE WHEN \"group\"='promoter' THEN responses END) p,
  max(CASE WHEN \"group\"='detractor' THEN responses END) d,
  max(CASE WHEN \"group\"='passive' THEN responses END) a
  FROM smp WHERE theme NOT IN ('(all)','(untagged)') GROUP BY region, theme)
SELECT count(*) FROM m WHERE abs(impact - (100.0 * (p - d) / (p + a + d)
  - 100.0 * ((p - mp) - (d - md)) / ((p + a + d) - (mp + ma + md)))) > 0.00006" "0"
# 5 slices (overall + 4 regions) x (5 + 5 + 6 themes x 5) rows
expect "rows checked" "SELECT count(*) FROM smp" "200"

# --- 3. margins against one-run recomputations ---------------------------
# Imported untyped (every field TEXT), so equality is byte for byte.
c=$tests/../corpora/sample.csv
"$vb" report -q --by region --period month -f csv -o both.csv "$c"
"$vb" report -q --by region -f csv -o by.csv "$c"
"$vb" report -q --period month -f csv -o per.csv "$c"
"$vb" report -q -f csv -o none.csv "$c"
sqlite3 -batch db.sqlite ".import --csv both.csv both" ".import --csv by.csv by_only" \
  ".import --csv per.csv per_only" ".import --csv none.csv plain"
cols='theme, theme_label, parent, "group", responses, with_text, mentions,
  share, share_low, share_high, nps, nps_margin, theme_nps, impact,
  dp_p_value, dp_significant, prev_share, change_p_value, below_min_responses'
same() { # description, query A, query B: same rows both ways, none empty
  expect "$1: rows" "SELECT (SELECT count(*) FROM ($2)) = (SELECT count(*) FROM ($3)) AND (SELECT count(*) FROM ($2)) > 0" "1"
  expect "$1: A - B" "SELECT count(*) FROM ($2 EXCEPT $3)" "0"
  expect "$1: B - A" "SELECT count(*) FROM ($3 EXCEPT $2)" "0"
}
same "segment totals = --by region" \
  "SELECT region, margin, $cols FROM both WHERE margin IN ('segment', 'overall') AND period = '(all)'" \
  "SELECT region, margin, $cols FROM by_only"
same "period totals = --period month" \
  "SELECT period, period_label, margin, $cols FROM both WHERE margin IN ('period', 'overall') AND region = '(all)'" \
  "SELECT period, period_label, margin, $cols FROM per_only"
same "overall = no split" \
  "SELECT $cols FROM both WHERE margin = 'overall'" "SELECT $cols FROM plain"
# every row is one of the four kinds, and the kinds match their (all)s
expect "margin kinds" "SELECT group_concat(k, ' ') FROM (SELECT DISTINCT margin || ':' || (region = '(all)') || (period = '(all)') AS k FROM both ORDER BY k)" "none:00 overall:11 period:10 segment:01"
expect "margin rows" "SELECT count(*) FROM both WHERE margin <> 'none'" \
  "$(($(sqlite3 -batch db.sqlite "SELECT count(*) FROM by_only") + $(sqlite3 -batch db.sqlite "SELECT count(*) FROM per_only") - $(sqlite3 -batch db.sqlite "SELECT count(*) FROM plain")))"

# --- 4. --min-responses ----------------------------------------------------
"$vb" report -q --by region --period month --min-responses 30 -f csv -o min.csv "$c"
sqlite3 -batch db.sqlite ".import --csv min.csv mins"
slice_n="(SELECT CAST(responses AS INTEGER) FROM mins a WHERE a.region = m.region AND a.period = m.period AND a.theme = '(all)' AND a.\"group\" = '(all)')"
expect "below the minimum: marked" "SELECT count(*) FROM mins m WHERE (below_min_responses = '1') <> ($slice_n < 30)" "0"
expect "below the minimum: no figures" "SELECT count(*) FROM mins WHERE below_min_responses = '1' AND (share || share_low || share_high || nps || nps_margin || theme_nps || impact || dp_p_value || dp_significant || prev_share || change_p_value) <> ''" "0"
expect "below the minimum: counts kept" "SELECT count(*) FROM (SELECT region, period, theme, \"group\", responses, with_text, mentions FROM mins EXCEPT SELECT region, period, theme, \"group\", responses, with_text, mentions FROM both)" "0"
expect "some slices are below, some above" "SELECT count(DISTINCT below_min_responses) FROM mins" "2"
expect "no change against a slice below" "SELECT count(*) FROM mins m WHERE prev_share || change_p_value <> '' AND EXISTS (SELECT 1 FROM mins p WHERE p.region = m.region AND p.period = date(m.period, '-1 month') AND p.below_min_responses = '1')" "0"
figs='region, period, theme, "group", share, share_low, share_high, nps,
  nps_margin, theme_nps, impact, dp_p_value, dp_significant, margin'
expect "figures above the minimum unchanged" "SELECT count(*) FROM (SELECT $figs FROM mins WHERE below_min_responses = '0' EXCEPT SELECT $figs FROM both)" "0"
[ $fail = 0 ] && echo "report figures: hand-computed fixture, SQL recomputation, margins and --min-responses agree"
exit $fail
