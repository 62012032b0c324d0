"""Data and options of the interactive network map (vis-network, via pyvis's options).

pyvis is used for what it is good at (STYLE.md): the vis-network options (physics, interaction,
edges) are those its :class:`pyvis.network.Network` hands over with ``get_network_data()``
(written out in :func:`_pyvis_options` and checked against pyvis in the tests, since importing pyvis
imports IPython), and it ships the vis-network JavaScript (:func:`vis_network_js`). The page itself is rendered by
our own autoescaped template, and the nodes and edges are built here in bulk: pyvis's
``add_edge`` checks every existing edge, which is quadratic in the number of ties.

Above :data:`FROZEN_ABOVE` people the layout is computed in Python (igraph's Fruchterman–Reingold,
seeded) and physics is switched off, so the browser only draws: 5,000 people open in seconds.
Below it vis-network's physics (Barnes–Hut, ``layout.randomSeed``) arranges the map and stops once
it has stabilised.

Above :data:`MAX_NODES` people (a parameter) the map shows the people with most contacts, lists up to as
many people without a tie by name, and draws everyone else as one group node per value of the ``by``
attribute, their ties summed: a 50,000-person network would otherwise make a page of 50 MB that no
browser lays out.

Names on the canvas (report.js): the ``N`` largest dots in view by the chosen size (N = canvas area /
24,000 px², between 6 and 40; group squares first), each written below its dot only where it overlaps no
name already written, so names never pile up; the hovered and the searched person are always named.
People with no tie on the map, and the people of connected groups smaller than the map's largest (recomputed
for the ties in view: the ``isolate`` of :mod:`collabgraph.metrics.isolation`, and its ``detached`` rule for data
without learning networks), are
listed by name in a "not connected" strip beside it; people without a tie are not drawn as dots.

Everything from the data (names, organisations, network names) travels as JSON text and is put on
the page by the browser with ``textContent`` or drawn on the canvas: never parsed as HTML.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd

from collabgraph.analysis import Analysis
from collabgraph.dataset import Dataset
from collabgraph.graph import igraph_of
from collabgraph.metrics.isolation import REASONS
from collabgraph.metrics.windows import tie_windows, window_runs
from collabgraph.privacy import OTHER as HIDDEN
from collabgraph.privacy import PERSON_ATTRIBUTES
from collabgraph.report import MAX_NODES
from collabgraph.report.charts import OTHER, colours
from collabgraph.report.texts import Texts
from collabgraph.tietable import tie_weights

__all__ = ["COLOUR_BY", "FROZEN_ABOVE", "MAX_NODES", "SIZE_BY", "map_data", "script_json", "vis_network_js"]

FROZEN_ABOVE = 500
COLOUR_BY = ("domain", "organisation", "profession", "role", "network", "community")
SIZE_BY = ("degree", "brokerage", "betweenness", "equal")
#: Iterations of the frozen map's Fruchterman–Reingold layout. 200 instead of igraph's default 500: a third of
#: the time (0.64 -> 0.25 s on the example's 598 dots), and the layouts are as readable: the mean tie length
#: relative to the median distance between dots and the share of dots on top of each other are the same at
#: 150 to 500 iterations on the example and on 990 people in 10 groups (where the groups also lie as far
#: apart); at 100 the ties grow longer.
LAYOUT_ITERATIONS = 200


def vis_network_js() -> str:
    """The vis-network bundle that the installed pyvis package ships (newest version it has).

    Found without importing pyvis, which imports IPython (0.5 s)."""
    lib = Path(importlib.util.find_spec("pyvis").origin).resolve().parent / "templates" / "lib"
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


def _pyvis_options(frozen: bool) -> dict:
    """The options pyvis's ``Network`` hands over (``get_network_data()``) after
    ``toggle_physics(False)`` and ``toggle_hide_edges_on_drag(True)`` (frozen), or after
    ``barnes_hut(gravity=-4000, central_gravity=0.25, spring_length=110, spring_strength=0.03,
    damping=0.25, overlap=0)`` and ``toggle_stabilization(True)``. Written out because importing
    pyvis imports IPython (0.5 s of every report); tests/report/test_netmap_options.py checks them
    against pyvis."""
    stabilization = {"enabled": True, "fit": True, "iterations": 1000, "onlyDynamicEdges": False,
                     "updateInterval": 50}
    physics = {"enabled": False, "stabilization": stabilization} if frozen else {
        "barnesHut": {"avoidOverlap": 0, "centralGravity": 0.25, "damping": 0.25, "gravitationalConstant": -4000,
                      "springConstant": 0.03, "springLength": 110},
        "enabled": True, "stabilization": stabilization}
    return {"configure": {"enabled": False},
            "edges": {"color": {"inherit": True}, "smooth": {"enabled": True, "type": "dynamic"}},
            "interaction": {"dragNodes": True, "hideEdgesOnDrag": frozen, "hideNodesOnDrag": False},
            "physics": physics}


def _options(directed: bool, frozen: bool, seed: int) -> dict:
    options = _pyvis_options(frozen)
    options["edges"] = {"color": {"color": "#9aa5b1", "highlight": "#1f2933", "hover": "#1f2933",
                                  "opacity": 0.45 if frozen else 0.6},
                        "smooth": False, "width": 0.6, "selectionWidth": 2,
                        "scaling": {"min": 0.5, "max": 4}}
    if directed:
        options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.4}}
    # No vis-network labels: report.js writes the names itself, only where they fit (see the module docstring).
    options["nodes"] = {"shape": "dot", "borderWidth": 1, "color": {"border": "#ffffff"},
                        "scaling": {"min": 5, "max": 28, "label": {"enabled": False}}}
    options["interaction"].update({"hover": True, "tooltipDelay": 80, "navigationButtons": False,
                                   "keyboard": False, "hideEdgesOnZoom": frozen})
    options["layout"] = {"randomSeed": seed, "improvedLayout": False}
    if not frozen:
        options["physics"]["stabilization"].update({"iterations": 400, "updateInterval": 25})
    return options


def _layout(n: int, a: np.ndarray, b: np.ndarray, directed: bool, seed: int) -> np.ndarray:
    """Fruchterman–Reingold positions (:data:`LAYOUT_ITERATIONS` iterations) of ``n`` nodes joined by edges
    ``a``-``b``, scaled to vis-network pixels; seeded through igraph's RNG."""
    g = igraph_of(n, a, b, directed=directed)
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = np.asarray(g.layout_fruchterman_reingold(niter=LAYOUT_ITERATIONS).coords, dtype=float)
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


