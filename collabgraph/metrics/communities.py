"""Communities: Louvain, Leiden and label propagation, their quality, composition, stability and roles.

Every metric takes the dataset first, its options as keywords and ``tie_table=`` to reuse a tie table
already built (:func:`collabgraph.graph.ties`); :func:`communities_from_ties` and
:func:`quality_from_ties` (``tie_table, people, *, ...``) work on bare tables whose ``u, v`` are rows
of ``people``. The algorithms run on igraph's C engine, built straight from the tie table's arrays.

Conventions
-----------
- **Directed data** is made undirected first: arcs ``a -> b`` and ``b -> a`` become one edge whose
  weight is their sum. Modularity is then the undirected Newman–Girvan modularity (as networkx's
  ``modularity`` on an undirected graph).
- **Isolates** (people without ties) each form their own singleton community. They add nothing to
  modularity (their degree is 0) and are numbered last, since communities are numbered ``0, 1, ...``
  by size (largest first), ties broken by the smallest member id.
- **Randomness**: igraph draws from the Python random number generator it is given; each call gets
  its own ``random.Random(seed)`` (the global one is restored afterwards), so the same seed gives
  the same partition.

References
----------
Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in networks.
Phys. Rev. E 69, 026113 (modularity). Reichardt, J. & Bornholdt, S. (2006). Statistical mechanics of
community detection. Phys. Rev. E 74, 016110 (the resolution parameter).
Blondel, V. D. et al. (2008). Fast unfolding of communities in large networks. J. Stat. Mech. P10008
(Louvain). Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing
well-connected communities. Sci. Rep. 9, 5233 (Leiden). Raghavan, U. N., Albert, R. & Kumara, S.
(2007). Near linear time algorithm to detect community structures. Phys. Rev. E 76, 036106 (label
propagation). Yang, J. & Leskovec, J. (2015). Defining and evaluating network communities based on
ground-truth. Knowl. Inf. Syst. 42, 181-213 (internal density, conductance).
"""

from __future__ import annotations

import math
import random
from contextlib import contextmanager
from dataclasses import dataclass, field

import igraph as ig
import numpy as np
import pandas as pd

from collabgraph.errors import ParameterError
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.groups import check_attribute
from collabgraph.params import Interval, Options, check, validate_params
from collabgraph.tietable import sorted_unique, undirected_edges, unique_counts

__all__ = [
    "COMPOSITION_ATTRIBUTES",
    "ITERATIONS",
    "STABILITY_TIES",
    "STABLE_PEOPLE",
    "STABLE_TIES",
    "METHODS",
    "MIN_COMMUNITY",
    "ClusterReport",
    "Communities",
    "PartitionComparison",
    "Stability",
    "adjusted_rand",
    "clusters",
    "communities",
    "communities_from_ties",
    "compare_partitions",
    "composition",
    "modularity",
    "normalized_mutual_info",
    "network_composition",
    "quality",
    "quality_from_ties",
    "single_network",
    "stability",
]

#: The permutation test of :func:`compare_partitions` holds at most this many shuffled labels or
#: contingency cells at once.
SHUFFLE_CELLS = 1_000_000

#: Community detection methods accepted by :func:`communities`.
METHODS = ("louvain", "leiden", "lpa")

#: Leiden passes of :func:`communities` by default, unless the graph is within :data:`STABLE_TIES`
#: and :data:`STABLE_PEOPLE`.
ITERATIONS = 2

#: Up to this many people (and :data:`STABLE_TIES` ties), Leiden is repeated until stable by default.
STABLE_PEOPLE = 10_000

#: Up to this many (undirected) ties (and :data:`STABLE_PEOPLE` people), Leiden is repeated until the
#: partition no longer changes by default.
STABLE_TIES = 50_000

#: Above this many ties, :func:`clusters` runs at most ``stability_limit`` stability seeds by default.
STABILITY_TIES = 100_000

#: The smallest community that can be a silo (:func:`composition`) and that a time series counts and
#: tracks (:func:`collabgraph.metrics.timeline.timeline`); smaller ones are pairs and singletons.
MIN_COMMUNITY = 3

#: Attributes described in :func:`composition`; ``network`` comes from the memberships table.
COMPOSITION_ATTRIBUTES = ("domain", "organisation", "profession", "role", "network")


