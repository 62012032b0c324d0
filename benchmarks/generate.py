"""Seeded generator of realistic learning-network records for the benchmarks.

People belong to organisations (each in one domain) and to one or two learning networks. Every
person has a small set of regular contacts, drawn mostly within their learning network (55%) and
organisation (30%), the rest anywhere; each record picks a source (activity is skewed) and one of
its contacts (the first contacts are met most often), so pairs repeat as in real contact logs.
Dates are spread over two years (2023-01-01 .. 2024-12-31). Learning networks also hold events
(meetings) with 4 to 20 attendees from the network.

Sizes: ``100k``, ``1M``, ``10M`` interaction records (and any ``<number>[k|M]``). The same size and
seed give byte-identical files. Files go to ``benchmarks/data/<size>/`` as CSV (``people.csv``,
``interactions.csv``, ``events.csv``, ``attendance.csv``) and to ``benchmarks/data/<size>-parquet/``
as Parquet with the same names.

Run: ``python -m benchmarks generate --size 1M`` (see ``python -m benchmarks --help``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

__all__ = ["DATA", "generate", "parse_size", "tables", "write"]

DATA = Path(__file__).resolve().parent / "data"

DOMAINS = {
    "zorg": ["verpleegkundige", "huisarts", "praktijkondersteuner", "wijkverpleegkundige"],
    "welzijn": ["maatschappelijk werker", "jongerenwerker", "opbouwwerker"],
    "onderwijs": ["leraar", "intern begeleider", "docent mbo"],
    "veiligheid": ["wijkagent", "handhaver"],
    "gemeente": ["beleidsmedewerker", "wijkcoach"],
    "ervaringsdeskundigheid": ["ervaringsdeskundige"],
}
ROLES = np.array(["professional", "teacher", "student", "experiential expert", "coordinator"])
ROLE_P = np.array([0.74, 0.08, 0.1, 0.06, 0.02])
KINDS = np.array(["overleg", "casusbespreking", "consult", "e-mail"])
START = np.datetime64("2023-01-01")
DAYS = 731  # two years, 2024 is a leap year


def parse_size(size: str | int) -> int:
    """Records for a size label: ``100k`` -> 100000, ``1M`` -> 1000000, ``2500`` -> 2500.

    Examples
    --------
    >>> parse_size("100k"), parse_size("1M"), parse_size("10M"), parse_size(2500)
    (100000, 1000000, 10000000, 2500)
    """
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", str(size).strip())
    if m is None:
        raise ValueError(f"size must be a number with an optional k or M, like 100k or 1M; got {size!r}.")
    return int(float(m[1]) * {"": 1, "k": 1_000, "m": 1_000_000}[m[2].lower()])


def _ids(prefix: str, n: int) -> np.ndarray:
    width = len(str(n))
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width)).astype(object)


def _groups(group: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(group, kind="stable")
    size = np.bincount(group, minlength=n_groups)
    return order, np.concatenate([[0], np.cumsum(size)[:-1]]), size


def _pick(rng, group: np.ndarray, n_groups: int, g: np.ndarray) -> np.ndarray:
    """A random member of group ``g`` (a random person when the group is empty)."""
    order, start, size = _groups(group, n_groups)
    pick = order[np.minimum(start[g] + rng.integers(0, np.maximum(size[g], 1)), len(group) - 1)]
    empty = size[g] == 0
    pick[empty] = rng.integers(0, len(group), empty.sum())
    return pick


def _member(rng, group: np.ndarray, n_groups: int, who: np.ndarray) -> np.ndarray:
    """A random other member of ``group[who]`` for each ``who`` (anyone else when that is nobody)."""
    pick = _pick(rng, group, n_groups, group[who])
    clash = pick == who
    pick[clash] = (who[clash] + 1 + rng.integers(0, len(group) - 1, clash.sum())) % len(group)
    return pick


def tables(records: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """The four tables for ``records`` interaction rows (people = records / 20, at least 50)."""
    rng = np.random.default_rng(seed)
    n = max(50, records // 20)
    n_org = max(5, n // 60)
    n_net = max(3, n // 250)
    domains = np.array(list(DOMAINS))
    org_domain = rng.choice(len(domains), n_org, p=[0.34, 0.24, 0.2, 0.08, 0.1, 0.04])
    org = rng.integers(0, n_org, n)
    dom = org_domain[org]
    profession = np.empty(n, dtype=object)
    for d, name in enumerate(domains):
        here = dom == d
        profession[here] = rng.choice(DOMAINS[name], here.sum())
    net = rng.integers(0, n_net, n)
    second = np.where(rng.random(n) < 0.2, rng.integers(0, n_net, n), net)
    net_names = _ids("LN", n_net)
    people = pd.DataFrame({
        "id": _ids("p", n),
        "role": rng.choice(ROLES, n, p=ROLE_P),
        "profession": profession,
        "organisation": _ids("org", n_org)[org],
        "domain": domains[dom],
        "networks": np.where(second != net, net_names[net] + ";" + net_names[second], net_names[net]),
    })

    contacts = 8
    who = np.repeat(np.arange(n), contacts)
    r = rng.random(len(who))
    partner = np.where(r < 0.55, _member(rng, net, n_net, who),
                       np.where(r < 0.85, _member(rng, org, n_org, who),
                                (who + 1 + rng.integers(0, n - 1, len(who))) % n))
    activity = rng.pareto(2.5, n) + 0.2
    source = rng.choice(n, records, p=activity / activity.sum())
    slot = np.minimum(rng.geometric(0.35, records) - 1, contacts - 1)
    target = partner[source * contacts + slot]
    flip = rng.random(records) < 0.5
    source, target = np.where(flip, target, source), np.where(flip, source, target)
    days = rng.integers(0, DAYS, records)
    net_of = np.where(rng.random(records) < 0.5, net[source], second[source])
    interactions = pd.DataFrame({
        "source": people["id"].to_numpy()[source],
        "target": people["id"].to_numpy()[target],
        "date": np.datetime_as_string(START + days.astype("timedelta64[D]"), unit="D").astype(object),
        "kind": rng.choice(KINDS, records, p=[0.4, 0.2, 0.25, 0.15]),
        "network": np.where(net[source] == net[target], net_names[net_of], None),
        "weight": np.where(rng.random(records) < 0.8, 1, 2),
    })

    n_events = max(5, records // 1000)
    ev_net = rng.integers(0, n_net, n_events)
    ev_days = rng.integers(0, DAYS, n_events)
    events = pd.DataFrame({
        "id": _ids("e", n_events),
        "date": np.datetime_as_string(START + ev_days.astype("timedelta64[D]"), unit="D").astype(object),
        "network": net_names[ev_net],
        "kind": rng.choice(np.array(["bijeenkomst", "intervisie", "plenair"]), n_events),
    })
    sizes = rng.integers(4, 21, n_events)
    ev = np.repeat(np.arange(n_events), sizes)
    members = _pick(rng, net, n_net, ev_net[ev])
    attendance = pd.DataFrame({"event": events["id"].to_numpy()[ev], "person": people["id"].to_numpy()[members]})
    attendance = attendance.drop_duplicates(ignore_index=True)
    return {"people": people, "interactions": interactions, "events": events, "attendance": attendance}


def write(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """Write the tables as CSV to ``folder`` and as Parquet to ``<folder>-parquet``."""
    parquet = folder.with_name(folder.name + "-parquet")
    folder.mkdir(parents=True, exist_ok=True)
    parquet.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pacsv.write_csv(table, folder / f"{name}.csv",
                        pacsv.WriteOptions(quoting_style="needed"))
        pq.write_table(table, parquet / f"{name}.parquet", row_group_size=250_000)  # Dask partitions


def generate(size: str | int, seed: int = 0, data: Path = DATA) -> Path:
    """Generate (or reuse) the dataset of ``size`` records; returns the CSV folder."""
    records = parse_size(size)
    folder = data / (str(size) if seed == 0 else f"{size}-seed{seed}")
    if not (folder / "interactions.csv").exists():
        write(tables(records, seed), folder)
    return folder
