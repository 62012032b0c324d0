"""Data and options of the interactive network map (vis-network, via pyvis's options).

pyvis is used for what it is good at (STYLE.md): its :class:`pyvis.network.Network` holds the
vis-network options (physics, interaction, edges) and hands them over with ``get_network_data()``,
and it ships the vis-network JavaScript (:func:`vis_network_js`). The page itself is rendered by
our own autoescaped template, and the nodes and edges are built here in bulk: pyvis's
``add_edge`` checks every existing edge, which is quadratic in the number of ties.

Above :data:`FROZEN_ABOVE` people the layout is computed in Python (igraph's Fruchterman–Reingold,
seeded) and physics is switched off, so the browser only draws: 5,000 people open in seconds.
Below it vis-network's physics (Barnes–Hut, ``layout.randomSeed``) arranges the map and stops once
it has stabilised.

Everything from the data (names, organisations, network names) travels as JSON text and is put on
the page by the browser with ``textContent`` or drawn on the canvas: never parsed as HTML.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd

from collabgraph.analysis import Analysis
from collabgraph.dataset import Dataset
from collabgraph.graph import to_igraph
from collabgraph.metrics.isolation import REASONS
from collabgraph.report.charts import OTHER, colours
from collabgraph.report.texts import Texts

__all__ = ["COLOUR_BY", "FROZEN_ABOVE", "SIZE_BY", "map_data", "script_json", "vis_network_js"]

FROZEN_ABOVE = 500
COLOUR_BY = ("domain", "organisation", "profession", "role", "network", "community")
SIZE_BY = ("degree", "brokerage", "betweenness", "equal")


def vis_network_js() -> str:
    """The vis-network bundle that the installed pyvis package ships (newest version it has)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    bundles = sorted(lib.glob("vis-*/vis-network.min.js"),
                     key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".")))
    return bundles[-1].read_text(encoding="utf-8")


