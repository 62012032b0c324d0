"""The benchmarked stages: collabgraph's pipeline and the plain reference pipeline, side by side.

A stage is a small function ``f(state, config) -> dict`` registered with :func:`stage` under an
engine (``collabgraph`` or ``reference``). It reads what earlier stages left in ``state`` (``raw``,
``dataset``, ``ties``, ``graph`` ...), stores its own output there, and returns a few numbers that
summarise its result; the runner compares those numbers between the two engines (equal results are
part of the target). Stages run in registration order; a stage whose module is not importable yet
(a metric family still being built) is skipped and listed as such.

Both engines do the same work on the same files:

- ``import``: the libraries (what a command pays before it reads);
- ``read``: the four tables from CSV (or Parquet);
- ``validate``: ids present and known, no self ties, dates and weights parsed;
- ``ties``: one row per pair (weight, count, first, last, networks), interactions plus
  co-attendance weighted ``1/(n-1)``;
- ``graph``: the graph with person attributes (igraph for collabgraph, networkx for the reference);
- ``summary``: density, components, isolates, largest component, k-core;
- ``mixing``: E-I index and assortativity for role, profession, organisation and domain, and a
  permutation test of the domain E-I (``config.permutations``);
- ``brokerage``: Burt's constraint of everyone, betweenness from ``config.pivots`` sampled pivots;
- ``communities``: Leiden and Louvain with their modularity (networkx has no Leiden without a
  backend: the reference runs Louvain only, which is the comparison the issue asks for);
- ``windows``: per window (``config.freq``): the window's ties, components, domain E-I, Louvain
  (collabgraph: Leiden).

collabgraph also runs ``reach``, ``pollination``, ``isolation`` and ``temporal``, which have no
plain counterpart (they are timed, not in the ratio). The ``report`` engine is what a user runs:
``import, read, validate`` and then :func:`collabgraph.report.html.write_report` with the default
options (or :func:`collabgraph.analysis.analyze` while the report writer is not there), which
builds the tie table and every section itself.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["ATTRIBUTES", "STAGES", "Config", "stage"]

ATTRIBUTES = ("role", "profession", "organisation", "domain")


@dataclass(frozen=True)
class Config:
    """What a run does: the data folder, its format, the windows and the sampling parameters."""

    folder: str
    format: str = "csv"
    freq: str = "quarter"
    permutations: int = 100
    pivots: int = 200
    seed: int = 0


STAGES: dict[str, dict[str, Callable]] = {"collabgraph": {}, "report": {}, "reference": {}}


def stage(engine: str, name: str):
    """Register ``func`` as stage ``name`` of ``engine`` (in order of registration)."""
    def register(func):
        STAGES[engine][name] = func
        return func
    return register


def _files(config: Config) -> dict[str, Path]:
    folder = Path(config.folder)
    if config.format == "parquet":
        folder = folder.with_name(folder.name + "-parquet")
    ext = ".parquet" if config.format == "parquet" else ".csv"
    return {t: folder / f"{t}{ext}" for t in ("people", "interactions", "events", "attendance")}


# ---- collabgraph ----------------------------------------------------------------------------
@stage("report", "import")
@stage("collabgraph", "import")
def _cg_import(state, config):
    import importlib

    import collabgraph

    for name in ("structure", "mixing", "brokerage", "communities", "reach", "pollination", "isolation"):
        importlib.import_module(f"collabgraph.metrics.{name}")
    return {"version": collabgraph.__version__}


@stage("report", "read")
@stage("collabgraph", "read")
def _cg_read(state, config):
    from collabgraph.io import read_dataset

    state["raw"] = read_dataset(_files(config)["people"].parent)
    return {"interactions": len(state["raw"].tables["interactions"].frame)}


@stage("report", "validate")
@stage("collabgraph", "validate")
def _cg_validate(state, config):
    from collabgraph.io import validate

    state["dataset"] = ds = validate(state.pop("raw"))
    return {"people": len(ds.people), "interactions": len(ds.interactions), "attendance": len(ds.attendance)}


@stage("collabgraph", "ties")
def _cg_ties(state, config):
    from collabgraph.graph import ties

    state["ties"] = t = ties(state["dataset"])
    return {"ties": len(t), "weight": round(float(t["weight"].sum()), 6), "count": int(t["count"].sum())}


@stage("collabgraph", "graph")
def _cg_graph(state, config):
    from collabgraph.graph import to_igraph

    state["graph"] = g = to_igraph(state["dataset"], state["ties"])
    return {"vertices": g.vcount(), "edges": g.ecount()}


@stage("collabgraph", "summary")
def _cg_summary(state, config):
    from collabgraph.metrics.structure import summary

    s = summary(state["dataset"], tie_table=state["ties"])
    core = max(state["graph"].coreness()) if state["graph"].vcount() else 0
    return {"density": s.density, "components": s.components, "isolates": s.isolates,
            "largest_component": s.largest_component, "max_core": core}


@stage("collabgraph", "mixing")
def _cg_mixing(state, config):
    from collabgraph.metrics.mixing import ei_index

    ds, t = state["dataset"], state["ties"]
    out = {}
    for by in ATTRIBUTES:
        perms = config.permutations if by == "domain" else 0
        r = ei_index(ds, by=by, tie_table=t, permutations=perms, seed=config.seed, persons=False)
        out[f"ei_{by}"] = round(r.ei_index, 9)
        out[f"assortativity_{by}"] = None if r.assortativity is None else round(r.assortativity, 9)
    return out


@stage("collabgraph", "brokerage")
def _cg_brokerage(state, config):
    from collabgraph.metrics.centrality import betweenness_from_ties
    from collabgraph.metrics.holes import structural_holes

    ds, t = state["dataset"], state["ties"]
    holes = structural_holes(ds, tie_table=t)
    state["constraint"] = holes["constraint"]
    b = betweenness_from_ties(t, ds.people, k=config.pivots, seed=config.seed)
    return {"constraint_mean": round(float(holes["constraint"].mean()), 9), "betweenness_max": float(b.max())}


@stage("collabgraph", "communities")
def _cg_communities(state, config):
    from collabgraph.metrics.communities import communities

    ds, t = state["dataset"], state["ties"]
    leiden = communities(ds, tie_table=t, method="leiden", seed=config.seed, weighted=True)  # as networkx below
    louvain = communities(ds, tie_table=t, method="louvain", seed=config.seed, weighted=True)
    return {"leiden_modularity": round(leiden.modularity, 6), "louvain_modularity": round(louvain.modularity, 6),
            "leiden_communities": int(leiden.membership.nunique())}


@stage("collabgraph", "reach")
def _cg_reach(state, config):
    from collabgraph.metrics.reach import reach

    r = reach(state["dataset"], tie_table=state["ties"])
    return {"rows": len(r)}


@stage("collabgraph", "pollination")
def _cg_pollination(state, config):
    from collabgraph.metrics.pollination import pollination

    pollination(state["dataset"], k=config.pivots, seed=config.seed, tie_table=state["ties"])
    return {}


@stage("collabgraph", "isolation")
def _cg_isolation(state, config):
    from collabgraph.metrics.isolation import isolation

    isolation(state["dataset"], tie_table=state["ties"])
    return {}


@stage("collabgraph", "windows")
def _cg_windows(state, config):
    from collabgraph.graph import ties
    from collabgraph.metrics.communities import communities
    from collabgraph.metrics.mixing import ei_index
    from collabgraph.metrics.structure import summary

    out = {"windows": 0, "ties": [], "components": [], "ei_domain": []}
    for w in state["dataset"].windows(config.freq):
        t = ties(w.dataset)
        s = summary(w.dataset, tie_table=t)
        ei = ei_index(w.dataset, by="domain", tie_table=t, persons=False).ei_index
        communities(w.dataset, tie_table=t, method="leiden", seed=config.seed, weighted=True)
        out["windows"] += 1
        out["ties"].append(len(t))
        out["components"].append(s.components)
        out["ei_domain"].append(None if ei is None else round(ei, 9))
    return out


@stage("collabgraph", "temporal")
def _cg_temporal(state, config):
    from collabgraph.metrics.timeline import timeline

    return {"windows": len(timeline(state["dataset"], freq=config.freq).windows)}


@stage("report", "report")
def _report(state, config):
    """What ``collabgraph report`` does after reading: every section with its default options."""
    import tempfile

    from collabgraph.analysis import AnalysisOptions, analyze

    options = AnalysisOptions(freq=config.freq)
    try:
        from collabgraph.report.html import write_report
    except ImportError:  # the report writer not built yet: the analysis behind it
        return {"sections": len(analyze(state["dataset"], options).to_dict())}
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_report(state["dataset"], Path(tmp) / "report", options=options)
        return {"files": sum(1 for _ in folder.rglob("*"))}


# ---- the plain reference: pandas read, a Python loop into networkx, networkx algorithms -------
@stage("reference", "import")
def _ref_import(state, config):
    import networkx

    return {"version": networkx.__version__}


@stage("reference", "read")
def _ref_read(state, config):
    files = _files(config)
    reader = pd.read_parquet if config.format == "parquet" else (lambda p: pd.read_csv(p, dtype=str))
    state["frames"] = {t: reader(p).astype(object) for t, p in files.items()}
    return {"interactions": len(state["frames"]["interactions"])}


@stage("reference", "validate")
def _ref_validate(state, config):
    f = state.pop("frames")
    people = f["people"].dropna(subset=["id"]).drop_duplicates("id").set_index("id")
    inter = f["interactions"].dropna(subset=["source", "target"])
    inter = inter[(inter["source"] != inter["target"]) & inter["source"].isin(people.index)
                  & inter["target"].isin(people.index)].copy()
    inter["date"] = pd.to_datetime(inter["date"], errors="coerce")
    inter["weight"] = pd.to_numeric(inter["weight"], errors="coerce").fillna(1.0)
    inter = inter[inter["weight"] > 0]
    events = f["events"].dropna(subset=["id"]).set_index("id")
    events["date"] = pd.to_datetime(events["date"], errors="coerce")
    att = f["attendance"].dropna(subset=["event", "person"]).drop_duplicates()
    att = att[att["person"].isin(people.index) & att["event"].isin(events.index)]
    state.update(people=people, interactions=inter, events=events, attendance=att)
    return {"people": len(people), "interactions": len(inter), "attendance": len(att)}


def _add(g, a, b, w, date, network, kind):
    if g.has_edge(a, b):
        e = g[a][b]
        e["weight"] += w
        e["count"] += 1
        e[kind] += 1
        if date == date:  # not NaT
            e["first"] = date if e["first"] is None or date < e["first"] else e["first"]
            e["last"] = date if e["last"] is None or date > e["last"] else e["last"]
        if isinstance(network, str):
            e["networks"].add(network)
    else:
        ok = date == date
        g.add_edge(a, b, weight=w, count=1, interactions=int(kind == "interactions"),
                   events=int(kind == "events"), first=date if ok else None, last=date if ok else None,
                   networks={network} if isinstance(network, str) else set())


def _plain_ties(people, inter, events, att):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(people.index)
    for s, t, w, d, net in zip(inter["source"], inter["target"], inter["weight"], inter["date"],
                               inter["network"], strict=True):
        _add(g, s, t, float(w), d, net, "interactions")
    for event, group in att.groupby("event"):
        who = sorted(group["person"])
        date, net = events.at[event, "date"], events.at[event, "network"]
        for a, b in itertools.combinations(who, 2):
            _add(g, a, b, 1.0 / (len(who) - 1), date, net, "events")
    return g


@stage("reference", "ties")
def _ref_ties(state, config):
    state["graph"] = g = _plain_ties(state["people"], state["interactions"], state["events"], state["attendance"])
    return {"ties": g.number_of_edges(), "weight": round(sum(w for *_, w in g.edges(data="weight")), 6),
            "count": sum(c for *_, c in g.edges(data="count"))}


@stage("reference", "graph")
def _ref_graph(state, config):
    import networkx as nx

    people = state["people"]
    for col in people.columns:
        values = people[col]
        nx.set_node_attributes(state["graph"], {k: v for k, v in values.items() if isinstance(v, str)}, col)
    return {"vertices": state["graph"].number_of_nodes(), "edges": state["graph"].number_of_edges()}


@stage("reference", "summary")
def _ref_summary(state, config):
    import networkx as nx

    g = state["graph"]
    comps = list(nx.connected_components(g))
    g.remove_edges_from(nx.selfloop_edges(g))
    return {"density": round(nx.density(g), 6), "components": len(comps), "isolates": nx.number_of_isolates(g),
            "largest_component": max(map(len, comps)) if comps else 0,
            "max_core": max(nx.core_number(g).values()) if len(g) else 0}


def _plain_ei(g, attr, values):
    internal = external = 0
    for a, b in g.edges():
        x, y = values.get(a), values.get(b)
        if x is None or y is None:
            continue
        if x == y:
            internal += 1
        else:
            external += 1
    return (external - internal) / (external + internal) if internal + external else None


@stage("reference", "mixing")
def _ref_mixing(state, config):
    import networkx as nx

    g = state["graph"]
    out = {}
    for by in ATTRIBUTES:
        values = nx.get_node_attributes(g, by)
        out[f"ei_{by}"] = round(_plain_ei(g, by, values), 9)
        known = g.subgraph([n for n in g if n in values])
        r = nx.attribute_assortativity_coefficient(known, by)
        out[f"assortativity_{by}"] = None if r != r else round(r, 9)
        if by == "domain" and config.permutations:
            rng = random.Random(config.seed)
            nodes, labels = list(values), list(values.values())
            for _ in range(config.permutations):
                rng.shuffle(labels)
                _plain_ei(g, by, dict(zip(nodes, labels, strict=True)))
    return out


@stage("reference", "brokerage")
def _ref_brokerage(state, config):
    import networkx as nx

    g = state["graph"]
    constraint = nx.constraint(g)
    state["constraint"] = constraint
    b = nx.betweenness_centrality(g, k=min(config.pivots, len(g)), normalized=False, seed=config.seed)
    values = [v for v in constraint.values() if v == v]
    return {"constraint_mean": round(float(np.mean(values)), 9), "betweenness_max": float(max(b.values()))}


@stage("reference", "communities")
def _ref_communities(state, config):
    import networkx as nx

    g = state["graph"]
    louvain = nx.community.louvain_communities(g, weight="weight", seed=config.seed)
    return {"louvain_modularity": round(nx.community.modularity(g, louvain, weight="weight"), 6)}


@stage("reference", "windows")
def _ref_windows(state, config):
    import networkx as nx

    inter, events, att, people = state["interactions"], state["events"], state["attendance"], state["people"]
    lo = min(inter["date"].min(), events["date"].min())
    hi = max(inter["date"].max(), events["date"].max())
    code = {"quarter": "Q", "month": "M", "year": "Y"}[config.freq]
    out = {"windows": 0, "ties": [], "components": [], "ei_domain": []}
    domain = {k: v for k, v in people["domain"].items() if isinstance(v, str)}
    for period in pd.period_range(lo, hi, freq=code):
        s, e = period.start_time, (period + 1).start_time
        ev = events[(events["date"] >= s) & (events["date"] < e)]
        g = _plain_ties(people, inter[(inter["date"] >= s) & (inter["date"] < e)], ev, att[att["event"].isin(ev.index)])
        nx.community.louvain_communities(g, weight="weight", seed=config.seed)
        ei = _plain_ei(g, "domain", domain)
        out["windows"] += 1
        out["ties"].append(g.number_of_edges())
        out["components"].append(nx.number_connected_components(g))
        out["ei_domain"].append(None if ei is None else round(ei, 9))
    return out