@dataclass(frozen=True)
class Communities:
    """A partition of the people into communities.

    Attributes
    ----------
    method, seed, resolution, weighted
        How it was found.
    modularity : float
        Newman–Girvan modularity (with ``resolution``) of the partition on the undirected graph.
    membership : Series
        Community number per person id (``0, 1, ...`` by size, largest first).
    clusters : DataFrame
        One row per community: ``id, size, internal_ties, internal_weight, internal_density,
        conductance`` (see :func:`quality`).
    directed_input : bool
        True when the ties were directed and made undirected for the detection.
    iterations : int or None
        Leiden iterations (``-1``: until stable); None for Louvain and label propagation.
    without_ties : int
        People without any tie (each a singleton community; the ``isolates`` of
        :func:`~collabgraph.metrics.structure.summary`).
    """

    method: str
    seed: int
    resolution: float
    weighted: bool
    modularity: float
    membership: pd.Series = field(repr=False)
    clusters: pd.DataFrame = field(repr=False)
    directed_input: bool = False
    iterations: int | None = None
    without_ties: int = 0

    @property
    def of_two_or_more(self) -> int:
        """The number of communities of at least 2 people: the clusters a headline counts."""
        return int((self.clusters["size"] >= 2).sum())

    @property
    def members(self) -> dict[int, list[str]]:
        """Community number -> sorted member ids."""
        groups = self.membership.groupby(self.membership, sort=True)
        return {int(k): sorted(map(str, g.index)) for k, g in groups}

    def to_dict(self) -> dict:
        """The keys of ``collabgraph clusters --format json`` (without composition and compare)."""
        members = self.members
        rows = self.clusters.to_dict("records")
        return {
            "method": self.method,
            "seed": self.seed,
            "resolution": self.resolution,
            "weighted": self.weighted,
            "iterations": self.iterations,
            "directed_input": self.directed_input,
            "isolates": "singleton communities",
            "modularity": round(self.modularity, 6),
            "n_communities": len(rows),
            "n_communities_of_two_or_more": self.of_two_or_more,
            "people_without_ties": self.without_ties,
            "communities": [{"id": int(r["id"]), "size": int(r["size"]), "members": members[int(r["id"])],
                             "internal_ties": int(r["internal_ties"]),
                             "internal_weight": round(float(r["internal_weight"]), 6),
                             "internal_density": round(float(r["internal_density"]), 6),
                             "conductance": round(float(r["conductance"]), 6)} for r in rows],
        }


def _graph(tie_table: pd.DataFrame, n: int, weighted: bool) -> ig.Graph:
    a, b, w = undirected_edges(tie_table, weighted=weighted)
    return igraph_of(n, a, b, weight=w)


