"""Run the stages of one engine in fresh processes, N times, and summarise them.

Every repetition of an engine runs in its own Python process (``python -m benchmarks.runner ENGINE
CONFIG``), so imports, caches and memory start from zero and peak memory belongs to that engine
alone. Within the process each stage is timed with ``time.perf_counter`` and followed by
``resource.getrusage(RUSAGE_SELF).ru_maxrss``: the peak resident memory of the process up to the end
of that stage (it only grows; the last value is the peak of the whole pipeline), plus the peak of its
largest finished child process (``RUSAGE_CHILDREN``: the analysis computes betweenness in a forked
worker from 50,000 ties). The sum is an upper bound: a forked child shares its parent's pages until
either writes them, and both peaks need not fall at the same moment. The summary takes the median
time of each stage over the repetitions and the largest peak.
"""

from __future__ import annotations

import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import generate, parse_size
from benchmarks.stages import STAGES, Config

__all__ = ["RESULTS", "compare", "run", "run_engine", "versions"]

RESULTS = Path(__file__).resolve().parent / "results"
#: Stages that both engines run: the ratio is computed on these.
SHARED = ("import", "read", "validate", "ties", "graph", "summary", "mixing", "brokerage", "communities", "windows")
#: CSV to tie table: the foundation's throughput target (records per second).
FOUNDATION = ("read", "validate", "ties")


def _child(engine: str, config: Config, only: list[str] | None) -> dict:
    state: dict = {}
    out = {}
    for name, func in STAGES[engine].items():
        if only and name not in only and name not in ("import", *FOUNDATION, "graph"):
            continue
        start = time.perf_counter()
        try:
            result = func(state, config)
        except ImportError as err:  # a metric family not built yet
            out[name] = {"skipped": str(err)}
            continue
        except Exception as err:  # a stage under construction elsewhere: record it, time the others
            out[name] = {"skipped": f"failed: {type(err).__name__}: {err}"}
            print(f"    {engine} {name}: failed ({type(err).__name__}: {err})", file=sys.stderr, flush=True)
            continue
        seconds = time.perf_counter() - start
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(f"    {engine} {name}: {seconds:.2f} s, peak {peak:.0f} MB", file=sys.stderr, flush=True)
        out[name] = {"seconds": round(seconds, 4), "peak_mb": round(peak, 1), "result": result}
    return out


def run_engine(engine: str, config: Config, repeat: int, only: list[str] | None = None,
               progress=print) -> dict:
    """Median seconds and peak memory per stage of ``engine`` over ``repeat`` fresh processes."""
    runs = []
    for i in range(repeat):
        cmd = [sys.executable, "-m", "benchmarks.runner", engine, json.dumps(asdict(config)),
               json.dumps(only or [])]
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"{engine} run {i + 1} failed (exit {done.returncode}).")
        runs.append(json.loads(done.stdout))
        total = sum(s.get("seconds", 0) for s in runs[-1].values())
        progress(f"  {engine} run {i + 1}/{repeat}: {total:.1f} s")
    stages = {}
    for name, first in runs[0].items():
        if "skipped" in first:
            stages[name] = first
            continue
        times = [r[name]["seconds"] for r in runs]
        stages[name] = {"seconds": round(statistics.median(times), 4), "runs": times,
                        "peak_mb": max(r[name]["peak_mb"] for r in runs), "result": first["result"]}
    timed = [s for s in stages.values() if "seconds" in s]
    return {"stages": stages, "total_seconds": round(sum(s["seconds"] for s in timed), 3),
            "shared_seconds": round(sum(stages[n]["seconds"] for n in SHARED if "seconds" in stages.get(n, {})), 3),
            "peak_mb": max((s["peak_mb"] for s in timed), default=0.0)}


def compare(ours: dict, reference: dict) -> dict:
    """Results of the shared stages side by side, with ``equal`` per number (exact after rounding)."""
    out = {}
    for name in SHARED:
        a = ours["stages"].get(name, {}).get("result")
        b = reference["stages"].get(name, {}).get("result")
        if a is None or b is None:
            continue
        for key in sorted(set(a) & set(b)):
            if key in ("betweenness_max", "version"):
                continue  # sampled pivots differ between engines: the estimates are not comparable
            if key == "louvain_modularity":
                best = max(a[key], a.get("leiden_modularity", a[key]))
                out[f"{name}.modularity"] = {"collabgraph": best, "reference": b[key],
                                             "equal_or_better": best >= b[key]}
            else:
                out[f"{name}.{key}"] = {"collabgraph": a[key], "reference": b[key], "equal": a[key] == b[key]}
    return out


def versions() -> dict:
    import igraph
    import networkx
    import numpy
    import pandas
    import pyarrow

    import collabgraph

    return {"python": platform.python_version(), "collabgraph": collabgraph.__version__,
            "pandas": pandas.__version__, "numpy": numpy.__version__, "pyarrow": pyarrow.__version__,
            "igraph": igraph.__version__, "networkx": networkx.__version__}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    import os

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1), "system": platform.platform()}


def run(size: str, *, repeat: int = 3, reference: bool = True, report: bool = True, fmt: str = "csv",
        freq: str | None = None, only: list[str] | None = None, out: Path | None = None, progress=print) -> dict:
    """Benchmark ``size`` records and write ``benchmarks/results/<size>.json`` (or ``out``)."""
    records = parse_size(size)
    progress(f"data: {size} records")
    folder = generate(size)
    freq = freq or ("month" if records >= 5_000_000 else "quarter")
    config = Config(folder=str(folder), format=fmt, freq=freq)
    result = {"size": size, "records": records, "date": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": machine(), "versions": versions(), "config": asdict(config), "repeat": repeat}
    result["collabgraph"] = ours = run_engine("collabgraph", config, repeat, only, progress)
    foundation = sum(ours["stages"][n]["seconds"] for n in FOUNDATION)
    result["csv_to_ties_records_per_second"] = round(records / foundation)
    if report:
        result["report"] = run_engine("report", config, repeat, None, progress)
    if reference:
        result["reference"] = ref = run_engine("reference", config, repeat, only, progress)
        result["speedup_shared"] = round(ref["shared_seconds"] / ours["shared_seconds"], 1)
        result["speedup_per_stage"] = {n: round(ref["stages"][n]["seconds"] / ours["stages"][n]["seconds"], 1)
                                       for n in SHARED if "seconds" in ours["stages"].get(n, {})
                                       and "seconds" in ref["stages"].get(n, {})}
        result["equal"] = compare(ours, ref)
    path = out or RESULTS / f"{size}{'' if fmt == 'csv' else '-' + fmt}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    progress(f"wrote {path}")
    return result


if __name__ == "__main__":
    engine, config, only = sys.argv[1], Config(**json.loads(sys.argv[2])), json.loads(sys.argv[3])
    print(json.dumps(_child(engine, config, only)))