def _positions(people: pd.DataFrame, by: str, max_nodes: int | None) -> tuple[np.ndarray, int, list, list]:
    """Map node of every person: the ``max_nodes`` with most contacts (ties broken by people order) and
    the first ``max_nodes`` people without a tie (listed by name beside the map, never drawn) are nodes
    ``0..k-1`` in people order; everyone else joins the group node of their ``by`` value.

    Returns the node per person, ``k``, the group values (None: unknown) and the group sizes.

    Examples
    --------
    >>> people = pd.DataFrame({"degree": [3, 0, 1, 2, 0, 1], "domain": ["a", "b", "a", "b", "a", "b"]})
    >>> node, k, groups, sizes = _positions(people, "domain", 2)
    >>> node.tolist(), k, groups, sizes
    ([0, 1, 4, 2, 3, 5], 4, ['a', 'b'], [1, 1])
    """
    n = len(people)
    if max_nodes is None or n <= max_nodes:
        return np.arange(n), n, [], []
    degree = people["degree"].to_numpy()
    order = np.argsort(-degree, kind="stable")
    kept = np.sort(np.r_[order[degree[order] > 0][:max_nodes], np.flatnonzero(degree == 0)[:max_nodes]])
    node = np.full(n, -1, dtype=np.int64)
    k = len(kept)
    node[kept] = np.arange(k)
    rest = node < 0
    values = (people[by] if by in people else pd.Series(pd.NA, index=people.index))[rest]
    codes, uniques = pd.factorize(values.astype("string"), sort=True, use_na_sentinel=True)
    codes = np.where(codes < 0, len(uniques), codes)
    groups = [*map(str, uniques), None] if (codes == len(uniques)).any() else list(map(str, uniques))
    node[rest] = k + codes
    return node, k, groups, np.bincount(codes, minlength=len(groups)).tolist()


