"""Shared fixtures: the CLI binary the package is compared with, the
sample corpus, and the sample split into parts."""
import csv
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "corpora", "sample.csv")


@pytest.fixture(scope="session")
def cli():
    """The `verbatim` binary (VERBATIM_CLI, else build/dev or build/release)."""
    for p in (os.environ.get("VERBATIM_CLI"),
              os.path.join(ROOT, "build", "dev", "verbatim"),
              os.path.join(ROOT, "build", "release", "verbatim")):
        if p and os.access(p, os.X_OK):
            return os.path.abspath(p)
    pytest.fail("no verbatim binary: build it (make dev) or set VERBATIM_CLI")


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """200,000 rows from bench's corpus generator (VERBATIM_GEN, else the
    dev or release build's), 10% of them non-ASCII."""
    for gen in (os.environ.get("VERBATIM_GEN"),
                os.path.join(ROOT, "build", "dev", "bench", "verbatim-gen-corpus"),
                os.path.join(ROOT, "build", "release", "bench", "verbatim-gen-corpus")):
        if gen and os.access(gen, os.X_OK):
            path = str(tmp_path_factory.mktemp("gen") / "200k.csv")
            subprocess.run([gen, "--rows", "200000", "--seed", "13", "-o", path],
                           check=True)
            return path
    pytest.fail("no corpus generator: build it (make dev) or set VERBATIM_GEN")


def run_cli(cli, *args):
    """(stdout bytes, stderr str, exit code) of one CLI run."""
    p = subprocess.run([cli, *args], capture_output=True)
    return p.stdout, p.stderr.decode(), p.returncode


@pytest.fixture(scope="session")
def sample():
    return SAMPLE


@pytest.fixture(scope="session")
def sample_parts(tmp_path_factory):
    """corpora/sample.csv cut into 7 CSV files (header repeated), in order."""
    with open(SAMPLE, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head, rows = rows[0], rows[1:]
    d = tmp_path_factory.mktemp("parts")
    paths = []
    k = 7
    for i in range(k):
        p = d / f"part{i}.csv"
        with open(p, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            w.writerows(rows[i * len(rows) // k:(i + 1) * len(rows) // k])
        paths.append(str(p))
    return paths
