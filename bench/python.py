"""The Python package against the CLI (issue 13's speed figures).

  - tag_many(texts, jobs=N) on ROWS generated comments (with matches, and
    themes only), against the CLI's `tag -f csv -o /dev/null -j N` on the
    same corpus file, at N = 1 and 2, timed in turns;
  - verbatim.dask.report over DASK_ROWS generated rows cut into FILES
    CSV files (paths every worker opens), on a LocalCluster of 1 and of
    2 worker processes (processes=True, threads_per_worker=1, jobs=1 per
    task: one core per worker, as `dask worker --nthreads 1` on a host),
    the two clusters timed in turns, against one `verbatim report -j 1`
    over the same files.

Usage: /usr/bin/python3 bench/python.py BUILD_DIR [ROWS] [DASK_ROWS] [FILES]
(after `make python`; defaults 1000000, 2000000, 20).  RUNS (default 3)
timed runs per figure; seconds are medians of wall clock, "cpu" the
user+system seconds of the CLI, of this process (all its threads: tag_many)
or of the cluster's worker processes (Dask).
"""
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import verbatim
import verbatim.dask


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def self_cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def workers_cpu(client):
    """User+system seconds of the cluster's worker processes so far."""
    return sum(client.run(self_cpu).values())


def timed(fn, cpu):
    c, t = cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - t, cpu() - c


def in_turns(jobs, runs):
    """{name: [(wall, cpu)]}: each job of `jobs` (name, fn, cpu clock)
    once per round, RUNS rounds."""
    out = {name: [] for name, _, _ in jobs}
    for _ in range(runs):
        for name, fn, cpu in jobs:
            out[name].append(timed(fn, cpu))
    return out


def med(samples, k=0):
    return statistics.median(s[k] for s in samples)


def generate(gen, rows, path):
    subprocess.run([gen, "--rows", str(rows), "--seed", "7", "-o", path], check=True)
    with open(path, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    return table[0], table[1:]


def bench_tag(vb, gen, tmp, rows, runs):
    corpus = os.path.join(tmp, "corpus.csv")
    head, body = generate(gen, rows, corpus)
    texts = [r[head.index("comment")] for r in body]
    del body
    lex = verbatim.Lexicon()
    print(f"### tag_many: {rows:,} generated comments (seed 7)\n")
    print("| job | -j | seconds | cpu s | comments/s | vs CLI tag |")
    print("|---|---|---|---|---|---|")
    for j in (1, 2):
        def cli():
            subprocess.run([vb, "tag", "-q", "-j", str(j), "-f", "csv", "-o",
                            "/dev/null", corpus], check=True)

        def full():
            lex.tag_many(texts, jobs=j)

        def bare():
            lex.tag_many(texts, jobs=j, matches=False)
        got = in_turns([("cli", cli, child_cpu), ("full", full, self_cpu),
                        ("bare", bare, self_cpu)], runs)
        base = med(got["cli"])
        for name, label in (("cli", "CLI tag -f csv"), ("full", "tag_many"),
                            ("bare", "tag_many, matches=False")):
            s = med(got[name])
            print(f"| {label} | {j} | {s:.2f} | {med(got[name], 1):.2f} | "
                  f"{rows / s:,.0f} | {base / s:.2f} |")
        print(f"| (all runs, s) | {j} | " + "; ".join(
            f"{n} " + " ".join(f"{w:.2f}" for w, _ in got[n]) for n in got) + " | | | |")
    print()


def bench_dask(vb, gen, tmp, rows, files, runs):
    head, body = generate(gen, rows, os.path.join(tmp, "dask.csv"))
    paths = []
    for i in range(files):
        p = os.path.join(tmp, f"part{i:03d}.csv")
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(body[i * len(body) // files:(i + 1) * len(body) // files])
        paths.append(p)
    del body
    from dask.distributed import Client, LocalCluster
    clusters = {n: LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                dashboard_address=None, host="127.0.0.1")
                for n in (1, 2)}
    clients = {n: Client(c) for n, c in clusters.items()}
    want = subprocess.run([vb, "report", "-q", "-j", "1", "-f", "csv", *paths],
                          check=True, capture_output=True).stdout.decode()
    for n, cl in clients.items():  # warm: workers import the package
        assert verbatim.dask.report(paths, client=cl, jobs=1).to_csv() == want

    def cli():
        subprocess.run([vb, "report", "-q", "-j", "1", "-f", "csv", "-o", "/dev/null",
                        *paths], check=True)
    got = in_turns([("cli", cli, child_cpu)] +
                   [(n, lambda cl=cl: verbatim.dask.report(paths, client=cl, jobs=1),
                     lambda cl=cl: workers_cpu(cl)) for n, cl in clients.items()], runs)
    for cl in clients.values():
        cl.close()
    for c in clusters.values():
        c.close()
    one = med(got["cli"])
    print(f"### verbatim.dask.report: {rows:,} rows in {files} files\n")
    print("| job | seconds | cpu s (CLI; workers) | speedup vs CLI report -j 1 |")
    print("|---|---|---|---|")
    print(f"| CLI report -j 1 | {one:.2f} | {med(got['cli'], 1):.2f} | 1.00 |")
    for n in (1, 2):
        s = med(got[n])
        print(f"| verbatim.dask.report, {n} worker{'s' if n > 1 else ''} | {s:.2f} | "
              f"{med(got[n], 1):.2f} | {one / s:.2f} |")
    print("\nall runs, s: " + "; ".join(
        f"{n}: " + " ".join(f"{w:.2f}" for w, _ in got[n]) for n in got))
    print(f"\n2 workers / 1 worker: {med(got[1]) / med(got[2]):.2f}x "
          "(the reports equal the CLI's byte for byte)\n")


def main():
    build = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    dask_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 2000000
    files = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    runs = int(os.environ.get("RUNS", "3"))
    vb = os.path.join(build, "verbatim")
    gen = os.path.join(build, "bench", "verbatim-gen-corpus")
    print(f"verbatim {verbatim.__file__}, {os.cpu_count()} cores, RUNS={runs}, "
          f"load before: {os.getloadavg()[0]:.2f}\n")
    with tempfile.TemporaryDirectory(prefix="vb-pybench-") as tmp:
        if rows:
            bench_tag(vb, gen, tmp, rows, runs)
        if dask_rows:
            bench_dask(vb, gen, tmp, dask_rows, files, runs)
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":  # LocalCluster's processes import this file
    main()