def _edges(ties: pd.DataFrame, node: np.ndarray, k: int, directed: bool,
           net_index: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """Map edges ``a, b, w, n``: ties between shown people as they are; ties with a group node summed per
    pair of map nodes (weight summed, every network). Also the map edge of every tie (-1: none)."""
    a, b = node[ties["u"].to_numpy()], node[ties["v"].to_numpy()]
    if not directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    combo, combos = pd.factorize(ties["networks"], use_na_sentinel=True)
    combo_nets = [[net_index[x] for x in str(c).split(";") if x in net_index] for c in combos]
    frame = pd.DataFrame({"a": a, "b": b, "w": tie_weights(ties), "c": combo})
    drawn = np.flatnonzero(a != b)
    frame = frame.iloc[drawn]
    edge = np.full(len(ties), -1, dtype=np.int64)
    if not len(frame) or frame[["a", "b"]].to_numpy().max() < k:
        edge[drawn] = np.arange(len(drawn))
        return frame.assign(n=[combo_nets[c] if c >= 0 else [] for c in frame["c"].tolist()]), edge
    out = frame.groupby(["a", "b"], sort=True).agg(w=("w", "sum")).reset_index()
    width = int(node.max()) + 1
    key = out["a"].to_numpy() * width + out["b"].to_numpy()
    edge[drawn] = np.searchsorted(key, frame["a"].to_numpy() * width + frame["b"].to_numpy())
    pairs = frame.loc[frame["c"] >= 0, ["a", "b", "c"]].drop_duplicates()
    row = np.searchsorted(key, pairs["a"].to_numpy() * width + pairs["b"].to_numpy())
    sizes = np.array([len(n) for n in combo_nets], dtype=np.int64)
    lengths, starts = sizes[pairs["c"].to_numpy()], np.r_[0, np.cumsum(sizes)][pairs["c"].to_numpy()]
    flat = np.array([x for nets in combo_nets for x in nets], dtype=np.int64)
    index = np.repeat(starts, lengths) + np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    nets = pd.DataFrame({"row": np.repeat(row, lengths), "n": flat[index]}).drop_duplicates().sort_values(["row", "n"])
    split = np.cumsum(np.bincount(nets["row"].to_numpy(), minlength=len(out)))[:-1]
    return out.assign(n=[x.tolist() for x in np.split(nets["n"].to_numpy(), split)]), edge


def _runs(edge: np.ndarray, n_edges: int, windows: pd.DataFrame) -> list[list[int]]:
    """Per map edge, the runs of consecutive windows in which one of its ties has a record, flattened as
    ``[first, last, first, last, ...]`` window numbers (:func:`~collabgraph.metrics.windows.window_runs` of
    :func:`~collabgraph.metrics.windows.tie_windows`)."""
    e, first, last = window_runs(edge[windows["tie"].to_numpy(np.int64)], windows["window"])
    flat = np.column_stack([first, last]).ravel().tolist()
    bounds = np.r_[0, 2 * np.cumsum(np.bincount(e, minlength=n_edges))].tolist()
    return [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]  # no edges: no list


def _several_word(t: Texts, networks) -> str:
    """What the map's network colour calls a person in several learning networks, or in hidden ones only: "other"
    in the report's language (``t.map_other``), unless a network shown reads as other (``other``, ``overig``, in
    any case): then ``t.map_other_networks``, with ``*`` added while a network is that, so they never take the colour
    and legend entry of a real network ``other``.

    >>> from collabgraph.report.texts import Texts
    >>> _several_word(Texts("en"), ["Noord", "Zuid"]), _several_word(Texts("en"), ["Noord", "Other"])
    ('other', 'several or other networks')
    """
    taken = {str(n).casefold() for n in networks}
    if not taken & {HIDDEN, "overig", t.map_other.casefold()}:
        return t.map_other
    word = t.map_other_networks
    while word.casefold() in taken:
        word += "*"
    return word


def _folded_word(t: Texts, values: pd.Series, shown) -> str:
    """What the map calls the values :func:`~collabgraph.privacy.generalise` hid in one attribute (``values``, as it
    wrote them): "other" in the report's language (``t.map_other``), with the suffix of the label
    :func:`~collabgraph.privacy.other_label` gave them where a value ``shown`` reads as "other" (``other (<3)``:
    ``overig (<3)``), and ``*`` added while a value shown is that, so the folded people and a real value "other" are
    never one legend entry.

    >>> from collabgraph.report.texts import Texts
    >>> t = Texts("nl")
    >>> _folded_word(t, pd.Series(["other"]), ["zorg"]), _folded_word(t, pd.Series(["other (<3)"]), ["overig"])
    ('overig', 'overig (<3)')
    """
    label = next((str(v) for v in values if str(v).startswith(HIDDEN)), HIDDEN)
    taken = {str(v).casefold() for v in shown}
    if not taken & {HIDDEN, "overig", t.map_other.casefold()}:
        return t.map_other
    word = t.map_other + label[len(HIDDEN):]
    while word.casefold() in taken:
        word += "*"
    return word


def map_data(dataset: Dataset, analysis: Analysis, t: Texts, max_nodes: int | None = MAX_NODES, *,
             active_windows: pd.DataFrame | None = None, hidden_networks=frozenset()) -> dict:
    """Everything the map script needs, as plain JSON-ready data.

    Above ``max_nodes`` people (None: never) the map shows the ``max_nodes`` people with most contacts and
    keeps up to ``max_nodes`` people without a tie (listed beside the map by name);
    everyone else is drawn as one group node per value of ``analysis.options.by`` (people count in
    ``group``), with their ties summed per pair of nodes, so the page stays small and opens quickly.
    ``active_windows``: :func:`~collabgraph.metrics.windows.tie_windows` of ``analysis.ties`` at the timeline's
    frequency when the caller has them (the report computes them once for the map and the GEXF export).
    ``hidden_networks``: learning networks the map leaves out of its list and of every node and edge
    (:func:`~collabgraph.privacy.small_networks`: who is in one would give its size); a person whose networks are
    all left out is coloured "other" by network, as someone in several.

    Returns
    -------
    dict
        ``nodes`` (``id`` position, ``pid``, ``label``, attributes, ``nets`` indexes into
        ``networks``, ``degree, brokerage, betweenness, community, isolation``, ``group`` (people in a
        group node, else absent), and ``x, y`` when frozen), ``edges`` (``from, to, w``, ``n`` network
        indexes and, when there are ``periods``, ``p``: the runs of periods in which one of the edge's
        ties has a record, as ``[first, last, ...]`` period numbers), ``networks``, ``periods`` (the
        timeline's windows: labels, marked when partial, with start and end),
        ``colours`` (per attribute: value -> colour, in legend order; where a value shown reads as "other", last the
        hidden values' own label in grey: :func:`_folded_word`), ``options`` (vis-network),
        ``frozen``, ``directed``, ``people`` (in the data), ``shown`` (people as themselves, not in a group),
        ``alone`` (of them, people without a tie),
        ``texts``.
    """
    people = analysis.people
    by = analysis.options.by
    node, k, groups, sizes = _positions(people, by, max_nodes)
    n_nodes = k + len(groups)
    frozen = n_nodes > FROZEN_ABOVE
    seed = analysis.options.seed
    networks = [n for n in dataset.networks if str(n) not in hidden_networks]
    net_index = {n: i for i, n in enumerate(networks)}
    members = dataset.memberships.drop_duplicates()
    left_out = np.zeros(len(people), bool)  # in a hidden network
    if hidden_networks:
        hidden = members["network"].astype(str).isin(hidden_networks).to_numpy()
        codes = dataset.codes(members["person"][hidden])
        left_out[codes[codes >= 0]] = True
        members = members[~hidden]
    codes = dataset.codes(members["person"])
    person_nets: list[list[int]] = [[] for _ in range(len(people))]
    for code, net in sorted(zip(codes, members["network"].map(net_index), strict=True)):
        if code >= 0:
            person_nets[code].append(int(net))
    attrs = {a: people[a] if a in people else pd.Series(pd.NA, index=people.index) for a in COLOUR_BY}
    several = _several_word(t, networks)  # in several networks, or in hidden ones only
    single_net = pd.Series([networks[n[0]] if len(n) == 1 else (several if n or out else None)
                            for n, out in zip(person_nets, left_out, strict=True)], index=people.index, dtype=object)
    attrs["network"] = single_net
    attrs["community"] = people["community"].map(lambda c: t("cluster_label", id=int(c)) if pd.notna(c) else None)
    real = dataset.people  # hidden: the values generalise() changed, not a real value spelled like its label
    hidden = {a: attrs[a].notna().to_numpy(bool) & (attrs[a].astype(object).fillna("").astype(str).to_numpy()
                                                    != real[a].reindex(people.index).astype(object).fillna("")
                                                    .astype(str).to_numpy())
              if a in real else attrs[a].astype(object).isin([HIDDEN]).to_numpy() for a in PERSON_ATTRIBUTES}
    palette = {a: colours(v.to_numpy(object)[~hidden[a]] if a in hidden else v.to_numpy(object))
               for a, v in attrs.items()}
    folded = {}  # an attribute where a value shown reads as "other": its hidden values' own label and grey entry
    for a in PERSON_ATTRIBUTES:  # a value generalise() hid: no colour of its own, named "other" in the language
        word = _folded_word(t, attrs[a][hidden[a]], palette[a])
        attrs[a] = attrs[a].astype(object).mask(hidden[a], word)
        if word != t.map_other and hidden[a].any():
            folded[a] = word
    shown = np.flatnonzero(node < k)
    reasons = analysis.isolation.table["reasons"].reindex(people.index[shown])
    labels = {r: t.reason(r, analysis.isolation.thresholds) for r in REASONS}
    columns = {a: [_text(x) for x in attrs[a].iloc[shown].tolist()] for a in COLOUR_BY}
    names = [_text(x) for x in people["name"].iloc[shown].tolist()]
    ids = [str(x) for x in people.index[shown]]
    degree = people["degree"].iloc[shown].astype(int).tolist()
    brokerage = [_number(x, 0) for x in people["brokerage"].iloc[shown].tolist()]
    between = [_number(x, 2) for x in people["betweenness"].iloc[shown].tolist()]
    codes = [[labels[c] for c in r] if isinstance(r, list) else [] for r in reasons.tolist()]
    nodes = []
    for i, p in enumerate(shown):
        node_ = {"id": i, "pid": ids[i], "label": names[i] or ids[i], "degree": degree[i],
                 "brokerage": brokerage[i], "betweenness": between[i], "nets": person_nets[p], "isolation": codes[i]}
        for a in COLOUR_BY:
            node_[a] = columns[a][i]
        hid = [a for a in PERSON_ATTRIBUTES if hidden[a][p] and a not in folded]
        if hid:  # coloured and listed as "other" by this key, never by the value's word (a real value may be "overig")
            node_["hidden"] = hid
        nodes.append(node_)
    group_nets: list[set] = [set() for _ in groups]
    for p in np.flatnonzero(node >= k):
        group_nets[node[p] - k].update(person_nets[p])
    for j, (value, size) in enumerate(zip(groups, sizes, strict=True)):
        label = t.count("map_group", size, value=value if value is not None else t.map_unknown)
        node_ = {"id": k + j, "pid": "", "label": label, "degree": None, "brokerage": None, "betweenness": None,
                 "nets": sorted(group_nets[j]), "isolation": [], "group": size}
        node_.update({a: value if a == by else None for a in COLOUR_BY})
        nodes.append(node_)
    edges, edge = _edges(analysis.ties, node, k, dataset.directed, net_index)
    if frozen:
        coords = _layout(n_nodes, edges["a"].to_numpy(), edges["b"].to_numpy(), dataset.directed, seed)
        for nd, (x, y) in zip(nodes, coords.tolist(), strict=True):
            nd["x"], nd["y"] = x, y
    windows = analysis.timeline.windows if analysis.timeline is not None else pd.DataFrame()
    periods = [{"label": t.window(r["label"], r["partial"], short=True),
                "start": r["start"], "end": r["end"]}
               for r in windows.to_dict("records") if r.get("start") is not None]
    if periods and active_windows is None:
        active_windows = tie_windows(dataset, freq=analysis.timeline.freq, tie_table=analysis.ties)
    # each column as Python values at once (not a pandas scalar per value)
    columns = (edges["a"].tolist(), edges["b"].tolist(), edges["w"].astype(float).tolist(), edges["n"].tolist())
    edges = [{"from": u, "to": v, "w": round(w, 3), "n": n} for u, v, w, n in zip(*columns, strict=True)]
    if periods:  # the windows each edge is active in
        for e, runs in zip(edges, _runs(edge, len(edges), active_windows), strict=True):
            e["p"] = runs
    return {
        "nodes": nodes, "edges": edges, "networks": networks, "periods": periods,
        "colours": {a: [[v, c] for v, c in p.items() if c != OTHER] + ([[folded[a], OTHER]] if a in folded else [])
                    for a, p in palette.items()},
        "other": OTHER, "options": _options(dataset.directed, frozen, seed), "frozen": frozen,
        "directed": dataset.directed, "people": len(people), "shown": k,
        "alone": int((people["degree"].iloc[shown] == 0).sum()),
        "texts": {"other": t.map_other, "unknown": t.map_unknown,
                  "shown": t.map_shown if k == len(people) else t.map_shown_capped,
                  "no_match": t.map_no_match, "filtered_out": t.map_filtered_out, "found_apart": t.map_found_apart,
                  "alone": {"one": t.map_alone_one, "other": t.map_alone}, "groups": t.map_apart_groups,
                  "group": t.map_apart_group, "none": t.map_apart_none, "period": t.map_apart_period,
                  "labels": {a: t(f"a_{a}") for a in (*COLOUR_BY, "degree", "brokerage", "betweenness",
                                                       "isolation", "group")},
                  "plurals": {"network": {"one": t.k_networks_one, "other": t.k_networks}}},
    }