@contextmanager
def _seeded(seed: int):
    """Give igraph its own Python RNG seeded with ``seed``; restore the global one afterwards."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _relabel(labels: np.ndarray, ids: pd.Index) -> np.ndarray:
    """Number communities 0.. by size (largest first), ties broken by their smallest member id."""
    if len(labels) == 0:
        return labels
    rank = np.empty(len(ids), dtype=np.int64)  # position of each id in sorted order
    rank[np.argsort(np.asarray(ids, dtype=object).astype(str), kind="stable")] = np.arange(len(ids))
    codes, uniques = pd.factorize(labels)
    size = np.bincount(codes)
    first = np.full(len(uniques), len(rank), dtype=np.int64)
    np.minimum.at(first, codes, rank)
    mapping = np.empty(len(uniques), dtype=np.int64)
    mapping[np.lexsort((first, -size))] = np.arange(len(uniques))
    return mapping[codes]


def _iterations(iterations: int | None, ties: int, people: int) -> int:
    """The Leiden passes to run: ``iterations``, or by default until stable on small graphs, else :data:`ITERATIONS`."""
    if iterations is not None:
        return int(iterations)
    return -1 if ties <= STABLE_TIES and people <= STABLE_PEOPLE else ITERATIONS


def _detect(g: ig.Graph, method: str, resolution: float, seed: int, weighted: bool,
            iterations: int = -1) -> np.ndarray:
    weights = "weight" if weighted else None
    with _seeded(int(seed)):
        if method == "louvain":
            part = g.community_multilevel(weights=weights, resolution=resolution)
        elif method == "leiden":
            part = g.community_leiden(objective_function="modularity", weights=weights,
                                      resolution=resolution, n_iterations=int(iterations))
        else:
            part = g.community_label_propagation(weights=weights)
    return np.asarray(part.membership, dtype=np.int64)


def communities(dataset, *, tie_table: pd.DataFrame | None = None, method: str = "leiden",
                resolution: float = 1.0, seed: int = 0, weighted: bool = False,
                iterations: int | None = None) -> Communities:
    """Find communities with Louvain, Leiden or label propagation (igraph).

    Parameters
    ----------
    dataset : Dataset
        Every person gets a community. Directed ties are made undirected (weights summed), and the
        result records it in ``directed_input``.
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    method : {"leiden", "louvain", "lpa"}
        Leiden (``community_leiden`` optimising modularity, ``iterations`` times), Louvain
        (``community_multilevel``) or label propagation (``community_label_propagation``, which
        ignores ``resolution``).
    resolution : float
        Modularity resolution ``gamma`` (> 0): larger values give more, smaller communities.
    seed : int
        Seed of igraph's random number generator; the same seed gives the same partition.
    weighted : bool
        Use tie weights (True) or count every tie as 1 (False, the default, as ``--weighted/--unweighted``
        on the command line and :class:`~collabgraph.analysis.AnalysisOptions`).
    iterations : int or None
        Leiden only: passes of the Leiden algorithm (each refines the previous partition), or ``-1``
        to repeat until the partition no longer changes. None (default): until stable on graphs
        with at most :data:`STABLE_PEOPLE` (10,000) people and :data:`STABLE_TIES` (50,000)
        undirected ties, :data:`ITERATIONS` (2) passes on larger ones. The passes run are recorded
        in the result.

    Returns
    -------
    Communities

    Notes
    -----
    Modularity ``Q = 1/(2m) sum_ij [A_ij - gamma k_i k_j / (2m)] delta(c_i, c_j)`` (Newman & Girvan
    2004, with the resolution of Reichardt & Bornholdt 2006). Isolates are singleton communities.

    With a fixed number of passes Leiden runs on the people with ties only (isolates are singleton
    communities either way): igraph's Leiden slows down with many isolated vertices (a month of the
    1M benchmark, 37,609 ties: 0.37 s; with 450,000 more isolated people, as in a month of 10M
    records, 10.9 s). Until stable (``-1``) it runs on everyone, which reproduces earlier results.

    Each Leiden pass costs about the same time; later passes gain little. On the 1M-record benchmark
    graph (50,000 people, 324,185 ties) 1 pass gives modularity 0.579 in 0.7 s, 2 passes 0.598 in
    0.9 s, 5 passes 0.611 in 2.0 s, and until stable 0.615 in 19.5 s (igraph Louvain 0.577,
    networkx Louvain 0.578). Until stable can take many passes on sparse graphs: a month of the 1M
    benchmark (50,000 people, 37,609 ties) took 10.6 s against 0.7 s for 2 passes (modularity 0.960
    vs 0.959), while the 100k benchmark (5,000 people, 33,018 ties) converges in 0.4 s. So graphs
    within 10,000 people and 50,000 ties keep the exhaustive result and larger ones get 2 passes,
    unless ``iterations`` says otherwise.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> inter = pd.DataFrame({"source": list("aabddec"), "target": list("bcceffd")})
    >>> ds = from_frames(people=pd.DataFrame({"id": list("abcdefg")}), interactions=inter)
    >>> c = communities(ds, method="louvain")
    >>> c.membership.tolist()
    [0, 0, 0, 1, 1, 1, 2]
    >>> c.of_two_or_more, c.without_ties  # g has no tie: a community of one, not a cluster
    (2, 1)
    >>> round(c.modularity, 4)
    0.3571
    """
    return communities_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people,
                                 method=method, resolution=resolution, seed=seed, weighted=weighted,
                                 directed=dataset.directed, iterations=iterations)


@validate_params({"method": [Options(METHODS)], "resolution": [Interval(float, 0, None, closed="neither")],
                  "seed": [Interval(int, None, None)],
                  "iterations": [None, Interval(int, 1, None), Options([-1])]})
def communities_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, method: str = "leiden",
                          resolution: float = 1.0, seed: int = 0, weighted: bool = False, directed: bool = False,
                          iterations: int | None = None) -> Communities:
    """:func:`communities` of a bare tie table (``u, v`` are rows of ``people``; ``directed``: the ties are arcs).

    Examples
    --------
    >>> people = pd.DataFrame(index=pd.Index(list("abcdefg"), name="id"))
    >>> t = pd.DataFrame({"u": [0, 0, 1, 3, 3, 4, 2], "v": [1, 2, 2, 4, 5, 5, 3], "weight": 1.0})
    >>> communities_from_ties(t, people, method="louvain").membership.tolist()
    [0, 0, 0, 1, 1, 1, 2]
    """
    n = len(people)
    a, b, w = undirected_edges(tie_table, weighted=weighted)
    iterations = _iterations(iterations, len(a), n)
    keep = None
    if method == "leiden" and iterations != -1:  # fixed passes: on the people with ties only (Notes)
        keep = sorted_unique(np.concatenate([a, b]))
        pos = np.zeros(n, dtype=np.int64)
        pos[keep] = np.arange(len(keep))
        g = igraph_of(len(keep), pos[a], pos[b], weight=w)
    else:
        g = igraph_of(n, a, b, weight=w)
    raw = _detect(g, method, resolution, seed, weighted, iterations)
    if keep is not None:  # isolates: singletons numbered after the detected communities
        raw, detected = np.arange(n, dtype=np.int64) + (int(raw.max()) + 1 if len(raw) else 0), raw
        raw[keep] = detected
    labels = _relabel(raw, people.index)
    membership = pd.Series(labels, index=people.index.copy(), name="community")
    on_graph = labels if keep is None else labels[keep]
    q = float(g.modularity(on_graph.tolist(), weights="weight", resolution=resolution, directed=False)) \
        if g.ecount() else 0.0
    return Communities(method=method, seed=int(seed), resolution=float(resolution), weighted=weighted,
                       modularity=q, membership=membership,
                       clusters=_quality(labels, a, b, w),
                       directed_input=bool(directed), iterations=iterations if method == "leiden" else None,
                       without_ties=n - len(sorted_unique(np.concatenate([a, b]))))


def _codes(people: pd.DataFrame, membership) -> np.ndarray:
    """Community numbers aligned with the people table's order."""
    if isinstance(membership, pd.Series):
        membership = membership.reindex(people.index)
        if membership.isna().any():
            missing = ", ".join(map(str, membership.index[membership.isna()][:5]))
            raise ParameterError(f"membership must give every person a community; got none for: {missing}.")
    return np.asarray(membership, dtype=np.int64)


def modularity(dataset, *, membership, tie_table: pd.DataFrame | None = None, weighted: bool = False,
               resolution: float = 1.0) -> float:
    """Newman–Girvan modularity of a partition on the undirected graph.

    Parameters
    ----------
    dataset : Dataset
    membership : Series or array
        Community per person (a Series indexed by person id, or an array in ``dataset.people`` order).
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    weighted, resolution
        As in :func:`communities`.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"]}))
    >>> modularity(ds, membership=pd.Series({"a": 0, "b": 0, "c": 1, "d": 1}))
    0.5
    """
    people = dataset.people
    labels = _codes(people, membership)
    g = _graph(make_ties(dataset) if tie_table is None else tie_table, len(people), weighted)
    if g.ecount() == 0:
        return 0.0
    return float(g.modularity(labels.tolist(), weights="weight", resolution=resolution, directed=False))


