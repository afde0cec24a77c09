"""The Python package against the CLI (issue 13's speed figures).

  - tag_many on ROWS generated comments at jobs 1 and 2 (with matches and
    themes only), against the CLI's
    `tag -f csv -o /dev/null` at -j 1 and -j 2 on the same file;
  - verbatim.dask.report on a LocalCluster of 1 and of 2 worker processes
    (threads_per_worker=1, jobs=1 per task) over FILES files of
    ROWS/FILES rows each, against one `verbatim report -j 1` over them.

Usage: /usr/bin/python3 bench/python.py BUILD_DIR [ROWS] [FILES]
(make python first).  Seconds are the best of RUNS=2 wall-clock runs.
"""
import csv
import os
import subprocess
import sys
import tempfile
import time

import verbatim
import verbatim.dask


def main():
    build = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    runs = int(os.environ.get("RUNS", "2"))
    vb = os.path.join(build, "verbatim")
    gen = os.path.join(build, "bench", "verbatim-gen-corpus")
    tmp = tempfile.mkdtemp(prefix="vb-pybench-")
    corpus = os.path.join(tmp, "corpus.csv")
    subprocess.run([gen, "--rows", str(rows), "--seed", "7", "-o", corpus], check=True)
    with open(corpus, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    head, body = table[0], table[1:]
    texts = [r[head.index("comment")] for r in body]


    def best(fn):
        t = []
        for _ in range(runs):
            s = time.perf_counter()
            fn()
            t.append(time.perf_counter() - s)
        return min(t)


    print(f"# {rows} generated comments (seed 7), {os.cpu_count()} cores\n")
    print("| job | threads | seconds | comments/s | vs CLI tag |")
    print("|---|---|---|---|---|")
    lex = verbatim.Lexicon()
    for j in (1, 2):
        cli = best(lambda: subprocess.run([vb, "tag", "-q", "-j", str(j), "-f", "csv",
                                           "-o", "/dev/null", corpus], check=True))
        py = best(lambda: lex.tag_many(texts, jobs=j))
        print(f"| CLI tag -f csv | {j} | {cli:.2f} | {rows / cli:,.0f} | 1.00 |")
        print(f"| tag_many | {j} | {py:.2f} | {rows / py:,.0f} | {rows / py / (rows / cli):.2f} |")
        bare = best(lambda: lex.tag_many(texts, jobs=j, matches=False))
        print(f"| tag_many, matches=False | {j} | {bare:.2f} | {rows / bare:,.0f} | {rows / bare / (rows / cli):.2f} |")

    paths = []
    for i in range(files):
        p = os.path.join(tmp, f"part{i:03d}.csv")
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(body[i * len(body) // files:(i + 1) * len(body) // files])
        paths.append(p)
    one = best(lambda: subprocess.run([vb, "report", "-q", "-j", "1", "-f", "csv", "-o",
                                       "/dev/null", *paths], check=True))
    print(f"\n| report over {files} files | seconds | speedup |")
    print("|---|---|---|")
    print(f"| CLI report -j 1 | {one:.2f} | 1.00 |")
    from dask.distributed import Client, LocalCluster
    secs = {}
    for n in (1, 2):
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None, host="127.0.0.1") as c, Client(c) as cl:
            secs[n] = best(lambda: verbatim.dask.report(paths, client=cl, jobs=1))
        print(f"| verbatim.dask.report, {n} worker{'s' if n > 1 else ''} | {secs[n]:.2f} | {one / secs[n]:.2f} |")
    print(f"\n2 workers / 1 worker: {secs[1] / secs[2]:.2f}x")


if __name__ == "__main__":  # LocalCluster's processes import this file
    main()
