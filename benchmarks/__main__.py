"""``python -m benchmarks``: generate data, run the benchmark, or the CI smoke test.

    python -m benchmarks generate --size 1M
    python -m benchmarks run --size 1M --repeat 3
    python -m benchmarks run --size 10M --repeat 1 --no-reference
    python -m benchmarks smoke
    python -m benchmarks dask --size 1M
    python -m benchmarks small --repeat 5 --baseline ../before --readme

``smoke`` runs 100k records once with the reference pipeline (not the report, which has its own
tests), checks that both pipelines give equal results, and asserts nothing about time (exit 1 when
a result differs or a stage fails). It takes under a minute.

``small`` times every command on the bundled example as a subprocess (issue 15's targets), optionally
alternating with a ``--baseline`` checkout, and writes ``benchmarks/results/small.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.dask_check import check
from benchmarks.generate import generate
from benchmarks.runner import RESULTS, run
from benchmarks.small import markdown, run_small, save, write_readme


def _table(result: dict) -> str:
    ours, ref = result["collabgraph"], result.get("reference")
    lines = [f"{'stage':<13}{'collabgraph s':>14}{'peak MB':>9}" + (f"{'reference s':>13}{'ratio':>8}" if ref else "")]
    for name, s in ours["stages"].items():
        if "seconds" not in s:
            lines.append(f"{name:<13}  skipped ({s['skipped']})")
            continue
        line = f"{name:<13}{s['seconds']:>14.3f}{s['peak_mb']:>9.0f}"
        r = ref["stages"].get(name) if ref else None
        if r and "seconds" in r:
            line += f"{r['seconds']:>13.3f}{r['seconds'] / s['seconds']:>8.1f}"
        lines.append(line)
    lines.append(f"{'total':<13}{ours['total_seconds']:>14.3f}{ours['peak_mb']:>9.0f}"
                 + (f"{ref['total_seconds']:>13.3f}" if ref else ""))
    lines.append(f"CSV to tie table: {result['csv_to_ties_records_per_second']:,} records/s")
    if "report" in result:
        rep = result["report"]
        lines.append(f"complete report (import, read, validate, report): {rep['total_seconds']:.1f} s, "
                     f"peak {rep['peak_mb']:.0f} MB")
    if ref:
        lines.append(f"speed-up on the shared stages: {result['speedup_shared']}x")
        unequal = [k for k, v in result["equal"].items() if not v.get("equal", v.get("equal_or_better"))]
        lines.append("results equal" if not unequal else f"results differ: {', '.join(unequal)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write benchmarks/data/<size>/ (CSV) and <size>-parquet/")
    g.add_argument("--size", default="100k")
    g.add_argument("--seed", type=int, default=0)
    r = sub.add_parser("run", help="time every stage, write benchmarks/results/<size>.json")
    r.add_argument("--size", default="100k")
    r.add_argument("--repeat", type=int, default=3, help="fresh processes per engine (median)")
    r.add_argument("--no-reference", dest="reference", action="store_false", help="skip the plain pipeline")
    r.add_argument("--no-report", dest="report", action="store_false", help="skip the complete report")
    r.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv")
    r.add_argument("--freq", choices=["month", "quarter", "year"],
                   help="windows (default: quarter, month from 5M records)")
    r.add_argument("--stages", help="comma-separated stages to run (read, validate, ties, graph always run)")
    sub.add_parser("smoke", help="100k records, once, both pipelines; fails only when results differ")
    d = sub.add_parser("dask", help="the Dask engine (LocalCluster, 2 workers) gives the embedded results")
    d.add_argument("--size", default="100k")
    d.add_argument("--processes", action="store_true", help="worker processes instead of threads")
    d.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv")
    s = sub.add_parser("small", help="time every command on the example (issue 15), write results/small.json")
    s.add_argument("--repeat", type=int, default=5, help="timed runs per command after one warm-up (median)")
    s.add_argument("--baseline", type=Path, help="another checkout to time alternately (before/after)")
    s.add_argument("--only", help="comma-separated command names (e.g. --version,summary)")
    s.add_argument("--readme", action="store_true", help="also write the table into benchmarks/README.md")
    args = parser.parse_args(argv)
    if args.command == "small":
        result = run_small(args.repeat, args.baseline, args.only.split(",") if args.only else None)
        save(result)
        if args.readme:
            write_readme(result)
        print(markdown(result))
        return int(not all(e.get("same_output", True) for e in result["commands"].values()))
    if args.command == "generate":
        print(generate(args.size, args.seed))
        return 0
    if args.command == "dask":
        result = check(args.size, processes=args.processes, fmt=args.fmt)
        print(json.dumps(result, indent=2))
        out = RESULTS / f"dask-{args.size}{'' if args.fmt == 'csv' else '-' + args.fmt}.json"
        out.write_text(json.dumps(result, indent=2) + "\n")
        return 0
    if args.command == "smoke":
        with tempfile.TemporaryDirectory() as tmp:  # CI leaves the committed results alone
            result = run("100k", repeat=1, report=False, out=Path(tmp) / "smoke.json")
    else:
        result = run(args.size, repeat=args.repeat, reference=args.reference, report=args.report, fmt=args.fmt,
                     freq=args.freq,
                     only=args.stages.split(",") if args.stages else None)
    print(_table(result))
    failed = [f"{engine} {name}" for engine in ("collabgraph", "report", "reference") if engine in result
              for name, s in result[engine]["stages"].items() if s.get("skipped", "").startswith("failed")]
    if failed:
        print(f"failed stages: {', '.join(failed)}")
    equal = all(v.get("equal", v.get("equal_or_better")) for v in result.get("equal", {}).values())
    return int(bool(failed) or not equal)


if __name__ == "__main__":
    sys.exit(main())
