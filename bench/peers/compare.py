#!/usr/bin/env python3
"""Compare a peer's theme x score-group counts with Verbatim's.

Usage:
  compare.py [--detail FILE] OURS_REPORT_CSV PEER_COUNTS_CSV

OURS_REPORT_CSV   `verbatim report -f csv` output (tidy; columns include
                  theme, group, mentions).  Only real themes (not "(all)" or
                  "(untagged)") and the groups detractor, passive, promoter,
                  unscored are used; with --by or --period there would be
                  several slices, so the segment/period columns, if any, must
                  be empty or "(all)".
PEER_COUNTS_CSV   theme,group,mentions from postgres.sh or sqlite.sh.

Prints one line:
  cells=N mean_abs_diff_pct=X max_abs_diff_pct=Y total_diff_pct=Z
with, per theme x group cell, diff% = |peer - ours| / max(ours, 1) * 100, and
total = sum |peer - ours| / sum ours * 100.  The cells are the union of both
files' theme x group cells; a cell missing on one side counts 0 there (the
report hides themes below --min-mentions, default 1: run it with
--min-mentions 0 to list every theme).  --detail FILE writes
theme,group,ours,peer,diff,diff_pct for every cell.
"""

import argparse
import csv
import sys

GROUPS = ("detractor", "passive", "promoter", "unscored")
NOT_THEMES = ("(all)", "(untagged)")
# Columns that make a slice other than the overall one (report --by/--period).
SLICE_COLS_OK = ("", "(all)")


def read_ours(path):
    counts = {}
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        need = {"theme", "group", "mentions"}
        if not rd.fieldnames or not need <= set(rd.fieldnames):
            sys.exit("compare.py: %s: needs columns theme, group, mentions "
                     "(verbatim report -f csv)" % path)
        known = {"theme", "theme_label", "parent", "group", "responses",
                 "with_text", "mentions", "share", "share_low", "share_high",
                 "nps", "nps_margin", "theme_nps", "impact", "dp_p_value",
                 "dp_significant", "prev_share", "change_p_value",
                 "margin", "below_min_responses"}
        slice_cols = [c for c in rd.fieldnames if c not in known]
        for row in rd:
            theme, group = row["theme"], row["group"]
            if theme in NOT_THEMES or group not in GROUPS:
                continue
            if row.get("margin", "overall") != "overall":
                continue  # a segment or period total, or a cell
            if any((row.get(c) or "") not in SLICE_COLS_OK for c in slice_cols):
                continue  # a --by / --period slice: not the overall one
            key = (theme, group)
            if key in counts:
                sys.exit("compare.py: %s: %s/%s appears twice (several slices? "
                         "run the report without --by/--period)"
                         % (path, theme, group))
            counts[key] = int(row["mentions"] or 0)
    return counts


def read_peer(path):
    counts = {}
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        if not rd.fieldnames or not {"theme", "group", "mentions"} <= set(rd.fieldnames):
            sys.exit("compare.py: %s: needs the header theme,group,mentions" % path)
        for row in rd:
            if row["group"] not in GROUPS or row["theme"] in NOT_THEMES:
                continue
            key = (row["theme"], row["group"])
            counts[key] = counts.get(key, 0) + int(row["mentions"] or 0)
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ours")
    ap.add_argument("peer")
    ap.add_argument("--detail", metavar="FILE",
                    help="write the per theme x group comparison as CSV")
    a = ap.parse_args()
    ours, peer = read_ours(a.ours), read_peer(a.peer)
    if not ours:
        sys.exit("compare.py: %s: no theme rows" % a.ours)

    only_peer = sorted({t for t, _ in peer} - {t for t, _ in ours})
    only_ours = sorted({t for t, _ in ours} - {t for t, _ in peer})
    if only_peer:
        print("compare.py: themes only in the peer's counts (ours = 0): %s"
              % " ".join(only_peer), file=sys.stderr)
    if only_ours:
        print("compare.py: themes only in ours (peer = 0): %s"
              % " ".join(only_ours), file=sys.stderr)

    order = {g: i for i, g in enumerate(GROUPS)}
    cells = sorted(set(ours) | set(peer), key=lambda k: (k[0], order[k[1]]))
    rows, diffs, abs_sum, ours_sum = [], [], 0, 0
    for key in cells:
        o, p = ours.get(key, 0), peer.get(key, 0)
        pct = abs(p - o) / max(o, 1) * 100
        diffs.append(pct)
        abs_sum += abs(p - o)
        ours_sum += o
        rows.append((key[0], key[1], o, p, p - o, "%.2f" % pct))

    total = abs_sum / ours_sum * 100 if ours_sum else float("nan")
    print("cells=%d mean_abs_diff_pct=%.2f max_abs_diff_pct=%.2f "
          "total_diff_pct=%.2f" % (len(cells), sum(diffs) / len(diffs),
                                   max(diffs), total))
    if a.detail:
        with open(a.detail, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(("theme", "group", "ours", "peer", "diff", "diff_pct"))
            w.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