def script_json(data) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` as ``\\u003c`` etc.

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _options(directed: bool, frozen: bool, seed: int) -> dict:
    from pyvis.network import Network

    net = Network(directed=directed)
    if frozen:
        net.toggle_physics(False)
        net.toggle_hide_edges_on_drag(True)
    else:
        net.barnes_hut(gravity=-4000, central_gravity=0.25, spring_length=110, spring_strength=0.03,
                       damping=0.25, overlap=0)
        net.toggle_stabilization(True)
    options = json.loads(net.get_network_data()[5])
    options["edges"] = {"color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#1f2933",
                                  "opacity": 0.45 if frozen else 0.6},
                        "smooth": False, "width": 0.6, "selectionWidth": 2,
                        "scaling": {"min": 0.5, "max": 4}}
    if directed:
        options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.4}}
    options["nodes"] = {"shape": "dot", "borderWidth": 1, "color": {"border": "#ffffff"},
                        "font": {"size": 12, "face": "system-ui, sans-serif", "color": "#1f2933",
                                 "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "scaling": {"min": 5, "max": 28, "label": {"enabled": True, "min": 9, "max": 16,
                                                                   "drawThreshold": 9}}}
    options["interaction"].update({"hover": True, "tooltipDelay": 80, "navigationButtons": False,
                                   "keyboard": False, "hideEdgesOnZoom": frozen})
    options["layout"] = {"randomSeed": seed, "improvedLayout": False}
    if not frozen:
        options["physics"]["stabilization"].update({"iterations": 400, "updateInterval": 25})
    return options


def _layout(dataset: Dataset, ties: pd.DataFrame, seed: int) -> np.ndarray:
    """Fruchterman–Reingold positions scaled to vis-network pixels; seeded through igraph's RNG."""
    g = to_igraph(dataset, ties)
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = np.asarray(g.layout_fruchterman_reingold(niter=500).coords, dtype=float)
    finally:
        ig.set_random_number_generator(random)
    if not len(coords):
        return coords.reshape(0, 2)
    coords -= coords.mean(axis=0)
    spread = np.abs(coords).max() or 1.0
    return np.round(coords / spread * 60 * np.sqrt(len(coords)), 1)


def _text(value):
    return None if value is None or pd.isna(value) else str(value)


def _number(value, digits=3):
    return None if value is None or pd.isna(value) else round(float(value), digits)


def map_data(dataset: Dataset, analysis: Analysis, t: Texts) -> dict:
    """Everything the map script needs, as plain JSON-ready data.

    Returns
    -------
    dict
        ``nodes`` (``id`` position, ``pid``, ``label``, attributes, ``nets`` indexes into
        ``networks``, ``degree, brokerage, betweenness, community, isolation``, and ``x, y`` when
        frozen), ``edges`` (``from, to, w, f, l`` first and last date, ``n`` network indexes),
        ``networks``, ``periods`` (labels with start and end), ``colours`` (per attribute: value ->
        colour, in legend order), ``options`` (vis-network), ``frozen``, ``directed``, ``texts``.
    """
    people = analysis.people
    frozen = len(people) > FROZEN_ABOVE
    seed = analysis.options.seed
    networks = dataset.networks
    net_index = {n: i for i, n in enumerate(networks)}
    members = dataset.memberships.drop_duplicates()
    codes = dataset.codes(members["person"])
    person_nets: list[list[int]] = [[] for _ in range(len(people))]
    for code, net in sorted(zip(codes, members["network"].map(net_index), strict=True)):
        if code >= 0:
            person_nets[code].append(int(net))
    attrs = {a: people[a] if a in people else pd.Series(pd.NA, index=people.index) for a in COLOUR_BY}
    single_net = pd.Series([networks[n[0]] if len(n) == 1 else (t.map_other if n else None) for n in person_nets],
                           index=people.index, dtype=object)
    attrs["network"] = single_net
    attrs["community"] = people["community"].map(lambda c: t("cluster_label", id=int(c)) if pd.notna(c) else None)
    palette = {a: colours(v.dropna().astype(str)) for a, v in attrs.items()}
    reasons = analysis.isolation.table["reasons"].reindex(people.index)
    labels = {r: t(f"r_{r}") for r in REASONS}
    coords = _layout(dataset, analysis.ties, seed) if frozen else None
    columns = {a: [_text(x) for x in attrs[a].tolist()] for a in COLOUR_BY}
    names = [_text(x) for x in people["name"].tolist()]
    ids = [str(x) for x in people.index]
    degree = people["degree"].astype(int).tolist()
    brokerage = [_number(x, 0) for x in people["brokerage"].tolist()]
    between = [_number(x, 2) for x in people["betweenness"].tolist()]
    codes = [[labels[c] for c in r] if isinstance(r, list) else [] for r in reasons.tolist()]
    nodes = []
    for i in range(len(people)):
        node = {"id": i, "pid": ids[i], "label": names[i] or ids[i], "degree": degree[i],
                "brokerage": brokerage[i], "betweenness": between[i], "nets": person_nets[i], "isolation": codes[i]}
        for a in COLOUR_BY:
            node[a] = columns[a][i]
        if coords is not None:
            node["x"], node["y"] = float(coords[i, 0]), float(coords[i, 1])
        nodes.append(node)
    ties = analysis.ties
    first = ties["first"].map(lambda d: None if pd.isna(d) else d.date().isoformat())
    last = ties["last"].map(lambda d: None if pd.isna(d) else d.date().isoformat())
    nets = ties["networks"].map(lambda s: [] if pd.isna(s) else [net_index[x] for x in str(s).split(";")
                                                                  if x in net_index])
    edges = [{"from": int(u), "to": int(v), "w": round(float(w), 3), "f": f, "l": l_, "n": n}
             for u, v, w, f, l_, n in zip(ties["u"], ties["v"], ties["weight"], first, last, nets, strict=True)]
    windows = analysis.timeline.windows if analysis.timeline is not None else pd.DataFrame()
    periods = [{"label": str(r["label"]), "start": r["start"], "end": r["end"]}
               for r in windows.to_dict("records") if r.get("start") is not None]
    return {
        "nodes": nodes, "edges": edges, "networks": networks, "periods": periods,
        "colours": {a: [[k, c] for k, c in p.items() if c != OTHER] for a, p in palette.items()},
        "other": OTHER, "options": _options(dataset.directed, frozen, seed), "frozen": frozen,
        "directed": dataset.directed,
        "texts": {"other": t.map_other, "unknown": t.map_unknown, "shown": t.map_shown,
                  "labels": {a: t(f"a_{a}") for a in (*COLOUR_BY, "degree", "brokerage", "betweenness",
                                                       "isolation")}},
    }
