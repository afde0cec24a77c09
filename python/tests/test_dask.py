"""verbatim.dask.report on a real LocalCluster: byte for byte the report
of one machine (and of the CLI) over the same rows."""
import pandas as pd
import pytest

import verbatim
import verbatim.dask
from conftest import run_cli




@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_files_equal_one_machine_and_the_cli(cli, client, sample_parts):
    opts = dict(by=["region"], period="month")
    whole, _, _ = run_cli(cli, "report", "-f", "csv", "--by", "region",
                          "--period", "month", *sample_parts)
    one = verbatim.report(sample_parts, **opts)
    for per_task in (1, 3):
        rep = verbatim.dask.report(sample_parts, client=client,
                                   files_per_task=per_task, **opts)
        assert rep.to_csv().encode() == whole
        assert rep.to_csv() == one.to_csv() and rep.counts == one.counts


def test_json_and_presentation(cli, client, sample_parts):
    whole, _, _ = run_cli(cli, "report", "-f", "json", "--top", "3",
                          "--min-responses", "100", "--by", "plan", *sample_parts)
    rep = verbatim.dask.report(sample_parts, client=client, by=["plan"],
                               top=3, min_responses=100)
    assert rep.to_json().encode() == whole


def test_dask_dataframe_partitions(client, sample):
    import dask.dataframe as dd
    df = pd.read_csv(sample, dtype=str, keep_default_na=False)
    ddf = dd.from_pandas(df, npartitions=5)
    rep = verbatim.dask.report(ddf, client=client, by=["region"])
    assert rep.to_csv() == verbatim.report(df, by=["region"]).to_csv()


def test_custom_lexicon_travels_to_the_workers(client, sample_parts, tmp_path):
    lex = tmp_path / "mini.json"
    lex.write_text('{"language": "en", "themes": [{"id": "late", "label": "Late",'
                   ' "terms": ["late", "delay"]}]}\n')
    one = verbatim.report(sample_parts, lexicon=[str(lex)])
    rep = verbatim.dask.report(sample_parts, client=client,
                               lexicon=verbatim.Lexicon(str(lex)))
    assert rep.to_csv() == one.to_csv() and "late," in rep.to_csv()


def test_rejects_counted_across_tasks(client, tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"r{i}.csv"
        p.write_text(f"score,comment\n9,late delivery\n11,off the scale {i}\n5,slow\n")
        paths.append(str(p))
    rep = verbatim.dask.report(paths, client=client)
    assert rep.counts["rejected"] == 3 and rep.counts["read"] == 9
    assert rep.reject_reasons == [("score not on the scale", 3)]


def test_worker_killed_mid_run_counts_nothing_twice(cli, sample_parts):
    """One worker process is killed (SIGKILL) while tasks run: Dask runs
    its tasks again, and the report is still byte for byte the CLI's."""
    import os
    import signal
    import threading
    import time

    from dask.distributed import Client, LocalCluster

    paths = sample_parts * 8  # 56 tasks: long enough to kill a worker in
    whole, _, _ = run_cli(cli, "report", "-f", "csv", "--by", "region", *paths)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1")
    client = Client(cluster)
    try:
        pids = client.run(os.getpid)
        result = {}

        def run():
            result["rep"] = verbatim.dask.report(paths, client=client, by=["region"])

        t = threading.Thread(target=run)
        t.start()
        # wait for the first partials, then kill a worker that has tasks
        deadline = time.time() + 60
        while time.time() < deadline:
            done = client.run_on_scheduler(
                lambda dask_scheduler: sum(ts.state == "memory"
                                           for ts in dask_scheduler.tasks.values()))
            if done >= 3:
                break
            time.sleep(0.01)
        assert t.is_alive(), "the run ended before a worker could be killed"
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        t.join(300)
        assert not t.is_alive()
        assert victim not in client.run(os.getpid).values()  # it did die
        rep = result["rep"]
        assert rep.to_csv().encode() == whole
        assert rep.counts["read"] == 5000 * 8
    finally:
        client.close()
        cluster.close()
