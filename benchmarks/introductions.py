"""Honest evaluation of ``collabgraph suggest``: do suggested introductions become real ties later?

Method (Liben-Nowell & Kleinberg 2007): split each dataset's period at ``1 - holdout`` (default: the
last 25% of the days is hidden). Suggestions are made from the earlier records only. A **new tie**
is a pair that first meets after the cut and had no tie before; pairs with someone who is not yet
in the earlier data are left out (no method can suggest them) and counted. For every person with at
least one new tie, ``precision@k`` is the share of their top ``k`` suggestions that became new ties
(fewer than ``k`` suggestions still count as ``k`` slots). The **random baseline** is the exact
expected precision of ``k`` people drawn at random from everyone the person was not yet tied to:
``new ties / candidates``. Both are averaged over the people evaluated; the factor is their ratio.
Where people belong to learning networks, a stricter baseline draws only among the untied people
who share a network with the person (``random in own network``), since most new ties form there.

Two scorers are compared: ``structure`` (Adamic–Adar two steps away plus 0.1 x three steps away,
no other preferences) and ``full`` (the default of ``collabgraph suggest``: also favouring other
domains/professions and shared learning networks, down-ranking overloaded people). The full score
pursues the programme's aim (introductions across boundaries), not prediction, so it may predict
the ties people form on their own less well; the table shows by how much.

Run from the repository root: ``python -m benchmarks.introductions`` (writes nothing; paste the
printed table into benchmarks/INTRODUCTIONS.md). Real datasets are read from ``../shared/realdata``
or ``$COLLABGRAPH_REALDATA`` and skipped when absent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from collabgraph import from_frames, ties
from collabgraph.metrics.suggest import Scorer

REALDATA = Path(os.environ.get("COLLABGRAPH_REALDATA", Path(__file__).resolve().parents[2] / "shared" / "realdata"))
KS = (1, 3, 5, 10)
SCORERS = {
    "structure": {"third_step": 0.1, "network_bonus": 0.0, "diversity": 0.0, "overload_penalty": 1.0},
    "full": {},
}


def _pairs(tie_table: pd.DataFrame) -> set[tuple[str, str]]:
    s, t = tie_table["source"].astype(str), tie_table["target"].astype(str)
    return {(a, b) if a < b else (b, a) for a, b in zip(s, t, strict=True)}


def evaluate(dataset, *, holdout: float = 0.25, ks=KS) -> dict:
    """Precision@k of each scorer and of random choice, on the hidden last part of the period."""
    start, end = dataset.period()
    cut = start + (end - start) * (1 - holdout)
    cut = cut.normalize()
    early = dataset.filter(end=cut)
    full_ties = ties(dataset)
    known = _pairs(ties(early))
    later = full_ties[full_ties["first"] > cut + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)]
    present = set(early.people.index.astype(str))
    new: dict[str, set[str]] = {}
    unreachable = 0
    for a, b in _pairs(later) - known:
        if a in present and b in present:
            new.setdefault(a, set()).add(b)
            new.setdefault(b, set()).add(a)
        else:
            unreachable += 1
    n_people = len(early.people)
    early_ties = ties(early)
    degree = pd.Series(0, index=early.people.index.astype(str))
    for col in ("source", "target"):
        degree = degree.add(early_ties[col].astype(str).value_counts(), fill_value=0)
    result = {"period": f"{start.date()} .. {end.date()}", "cut": str(cut.date()), "people": n_people,
              "evaluated": len(new), "new_ties": sum(len(v) for v in new.values()) // 2,
              "unreachable_new_ties": unreachable, "scores": {}}
    persons = sorted(new)
    random = {k: float(np.mean([len(new[p]) / (n_people - 1 - degree[p]) for p in persons])) for k in ks}
    result["scores"]["random"] = random
    if len(early.memberships):
        result["scores"]["random in own network"] = _network_baseline(early, known, new, persons, ks)
    for name, weights in SCORERS.items():
        scorer = Scorer(early, tie_table=early_ties, **weights)
        hits = {k: [] for k in ks}
        for p in persons:
            top = scorer.suggest(p, max(ks)).table["id"].tolist()
            for k in ks:
                hits[k].append(len(set(top[:k]) & new[p]) / k)
        result["scores"][name] = {k: float(np.mean(v)) for k, v in hits.items()}
    return result


def _network_baseline(early, known, new, persons, ks) -> dict:
    """Expected precision of k random picks among the untied people sharing a learning network.

    Each pick is a hit with probability ``hits / pool``; a pool smaller than k leaves empty slots,
    so the expected precision@k is ``hits * min(k, pool) / pool / k``.
    """
    m = early.memberships[["person", "network"]].drop_duplicates().astype(str)
    nets = m.groupby("person")["network"].apply(set).to_dict()
    by_net = m.groupby("network")["person"].apply(set).to_dict()
    out = {k: [] for k in ks}
    for p in persons:
        pool = set().union(*(by_net[n] for n in nets.get(p, ()))) - {p}
        pool = {q for q in pool if (min(p, q), max(p, q)) not in known}
        hits = len(pool & new[p])
        for k in ks:
            out[k].append(hits * min(k, len(pool)) / len(pool) / k if pool else 0.0)
    return {k: float(np.mean(v)) for k, v in out.items()}


def sociopatterns(folder: Path):
    """A SocioPatterns workplace dataset with contact times (seconds) turned into dates.

    Day 0 is 2013-06-24 for InVS13 and 2015-06-22 for InVS15 (SOURCE.md: collection dates); the
    department is used as the person's domain and organisation.
    """
    day0 = pd.Timestamp("2013-06-24" if folder.name.endswith("13") else "2015-06-22")
    contacts = pd.read_csv(folder / "contacts.csv")
    nodes = pd.read_csv(folder / "nodes.csv", dtype={"id": str})
    people = pd.DataFrame({"id": nodes["id"], "domain": nodes["department"], "organisation": nodes["department"]})
    inter = pd.DataFrame({"source": contacts["source"].astype(str), "target": contacts["target"].astype(str),
                          "date": (day0 + pd.to_timedelta(contacts["time"], unit="s")).dt.strftime("%Y-%m-%d")})
    return from_frames(people=people, interactions=inter)


def datasets():
    out = {}
    try:
        from collabgraph.datasets import load_example
        out["leernetwerken (bundled example)"] = load_example()
    except Exception as err:  # the example may not be generated yet
        print(f"skipping the bundled example: {err}", file=sys.stderr)
    for name in ("sociopatterns_workplace_invs13", "sociopatterns_workplace_invs15"):
        if (REALDATA / name).is_dir():
            out[name] = sociopatterns(REALDATA / name)
    return out


def table(results: dict) -> str:
    lines = ["| dataset | cut (hidden after) | people evaluated | new ties | k | random | random in own network | "
             "structure | factor | full | factor | full / random in own network |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        for k in KS:
            rnd, st, fu = r["scores"]["random"][k], r["scores"]["structure"][k], r["scores"]["full"][k]
            net = r["scores"].get("random in own network", {}).get(k)
            net_cells = (f"{net:.3f}", f"{fu / net:.1f}x") if net else ("-", "-")
            lines.append(f"| {name} | {r['cut']} | {r['evaluated']} of {r['people']} | {r['new_ties']} | {k} | "
                         f"{rnd:.3f} | {net_cells[0]} | {st:.3f} | {st / rnd:.1f}x | {fu:.3f} | {fu / rnd:.1f}x | "
                         f"{net_cells[1]} |")
    return "\n".join(lines)


def main():
    results = {name: evaluate(ds) for name, ds in datasets().items()}
    for name, r in results.items():
        print(f"{name}: period {r['period']}, new ties after {r['cut']}: {r['new_ties']} "
              f"(+{r['unreachable_new_ties']} with people not yet present, left out)")
    print()
    print(table(results))


if __name__ == "__main__":
    main()