def quality(dataset, *, membership, tie_table: pd.DataFrame | None = None, weighted: bool = False) -> pd.DataFrame:
    """Size, internal ties, internal density and conductance of every community.

    Parameters
    ----------
    dataset : Dataset
    membership : Series or array
        Community per person.
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    weighted : bool
        Conductance from tie weights (True) or tie counts (False, the default).

    Returns
    -------
    DataFrame
        ``id, size, internal_ties, internal_weight, internal_density, conductance``, sorted by id.

    Notes
    -----
    Internal density = internal ties / ``s (s - 1) / 2`` (0 for a single person). Conductance =
    cut / ``min(vol(S), vol(V - S))`` where the cut is the weight of ties leaving the community and
    the volume the summed (weighted) degree (Yang & Leskovec 2015; networkx's ``conductance``);
    0 when the denominator is 0. Ties are taken as undirected.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> q = quality(ds, membership=pd.Series({"a": 0, "b": 0, "c": 1, "d": 1}))
    >>> q["size"].tolist(), q["internal_ties"].tolist(), q["conductance"].round(4).tolist()
    ([2, 2], [1, 1], [0.3333, 0.3333])
    """
    return quality_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people,
                             membership=membership, weighted=weighted)


def quality_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, membership,
                      weighted: bool = False) -> pd.DataFrame:
    """:func:`quality` of a bare tie table (``u, v`` are rows of ``people``).

    Examples
    --------
    >>> people = pd.DataFrame(index=pd.Index(list("abcd"), name="id"))
    >>> t = pd.DataFrame({"u": [0, 1, 2], "v": [1, 2, 3], "weight": 1.0})
    >>> quality_from_ties(t, people, membership=[0, 0, 1, 1])["conductance"].round(4).tolist()
    [0.3333, 0.3333]
    """
    return _quality(_codes(people, membership), *undirected_edges(tie_table, weighted=weighted))


