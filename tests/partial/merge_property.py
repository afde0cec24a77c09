#!/usr/bin/env python3
"""Merge property: the parts of a split run, each reported with
`report --partial` and merged with `merge` in any order and grouping
(linear, and trees through `merge --partial`), give the report of one run
over everything, byte for byte (cmp), in CSV and JSON.  The sliced runs
keep example comments (--examples 3), which must merge exactly too.

Corpora: corpora/sample.csv, split into k = 1..7 parts at random row
boundaries for each k, with and without --by region --period month; and
200,000 generated rows (with bad scores and bad dates mixed in, so reject
counts and reasons travel too) split at random boundaries into 7 parts,
by region and month, the 7 parts then merged in k = 1..7 random groups
(one pass over the rows for the parts: the big corpus costs three passes
in all).  Each k is checked by a linear merge in random order and a
random tree, one in CSV and the other in JSON.  A part merged twice must
make the report differ.

Usage: merge_property.py VERBATIM GEN_CORPUS SAMPLE_CSV [SEED]
(the seed is printed; VB_SEED or the argument replays a run)."""
import os
import random
import shutil
import subprocess
import sys
import tempfile

vb, gen, sample = (os.path.abspath(a) for a in sys.argv[1:4])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else int(
    os.environ.get("VB_SEED", random.randrange(1 << 30)))
print(f"merge property: seed {seed}", flush=True)
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="vb_merge_property.")
checks = 0


def run(*args, ok=(0, 1)):
    p = subprocess.run([vb, *args], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode not in ok:
        sys.exit(f"FAIL (seed {seed}): verbatim {' '.join(args)}: exit "
                 f"{p.returncode}\n{p.stderr.decode()}")
    return p


def same(a, b):
    with open(os.path.join(work, a), "rb") as x, \
            open(os.path.join(work, b), "rb") as y:
        return x.read() == y.read()


def records(path):
    """The header and the records of a CSV (a record may span lines)."""
    with open(path, "rb") as f:
        lines = f.readlines()
    rows, cur, quotes = [], b"", 0
    for line in lines[1:]:
        cur += line
        quotes += line.count(b'"')
        if quotes % 2 == 0:
            rows.append(cur)
            cur, quotes = b"", 0
    if cur:
        rows.append(cur)
    return lines[0], rows


def split(name, header, rows, k):
    """k files of consecutive rows cut at random boundaries (a part may be
    empty)."""
    cuts = sorted(rng.randint(0, len(rows)) for _ in range(k - 1))
    bounds = [0, *cuts, len(rows)]
    files = []
    for i in range(k):
        f = f"{name}.k{k}.p{i}.csv"
        with open(os.path.join(work, f), "wb") as out:
            out.write(header)
            out.writelines(rows[bounds[i]:bounds[i + 1]])
        files.append(f)
    return files


def tree(parts, tag):
    """Merges the partials in a random tree of merge --partial calls."""
    pool = list(parts)
    n = 0
    while len(pool) > 1:
        rng.shuffle(pool)
        take = rng.randint(2, min(3, len(pool)))
        group, pool = pool[:take], pool[take:]
        out = f"{tag}.t{n}.vbp"
        n += 1
        run("merge", "--partial", "-q", "-o", out, *group)
        pool.append(out)
    return pool[0]


def check_merges(parts, opts, expect, tag):
    """A linear merge in random order and a random tree, one in CSV and
    the other in JSON (which is which: random)."""
    global checks
    order = list(parts)
    rng.shuffle(order)
    fmts = ["csv", "json"]
    rng.shuffle(fmts)
    for fmt, src in zip(fmts, (order, [tree(parts, tag)])):
        out = f"{tag}.{fmt}"
        run("merge", "-q", "-f", fmt, "-o", out, *src)
        if not same(out, expect[fmt]):
            sys.exit(f"FAIL (seed {seed}): {tag}: merging "
                     f"{' '.join(src)} ({fmt}) differs from one run")
        checks += 1


def double_counted(parts, expect, tag):
    """One part twice: the merged report must differ."""
    global checks
    twice = rng.choice(parts)
    out = f"{tag}.double.csv"
    run("merge", "-q", "-f", "csv", "-o", out, *parts, twice)
    if same(out, expect["csv"]):
        sys.exit(f"FAIL (seed {seed}): {tag}: {twice} merged twice and the "
                 f"report did not change: the test cannot see a double count")
    checks += 1


def singles(src, opts, tag):
    expect = {}
    for fmt in ("csv", "json"):
        expect[fmt] = f"{tag}.one.{fmt}"
        run("report", "-q", *opts, "-f", fmt, "-o", expect[fmt], src)
    return expect


def partials(files, opts):
    out = []
    for f in files:
        p = f[:-4] + "." + str(len(opts)) + ".vbp"
        run("report", "-q", "--partial", *opts, "-o", p, f)
        out.append(p)
    return out


try:
    shutil.copy(sample, os.path.join(work, "sample.csv"))
    header, rows = records(os.path.join(work, "sample.csv"))
    for opts in ([], ["--by", "region", "--period", "month",
                      "--examples", "3"]):
        tag = "sample" + ("-sliced" if opts else "")
        expect = singles("sample.csv", opts, tag)
        for k in range(1, 8):
            parts = partials(split("sample", header, rows, k), opts)
            check_merges(parts, opts, expect, f"{tag}.k{k}")
            if k == 3:
                double_counted(parts, expect, f"{tag}.k{k}")
                # the merged partial is the single run's partial, bytes too
                run("report", "-q", "--partial", *opts, "-o", "whole.vbp",
                    "sample.csv")
                run("merge", "--partial", "-q", "-o", "sum.vbp", *parts)
                if not same("whole.vbp", "sum.vbp"):
                    sys.exit(f"FAIL (seed {seed}): {tag}: merged partial "
                             f"differs from the single run's")

    subprocess.run([gen, "--rows", "200000", "--seed", str(seed % 1000),
                    "-o", os.path.join(work, "gen.csv")], check=True)
    header, rows = records(os.path.join(work, "gen.csv"))
    for i in range(997, len(rows), 997):  # rejects of two kinds
        rows[i] = (b"bad%d,2025-01-01,EU,pro,eleven,late\n" % i
                   if i % 2 else b"bad%d,yesterday,EU,pro,5,late\n" % i)
    with open(os.path.join(work, "big.csv"), "wb") as out:
        out.write(header)
        out.writelines(rows)
    opts = ["--by", "region", "--period", "month", "--examples", "3"]
    expect = singles("big.csv", opts, "big")
    parts7 = partials(split("big", header, rows, 7), opts)
    for k in range(1, 8):  # the 7 parts in k random groups
        order = list(parts7)
        rng.shuffle(order)
        cuts = sorted(rng.sample(range(1, 7), k - 1))
        groups = [order[a:b] for a, b in zip([0, *cuts], [*cuts, 7])]
        merged = []
        for g, group in enumerate(groups):
            out = f"big.k{k}.g{g}.vbp"
            run("merge", "--partial", "-q", "-o", out, *group)
            merged.append(out)
        check_merges(merged, opts, expect, f"big.k{k}")
    double_counted(parts7, expect, "big.k7")
    print(f"merge property: {checks} merges identical to one run, double "
          f"counts seen (seed {seed})")
finally:
    shutil.rmtree(work, ignore_errors=True)
