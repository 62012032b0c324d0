"""The small suite: every command on the bundled example, timed as a user runs it (issue 15).

Each command runs as a subprocess, ``python -m collabgraph.cli ...`` in a repository checkout (the
checkout's own code), the way hyperfine times a command: one warm-up run, then ``repeat`` timed
runs; the summary is the median, minimum and maximum wall-clock time and the median CPU time (user
+ system of the process and its children, from ``getrusage(RUSAGE_CHILDREN)``). On a shared machine
wall-clock time grows with the load while CPU time barely does, so both are kept, with the load
average (``os.getloadavg``) before and after each command.

With ``baseline`` (another checkout, e.g. a worktree of the commit before a change) every timed run
of a command alternates between the two checkouts, so before and after see the same load. Each run's
output is hashed (stdout of ``--format json``, or every file a command writes; an XLSX or zip file by
its members, without ``docProps/core.xml``, which holds the time of writing), so the table also says
whether the two checkouts give byte-identical results.

Examples
--------
>>> [name for name, _, _ in COMMANDS][:4]
['--version', '--help', 'validate', 'summary']
>>> TARGETS["summary"]
1.0
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["COMMANDS", "TARGETS", "markdown", "run_small", "save", "write_readme"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "datasets/leernetwerken"
RESULT = ROOT / "benchmarks" / "results" / "small.json"
README = ROOT / "benchmarks" / "README.md"
BEGIN, END = "<!-- small:begin -->", "<!-- small:end -->"

#: (name, arguments, target seconds): issue 15's targets. ``{out}`` is a fresh temporary folder.
COMMANDS = [
    ("--version", ["--version"], 0.3),
    ("--help", ["--help"], 0.3),
    ("validate", ["validate", EXAMPLE, "--format", "json"], 1.0),
    ("summary", ["summary", EXAMPLE, "--format", "json"], 1.0),
    ("metrics", ["metrics", EXAMPLE, "--format", "json"], 2.0),
    ("clusters", ["clusters", EXAMPLE, "--format", "json"], 2.0),
    ("isolated", ["isolated", EXAMPLE, "--format", "json"], 2.0),
    ("suggest", ["suggest", EXAMPLE, "--format", "json"], 2.0),
    ("brokers", ["brokers", EXAMPLE, "--format", "json"], 2.0),
    ("pollination", ["pollination", EXAMPLE, "--format", "json"], 2.0),
    ("timeline", ["timeline", EXAMPLE, "--format", "json"], 2.0),
    ("compare", ["compare", EXAMPLE, "--before", "2020", "--after", "2021", "--format", "json"], 2.0),
    ("hours", ["hours", EXAMPLE, "--format", "json"], 2.0),
    ("networks", ["networks", EXAMPLE, "--format", "json"], 2.0),
    ("forms", ["forms", EXAMPLE, "--format", "json"], 2.0),
    ("roles", ["roles", EXAMPLE, "--format", "json"], 2.0),
    ("ratings", ["ratings", EXAMPLE, "--format", "json"], 2.0),
    ("export gexf", ["export", EXAMPLE, "--to", "gexf", "-o", "{out}/example.gexf"], 2.0),
    ("export xlsx", ["export", EXAMPLE, "--to", "xlsx", "-o", "{out}/example.xlsx"], 2.0),
    ("report", ["report", EXAMPLE, "-o", "{out}/report"], 3.0),
]
TARGETS = {name: target for name, _, target in COMMANDS}


def _file_digest(path: Path, digest) -> None:
    if path.suffix in (".xlsx", ".zip"):
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                if name != "docProps/core.xml":
                    digest.update(name.encode() + b"\0" + z.read(name))
    else:
        digest.update(path.read_bytes())


def _digest(stdout: bytes, out: Path, writes_files: bool) -> str:
    """sha256 of what a command produced: its files when it writes files (stdout is their path), else stdout."""
    digest = hashlib.sha256()
    if not writes_files:
        digest.update(stdout)
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(out)).encode() + b"\0")
        _file_digest(path, digest)
    return digest.hexdigest()[:16]


def _once(tree: Path, args: list[str]) -> dict:
    """Run the command once in ``tree``; wall and CPU seconds, exit code and output digest."""
    out = Path(tempfile.mkdtemp(prefix="cg-small-"))
    argv = [sys.executable, "-m", "collabgraph.cli", *(a.replace("{out}", str(out)) for a in args)]
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("COLLABGRAPH_LANG", None)
    # as an installed copy, whose modules pip compiled once: the warm-up writes the .pyc files (git-ignored
    # __pycache__), so no timed run compiles collabgraph's sources again, even where the shell forbids it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        digest = _digest(done.stdout, out, any("{out}" in a for a in args))
    finally:
        shutil.rmtree(out)
    if done.returncode not in (0, 1):  # validate exits 1 when it finds problems: still a measurement
        raise RuntimeError(f"{' '.join(argv)} failed in {tree} (exit {done.returncode}):\n"
                           f"{done.stderr.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "cpu": cpu, "exit": done.returncode, "digest": digest}


def _summary(runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    return {"median": round(statistics.median(walls), 3), "min": round(min(walls), 3), "max": round(max(walls), 3),
            "cpu_median": round(statistics.median(r["cpu"] for r in runs), 3), "runs": [round(w, 3) for w in walls],
            "digests": sorted({r["digest"] for r in runs}), "exit": runs[0]["exit"]}


def run_small(repeat: int = 5, baseline: Path | None = None, only: list[str] | None = None,
              progress=print) -> dict:
    """Time every command of :data:`COMMANDS` (or ``only`` these) in this checkout and in ``baseline``."""
    trees = {"after": ROOT} if baseline is None else {"before": Path(baseline).resolve(), "after": ROOT}
    result = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "repeat": repeat,
              "python": sys.version.split()[0], "cores": os.cpu_count(),
              "trees": {k: str(v) for k, v in trees.items()}, "commands": {}}
    for name, args, target in COMMANDS:
        if only and name not in only:
            continue
        load = os.getloadavg()[0]
        for tree in trees.values():
            _once(tree, args)  # warm-up: file-system cache, .pyc files
        runs: dict[str, list] = {label: [] for label in trees}
        for _ in range(repeat):
            for label, tree in trees.items():
                runs[label].append(_once(tree, args))
        entry = {"target": target, "load": [round(load, 2), round(os.getloadavg()[0], 2)]}
        entry.update({label: _summary(r) for label, r in runs.items()})
        if baseline is not None:
            entry["same_output"] = entry["before"]["digests"] == entry["after"]["digests"]
        result["commands"][name] = entry
        times = "  ".join(f"{label} {entry[label]['median']:.2f} s (cpu {entry[label]['cpu_median']:.2f})"
                          for label in trees)
        progress(f"{name:<12} {times}  load {entry['load'][0]}-{entry['load'][1]}"
                 + ("" if baseline is None else f"  same output: {entry['same_output']}"))
    return result


def markdown(result: dict) -> str:
    """The result as the Markdown table of benchmarks/README.md."""
    before = "before" in result["trees"]
    head = "| command | target | " + ("before: median (min–max), CPU | " if before else "") \
        + "after: median (min–max), CPU | met | load (1 min) |" + (" same output |" if before else "")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, e in result["commands"].items():
        def cell(s):
            return f"{s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f}), {s['cpu_median']:.2f} s"
        row = f"| `{name}` | ≤ {e['target']:g} s | " + (f"{cell(e['before'])} | " if before else "")
        row += f"{cell(e['after'])} | {'yes' if e['after']['median'] <= e['target'] else 'no'} | "
        row += f"{e['load'][0]:.1f}–{e['load'][1]:.1f} |"
        if before:
            row += f" {'yes' if e['same_output'] else 'NO'} |"
        lines.append(row)
    return "\n".join(lines)


def write_readme(result: dict, readme: Path = README) -> None:
    """Replace the table between the small-suite markers of benchmarks/README.md."""
    text = readme.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    readme.write_text(text[:start] + "\n" + markdown(result) + "\n" + text[end:])


def save(result: dict, path: Path = RESULT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
