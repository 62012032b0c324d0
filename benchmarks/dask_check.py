"""The Dask engine against the embedded one on a generated set: same Dataset, same tie table, timings.

Run: ``python -m benchmarks dask --size 1M [--processes] [--format parquet]``. Starts a LocalCluster
with 2 workers of 1 thread, loads the set with both engines, asserts that every table, the validation
report and the tie table are identical, and that per-window summaries computed as tasks equal the
embedded loop. Prints the timings (they are not a target: on one 2-core machine the cluster adds
work; the engine is for data that does not fit one machine).
"""

from __future__ import annotations

import time

import pandas as pd

from benchmarks.generate import generate


def _summary(dataset):
    from collabgraph.metrics.structure import summary

    return summary(dataset).to_dict()


def check(size: str, *, processes: bool = False, fmt: str = "csv", freq: str = "quarter") -> dict:
    """Load ``size`` with both engines and compare; returns timings and what was compared."""
    from distributed import Client, LocalCluster

    from collabgraph import load, ties
    from collabgraph.engines import PandasEngine
    from collabgraph.engines.dask import DaskEngine

    folder = generate(size)
    if fmt == "parquet":
        folder = folder.with_name(folder.name + "-parquet")
    out = {"size": size, "format": fmt, "workers": 2, "processes": processes}
    start = time.perf_counter()
    ref = load(folder)
    ref_ties = ties(ref)
    out["embedded_seconds"] = round(time.perf_counter() - start, 2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        csv = folder / "interactions.csv"  # at least 8 CSV partitions (Parquet: row groups of 250k)
        engine = DaskEngine(client=client, blocksize=max(2**20, csv.stat().st_size // 8) if csv.exists() else "64MB")
        start = time.perf_counter()
        ds = engine.load(folder)
        out["dask_load_seconds"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        t = engine.ties(ds)
        out["dask_ties_seconds"] = round(time.perf_counter() - start, 2)
        out["partitions"] = engine._partitions[ds].npartitions
        for name in ("people", "interactions", "events", "attendance", "memberships"):
            pd.testing.assert_frame_equal(getattr(ds, name), getattr(ref, name), check_exact=True)
        if ds.report.to_dict() != ref.report.to_dict():
            raise AssertionError("validation reports differ")
        pd.testing.assert_frame_equal(t, ref_ties, check_exact=True)
        start = time.perf_counter()
        windows = engine.map_windows(ref, _summary, freq=freq)
        out["dask_windows_seconds"] = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        if windows != PandasEngine().map_windows(ref, _summary, freq=freq):
            raise AssertionError("window summaries differ")
        out["embedded_windows_seconds"] = round(time.perf_counter() - start, 2)
    out["identical"] = ["people", "interactions", "events", "attendance", "memberships", "report", "ties",
                        f"{len(windows)} {freq} window summaries"]
    out["records"], out["ties"] = len(ref.interactions), len(ref_ties)
    return out