def _quality(labels: np.ndarray, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> pd.DataFrame:
    """:func:`quality_from_ties` of community numbers (by people position) and undirected edges with weights."""
    k = int(labels.max()) + 1 if len(labels) else 0
    size = np.bincount(labels, minlength=k)
    ca, cb = labels[a], labels[b]
    inside = ca == cb
    internal_ties = np.bincount(ca[inside], minlength=k)
    internal_weight = np.bincount(ca[inside], weights=w[inside], minlength=k)
    volume = np.bincount(ca, weights=w, minlength=k) + np.bincount(cb, weights=w, minlength=k)
    cut = np.bincount(ca[~inside], weights=w[~inside], minlength=k) \
        + np.bincount(cb[~inside], weights=w[~inside], minlength=k)
    denom = np.minimum(volume, volume.sum() - volume)
    possible = size * (size - 1) / 2
    return pd.DataFrame({
        "id": np.arange(k),
        "size": size,
        "internal_ties": internal_ties,
        "internal_weight": internal_weight,
        "internal_density": np.divide(internal_ties, possible, out=np.zeros(k), where=possible > 0),
        "conductance": np.divide(cut, denom, out=np.zeros(k), where=denom > 0),
    })


@validate_params({"silo_share": [Interval(float, 0, 1, closed="right")], "min_size": [Interval(int, 1, None)]})
def composition(people: pd.DataFrame, membership, *, memberships: pd.DataFrame | None = None,
                attributes=COMPOSITION_ATTRIBUTES, silo_share: float = 0.8,
                min_size: int = MIN_COMMUNITY) -> list[dict]:
    """Who is in each community: counts per domain, organisation, profession, role and network.

    Parameters
    ----------
    people : DataFrame
        The people table.
    membership : Series or array
        Community per person.
    memberships : DataFrame, optional
        ``person, network`` rows (``Dataset.memberships``) for the ``network`` attribute; a person
        in several networks is counted in each.
    attributes : sequence of str
        People columns (and ``network``) to describe; absent columns are skipped.
    silo_share : float
        A community of at least ``min_size`` people is a **silo** when one organisation, or one
        domain, makes up at least this share of its members with a known value.
    min_size : int
        Smaller communities are never flagged.

    Returns
    -------
    list of dict
        Per community (by id): ``{"id", "size", "composition": {attribute: {"counts": {value: n},
        "missing": n, "top": value, "top_share": share}}, "silo": bool, "silo_by": [attributes]}``.
        Counts are sorted by count (descending), then value; people with a missing value are
        counted under ``missing`` and left out of the shares. ``silo`` is None (not measured) for a
        community of at least ``min_size`` people none of whom has a known organisation or domain.

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "A", "B"], "domain": ["zorg"] * 4},
    ...                       index=pd.Index(list("abcd"), name="id"))
    >>> c = composition(people, [0, 0, 0, 0], attributes=("organisation", "domain"))
    >>> c[0]["composition"]["organisation"]["counts"], c[0]["silo"], c[0]["silo_by"]
    ({'A': 3, 'B': 1}, True, ['domain'])
    >>> composition(people[[]], [0, 0, 0, 0])[0]["silo"] is None  # no organisation or domain: not measured
    True
    """
    labels = _codes(people, membership)
    k = int(labels.max()) + 1 if len(labels) else 0
    size = np.bincount(labels, minlength=k)
    out = [{"id": i, "size": int(size[i]), "composition": {}, "silo": False, "silo_by": []} for i in range(k)]
    for attr in attributes:
        if attr == "network":
            if memberships is None:
                continue
            rows = memberships[["person", "network"]].drop_duplicates()
            where = people.index.get_indexer(rows["person"])  # -1: not a person
            value = rows["network"].to_numpy(dtype=object)
            keep = (where >= 0) & ~pd.isna(value)
            community, value = labels[where[keep]], value[keep]
            with_any = np.zeros(len(labels), bool)
            with_any[where[where >= 0]] = True
            missing = np.bincount(labels[~with_any], minlength=k)
        elif attr in people.columns:
            value = people[attr].to_numpy(dtype=object)
            unknown = pd.isna(value)
            missing = np.bincount(labels[unknown], minlength=k)
            community, value = labels[~unknown], value[~unknown]
        else:
            continue
        known = np.bincount(community, minlength=k)
        codes, values = pd.factorize(value, sort=True)  # codes in the values' sort order
        width = max(len(values), 1)
        cell, count = unique_counts(community * width + codes)
        cell_community, cell_value = cell // width, cell % width
        order = np.lexsort((cell_value, -count, cell_community))  # per community: by count (descending), then value
        per_community: list[dict] = [{} for _ in range(k)]
        for c, v, n in zip(cell_community[order].tolist(), cell_value[order].tolist(), count[order].tolist(),
                           strict=True):
            per_community[c][str(values[v])] = n
        for i in range(k):
            cnt = per_community[i]
            total = int(known[i])
            top = next(iter(cnt), None)
            share = round(cnt[top] / total, 6) if top is not None and total else None
            out[i]["composition"][attr] = {"counts": cnt, "missing": int(missing[i]),
                                           "top": top, "top_share": share}
            if attr in ("organisation", "domain") and share is not None and size[i] >= min_size \
                    and share >= silo_share:
                out[i]["silo"] = True
                out[i]["silo_by"].append(attr)
    for i in range(k):  # no member's organisation or domain known: not measured, so neither silo nor not
        judged = any(out[i]["composition"].get(a, {}).get("top") is not None for a in ("organisation", "domain"))
        if size[i] >= min_size and not judged:
            out[i]["silo"] = None
    return out


def network_composition(dataset, *, silo_share: float = 0.8, min_size: int = MIN_COMMUNITY) -> list[dict]:
    """Who is in each learning network, with the same silo rule as :func:`composition`.

    A learning network meant to connect organisations whose members come from one organisation (or
    one domain) is a silo by design, whatever its ties look like.

    Returns
    -------
    list of dict
        Per network (sorted by name): ``{"network", "size", "composition", "silo", "silo_by"}``.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "organisation": list("XXXY"),
    ...                        "networks": ["N1", "N1", "N1;N2", "N2"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["d"]}))
    >>> [(c["network"], c["size"], c["silo_by"]) for c in network_composition(ds, min_size=2)]
    [('N1', 3, ['organisation']), ('N2', 2, [])]
    """
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    codes, names = pd.factorize(m["network"], sort=True)
    rows = dataset.people.loc[m["person"].to_numpy()]
    attrs = [a for a in COMPOSITION_ATTRIBUTES if a != "network"]
    comp = composition(rows, codes, attributes=attrs, silo_share=silo_share, min_size=min_size) if len(m) else []
    return [{"network": str(names[c["id"]]), **{k: v for k, v in c.items() if k != "id"}} for c in comp]


@dataclass(frozen=True)
class PartitionComparison:
    """Agreement between communities and a formal partition (a people attribute)."""

    attribute: str
    nmi: float
    ari: float
    p_value: float | None
    permutations: int
    people: int
    missing: int

    def to_dict(self) -> dict:
        return {"attribute": self.attribute, "nmi": round(self.nmi, 6), "ari": round(self.ari, 6),
                "p_value": None if self.p_value is None else round(self.p_value, 6),
                "permutations": self.permutations, "people": self.people, "missing": self.missing}


def compare_partitions(people: pd.DataFrame, membership, by: str, *, permutations: int = 999, seed: int = 0,
                       include_isolates: bool = True, tie_table: pd.DataFrame | None = None) -> PartitionComparison:
    """Compare communities with a formal partition: NMI, ARI and a permutation p-value.

    Parameters
    ----------
    people : DataFrame
    membership : Series or array
        Community per person.
    by : str
        A people column (domain, organisation, network, ...). People with a missing value are left
        out and counted in ``missing``.
    permutations : int
        Number of random relabellings of the attribute (0: no p-value).
    seed : int
        Seed of the permutations.
    include_isolates : bool
        With ``False`` (and ``tie_table`` given) people without ties are left out too, since each
        is a singleton community.

    Notes
    -----
    NMI is :func:`normalized_mutual_info` (arithmetic-mean normalisation, Vinh, Epps & Bailey 2010);
    ARI is :func:`adjusted_rand` (Hubert & Arabie 1985). The p-value is the
    one-sided permutation p-value ``(1 + #{NMI_perm >= NMI}) / (1 + permutations)`` (Phipson &
    Smyth 2010): how often shuffling the attribute over the same people agrees as well.

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["x", "x", "y", "y", None]}, index=pd.Index(list("abcde"), name="id"))
    >>> r = compare_partitions(people, [0, 0, 1, 1, 1], "domain", permutations=0)
    >>> r.nmi, r.ari, r.people, r.missing
    (1.0, 1.0, 4, 1)
    """
    check_attribute(people.columns, by)
    check("permutations", permutations, Interval(int, 0, None))
    labels = _codes(people, membership)
    keep = people[by].notna().to_numpy()
    if not include_isolates and tie_table is not None:
        deg = np.bincount(np.concatenate([tie_table["u"], tie_table["v"]]).astype(np.int64), minlength=len(people))
        keep &= deg > 0
    truth = pd.factorize(people[by].to_numpy(dtype=object)[keep])[0]
    found = labels[keep]
    if len(truth) == 0:
        raise ParameterError(f"by must be an attribute that someone has a value of; got {by!r}, which no one has.")
    nmi = normalized_mutual_info(truth, found)
    ari = adjusted_rand(truth, found)
    p = None
    if permutations:
        # Shuffling keeps both entropies, so NMI_perm >= NMI exactly when MI_perm >= MI.
        rng = np.random.default_rng(seed)
        found = np.unique(found, return_inverse=True)[1]
        k_truth, k_found = int(truth.max()) + 1, int(found.max()) + 1
        observed = _mutual_info(*_cells(truth, found, k_truth, k_found))
        hits = int((_permuted_mutual_info(truth, found, k_truth, k_found, permutations, rng)
                    >= observed - 1e-12).sum())
        p = (1 + hits) / (1 + permutations)
    return PartitionComparison(attribute=by, nmi=nmi, ari=ari, p_value=p, permutations=permutations,
                               people=int(keep.sum()), missing=int(people[by].isna().sum()))


def _contingency(a, b) -> tuple[np.ndarray, ...]:
    """The contingency table of two labelings: the row, column and count of its non-zero cells (row
    by row), and the size of each row and column (labels in sorted order)."""
    rows, a = np.unique(np.asarray(a), return_inverse=True)
    cols, b = np.unique(np.asarray(b), return_inverse=True)
    return _cells(a, b, len(rows), len(cols))


def _cells(a: np.ndarray, b: np.ndarray, ka: int, kb: int) -> tuple[np.ndarray, ...]:
    """:func:`_contingency` of two labelings given as codes ``0..ka-1`` and ``0..kb-1``."""
    cell, count = unique_counts(a.astype(np.int64) * kb + b)
    return cell // kb, cell % kb, count, np.bincount(a, minlength=ka), np.bincount(b, minlength=kb)


def _mutual_info(row, col, count, n_row, n_col) -> float:
    """Mutual information (nats) of a contingency table (:func:`_contingency`), step for step as
    scikit-learn's ``mutual_info_score``: 0 when a labeling has one label, terms smaller than the float
    epsilon are 0, the sum at least 0."""
    if len(n_row) == 1 or len(n_col) == 1:
        return 0.0
    return float(np.clip(_mi_terms(row, col, count, n_row, n_col).sum(), 0.0, None))


def _mi_terms(row, col, count, n_row, n_col) -> np.ndarray:
    """The cells' terms of :func:`_mutual_info` (those smaller than the float epsilon 0), cell by cell."""
    value = count.astype(float)
    total = float(n_row.sum())  # the people: the sum of the cells
    share = value / total
    log_outer = -np.log(n_row[row].astype(np.int64) * n_col[col].astype(np.int64)) \
        + math.log(float(n_row.sum())) + math.log(float(n_col.sum()))
    mi = share * (np.log(value) - math.log(total)) + share * log_outer
    return np.where(np.abs(mi) < np.finfo(mi.dtype).eps, 0.0, mi)


def _permuted_mutual_info(truth: np.ndarray, found: np.ndarray, k_truth: int, k_found: int, permutations: int,
                          rng: np.random.Generator) -> np.ndarray:
    """:func:`_mutual_info` of ``found`` with ``rng.permutation(truth)``, ``permutations`` times.

    The shuffles are drawn several at a time (at most :data:`SHUFFLE_CELLS` labels or table cells) with
    ``rng.permuted`` along rows (the same numbers in the same order as one ``rng.permutation`` each) and
    cross-tabulated with one ``bincount``; each shuffle's cells are summed on their own, in cell order, so
    every value equals the one-at-a-time computation.
    """
    out = np.zeros(permutations)
    if k_truth == 1 or k_found == 1:
        return out
    n_row, n_col = np.bincount(truth, minlength=k_truth), np.bincount(found, minlength=k_found)
    width = k_truth * k_found
    done = 0
    while done < permutations:
        rows = max(1, min(permutations - done, SHUFFLE_CELLS // max(width, len(truth))))
        shuffled = rng.permuted(np.tile(truth, (rows, 1)), axis=1)
        cells = (shuffled * k_found + found + width * np.arange(rows)[:, None]).ravel()
        table = np.bincount(cells, minlength=rows * width).reshape(rows, width)
        shuffle, cell = np.nonzero(table)  # per shuffle, its non-empty cells in cell order
        terms = _mi_terms(cell // k_found, cell % k_found, table[shuffle, cell], n_row, n_col)
        bounds = np.searchsorted(shuffle, np.arange(rows + 1))
        out[done:done + rows] = [terms[a:b].sum() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        done += rows
    return np.clip(out, 0.0, None)


def adjusted_rand(a, b) -> float:
    """Adjusted Rand index of two labelings (Hubert & Arabie 1985), 1.0 for identical partitions.

    Computed as scikit-learn's ``adjusted_rand_score`` computes it, from the pair confusion matrix
    in integers, so the two are equal bit for bit (the tests compare them); collabgraph does not
    import scikit-learn (over 2 s) for it.

    Examples
    --------
    >>> adjusted_rand([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1])
    -0.5
    """
    row, col, count, n_row, n_col = _contingency(a, b)
    n = int(n_row.sum())
    squares = int((count * count).sum())
    fp = int((count * n_col[col]).sum()) - squares
    fn = int((count * n_row[row]).sum()) - squares
    tp, tn = squares - n, n * n - fp - fn - squares
    if fn == 0 and fp == 0:
        return 1.0
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def _entropy(sizes: np.ndarray) -> float:
    if len(sizes) == 1:
        return 0.0
    p = sizes.astype(float)
    total = p.sum()
    return float(-np.sum((p / total) * (np.log(p) - math.log(total))))


def normalized_mutual_info(a, b) -> float:
    """Normalised mutual information of two labelings: ``MI / mean(H(a), H(b))`` (arithmetic mean,
    natural logarithms; Vinh, Epps & Bailey 2010); 1.0 when neither labeling splits the people.

    Computed step for step as scikit-learn's ``normalized_mutual_info_score``, so the two are equal
    bit for bit (the tests compare them); collabgraph does not import scikit-learn for it.

    Examples
    --------
    >>> normalized_mutual_info([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    >>> normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    """
    row, col, count, n_row, n_col = _contingency(a, b)
    if len(n_row) == len(n_col) == 1 or len(n_row) == len(n_col) == 0:
        return 1.0
    if len(n_row) == 1 or len(n_col) == 1:
        return 0.0
    mi = _mutual_info(row, col, count, n_row, n_col)
    if mi == 0:
        return 0.0
    return float(mi / np.mean([_entropy(n_row), _entropy(n_col)]))


@dataclass(frozen=True)
class Stability:
    """Communities over several seeds.

    Attributes
    ----------
    seeds : list of int
    representative : Communities
        The run with the highest mean agreement (NMI) with the other runs (lowest seed on a tie).
    agreement : DataFrame
        Pairwise NMI between the runs (seeds as index and columns).
    person : Series
        Per person: mean Jaccard overlap of their community between every pair of runs (1: always
        with the same people).
    """

    seeds: list
    representative: Communities
    agreement: pd.DataFrame = field(repr=False)
    person: pd.Series = field(repr=False)

    def to_dict(self) -> dict:
        mean = self.agreement.to_numpy()
        off = mean[~np.eye(len(mean), dtype=bool)]
        return {"seeds": list(self.seeds), "representative_seed": self.representative.seed,
                "mean_nmi": round(float(off.mean()), 6) if len(off) else 1.0,
                "mean_person_stability": round(float(self.person.mean()), 6) if len(self.person) else 1.0,
                "person_stability": {str(k): round(float(v), 6) for k, v in self.person.items()}}


def stability(dataset, *, tie_table: pd.DataFrame | None = None, seeds=range(10), **kwargs) -> Stability:
    """Run :func:`communities` once per seed; measure how stable each person's community is.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    seeds : iterable of int
        At least two seeds.
    **kwargs
        Passed to :func:`communities` (method, resolution, weighted, iterations).

    Notes
    -----
    For person ``i`` and runs ``r, s`` the overlap is the Jaccard index ``|C_r(i) & C_s(i)| /
    |C_r(i) | C_s(i)|`` of the people sharing ``i``'s community in each run, computed from the
    contingency table of the two partitions; the person's stability is its mean over all pairs of
    runs (a co-assignment measure in the spirit of consensus clustering, Lancichinetti & Fortunato
    2012, Sci. Rep. 2, 336). The representative run maximises the mean NMI with the others.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": list("aabddec"), "target": list("bcceffd")}))
    >>> s = stability(ds, seeds=[0, 1, 2])
    >>> s.person.tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    """
    seeds = [int(s) for s in seeds]
    if len(seeds) < 2:
        raise ParameterError(f"seeds must be two or more seeds; got {seeds!r}.")
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    runs = [communities(dataset, tie_table=tie_table, seed=s, **kwargs) for s in seeds]
    labels = [r.membership.to_numpy() for r in runs]
    r_count = len(runs)
    nmi = np.ones((r_count, r_count))
    overlap = np.zeros(len(people))
    for i in range(r_count):
        for j in range(i + 1, r_count):
            nmi[i, j] = nmi[j, i] = normalized_mutual_info(labels[i], labels[j])
            a, b = labels[i], labels[j]
            joint = a * (int(b.max()) + 1 if len(b) else 1) + b
            both = np.bincount(joint)[joint]  # people sharing both communities with each person
            overlap += both / (np.bincount(a)[a] + np.bincount(b)[b] - both)
    overlap /= r_count * (r_count - 1) / 2
    mean_agreement = (nmi.sum(axis=1) - 1) / (r_count - 1)
    best = int(np.argmax(mean_agreement))
    return Stability(seeds=seeds, representative=runs[best],
                     agreement=pd.DataFrame(nmi, index=seeds, columns=seeds),
                     person=pd.Series(overlap, index=people.index.copy(), name="stability"))


def single_network(dataset) -> pd.Series:
    """Each person's learning network when they are in exactly one (``<NA>`` for none or several).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": ["a", "b", "c"], "networks": ["N1", "N1;N2", None]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> single_network(ds).tolist()
    ['N1', <NA>, <NA>]
    """
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    one = m[~m["person"].duplicated(keep=False)].set_index("person")["network"]
    return one.reindex(dataset.people.index).astype("string").rename("network")


@dataclass(frozen=True)
class ClusterReport:
    """Everything ``collabgraph clusters`` shows: communities, composition, and optional extras."""

    communities: Communities
    composition: list
    silo_share: float
    networks: list = field(default_factory=list)
    comparison: PartitionComparison | None = None
    stability: Stability | None = None
    roles: object | None = None
    stability_runs: int = 0

    def to_dict(self) -> dict:
        out = self.communities.to_dict()
        comp = {c["id"]: c for c in self.composition}
        for c in out["communities"]:
            extra = comp[c["id"]]
            c.update(composition=extra["composition"], silo=extra["silo"], silo_by=extra["silo_by"])
        out["silo_share"] = self.silo_share
        out["networks"] = self.networks
        if self.comparison is not None:
            out["compare"] = self.comparison.to_dict()
        if self.stability is not None:
            requested = self.stability_runs or len(self.stability.seeds)
            out["stability"] = {**self.stability.to_dict(), "runs_requested": requested}
        if self.roles is not None:
            out["roles"] = self.roles.to_dict()
        return out

    def table(self) -> pd.DataFrame:
        """One row per person: ``id, community`` (``stability``, ``role`` when computed)."""
        m = self.communities.membership
        frame = pd.DataFrame({"id": m.index.astype(str), "community": m.to_numpy()})
        if self.stability is not None:
            frame["stability"] = self.stability.person.round(6).to_numpy()
        if self.roles is not None:
            frame["role"] = self.roles.people["role_name"].to_numpy()
        return frame


@validate_params({"stability_runs": [Options([0]), Interval(int, 2, None)],
                  "stability_limit": [None, Interval(int, 2, None)], "weighted": [bool], "with_roles": [bool]})
def clusters(dataset, *, tie_table: pd.DataFrame | None = None, method: str = "leiden", resolution: float = 1.0,
             seed: int = 0, weighted: bool = False, compare_with: str | None = None, permutations: int = 999,
             stability_runs: int = 0, with_roles: bool = False, silo_share: float = 0.8,
             iterations: int | None = None, stability_limit: int | None = 3) -> ClusterReport:
    """Communities of a dataset with their composition, and optionally comparison, stability and roles.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
    method, resolution, seed, weighted, iterations
        See :func:`communities`.
    compare_with : str, optional
        A people column, or ``network`` (each person's learning network when they are in exactly
        one; see :func:`single_network`), to compare the communities with (:func:`compare_partitions`).
    permutations : int
        Permutations of the p-value of the comparison.
    stability_runs : int
        With 2 or more: run seeds ``seed .. seed + runs - 1`` (:func:`stability`); the reported
        communities are then the most representative run.
    stability_limit : int or None
        On tie tables of more than :data:`STABILITY_TIES` (100,000) ties, run at most this many
        stability seeds (default 3; None: all ``stability_runs``). Each run is a full community
        detection (about 1 s on 324,185 ties); the JSON gives the seeds run and ``runs_requested``.
    with_roles : bool
        Add roles by position (:func:`collabgraph.metrics.roles.roles`).
    silo_share : float
        See :func:`composition`.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcdef"), "organisation": list("XXXYYY")})
    >>> inter = pd.DataFrame({"source": list("aabdde"), "target": list("bcceff")})
    >>> r = clusters(from_frames(people=people, interactions=inter), compare_with="organisation", permutations=0)
    >>> [c["silo_by"] for c in r.to_dict()["communities"]], r.comparison.nmi
    ([['organisation'], ['organisation']], 1.0)
    """
    compare_with = dataset.attribute(compare_with)  # Domein, beroep: as the commands' --by
    if compare_with is not None:
        check_attribute(dataset.people.columns, compare_with, name="compare_with", also=["network"])
    from collabgraph.metrics.roles import roles

    t = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    options = {"method": method, "resolution": resolution, "weighted": weighted, "iterations": iterations}
    stab = None
    if stability_runs:
        runs = stability_runs if stability_limit is None or len(t) <= STABILITY_TIES \
            else min(stability_runs, stability_limit)
        stab = stability(dataset, tie_table=t, seeds=range(seed, seed + runs), **options)
        found = stab.representative
    else:
        found = communities(dataset, tie_table=t, seed=seed, **options)
    comp = composition(people, found.membership, memberships=dataset.memberships, silo_share=silo_share)
    comparison = None
    if compare_with is not None:
        if compare_with == "network" and "network" not in people.columns:
            people = people.assign(network=single_network(dataset))
        comparison = compare_partitions(people, found.membership, compare_with, permutations=permutations, seed=seed)
    return ClusterReport(communities=found, composition=comp, silo_share=silo_share, stability_runs=stability_runs,
                         networks=network_composition(dataset, silo_share=silo_share), comparison=comparison,
                         stability=stab, roles=roles(dataset, tie_table=t, seed=seed) if with_roles else None)
