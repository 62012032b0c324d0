"""Centrality and dependency: betweenness, fragmentation, and how much a network depends on key people.

The room of this module: who lies on the paths between others (Freeman 1977, computed with
Brandes 2001 or estimated from pivots, Brandes & Pich 2007), and what happens to a learning
network's connectivity when a coordinator or top broker is gone (Borgatti 2006, key player
problem 1: fragmentation).

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry* 40: 35–41.
Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociology* 25: 163–177.
Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. *Int. J. Bifurcation and
Chaos* 17(7): 2303–2318.
Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
Mathematical Organization Theory* 12: 21–34.
"""

from __future__ import annotations

from collections.abc import Sequence

import igraph as ig
import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.dataset import Dataset
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.params import Interval, validate_params
from collabgraph.rolegroups import coordinators
from collabgraph.tietable import undirected_edges

__all__ = ["betweenness", "betweenness_from_ties", "dependency", "dependency_counts", "fragmentation"]


# ---- betweenness ----------------------------------------------------------------------------------

def betweenness(dataset: Dataset, *, tie_table: pd.DataFrame | None = None, k: int | None = None,
                seed: int = 0) -> pd.Series:
    """Shortest-path betweenness (unnormalised), exact or estimated from ``k`` random pivots.

    Parameters
    ----------
    dataset : Dataset
        Paths follow the arcs in their direction when ``dataset.directed``.
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed.
    k : int, optional
        Estimate from ``k`` source vertices drawn without replacement (seeded), scaled by
        ``n / k`` (Brandes & Pich 2007); exact when None or ``k >= n``.
    seed : int
        Seed of the pivot draw.

    Returns
    -------
    Series
        Betweenness per person id. Paths have length in steps (weights are tie strengths, not
        distances, so they are not used). Undirected pairs count once, as in UCINET and networkx's
        ``betweenness_centrality(normalized=False)``.

    References
    ----------
    Freeman (1977); Brandes (2001); Brandes & Pich (2007), Centrality estimation in large networks,
    *Int. J. Bifurcation and Chaos* 17(7).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> betweenness(ds).tolist()
    [0.0, 1.0, 0.0]
    """
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    return betweenness_from_ties(tie_table, dataset.people, directed=dataset.directed, k=k, seed=seed)


@validate_params({"k": [None, Interval(int, 1, None)]})
def betweenness_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, directed: bool = False,
                          k: int | None = None, seed: int = 0) -> pd.Series:
    """:func:`betweenness` of a bare tie table (``u, v`` are rows of ``people``; ``directed``: follow the arcs).

    For tables that are not a dataset's ties: the undirected edges of
    :func:`collabgraph.metrics.roles.position_features`, and the plain integer arrays that
    :func:`collabgraph.analysis.analyze` hands to a second process.

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 1], "v": [1, 2]})
    >>> betweenness_from_ties(t, pd.DataFrame(index=pd.Index(["a", "b", "c"], name="id"))).tolist()
    [0.0, 1.0, 0.0]
    """
    n = len(people)
    if directed:
        a, b = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    else:  # one edge per pair, also when the tie table holds arcs both ways
        a, b, _ = undirected_edges(tie_table, weighted=False)
    g = igraph_of(n, a, b, directed=directed)
    if k is None or k >= n:
        values = np.asarray(g.betweenness(directed=directed), float)
    else:
        pivots = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
        values = np.asarray(g.betweenness(directed=directed, sources=pivots.tolist(), targets=None), float)
        values *= n / k
    return pd.Series(values, index=people.index, name="betweenness")


# ---- dependency on key people ---------------------------------------------------------------------

def fragmentation(labels: np.ndarray) -> float:
    """Borgatti's fragmentation: the share of pairs that cannot reach each other.

    ``F = 1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over components of sizes ``s_k``; 0 when everyone
    is connected, 1 when nobody is. Undefined (``NaN``) for fewer than two people.

    Parameters
    ----------
    labels : array of int
        Component label of each person.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
    Mathematical Organization Theory* 12: 21–34, eq. 4.

    Examples
    --------
    >>> fragmentation(np.array([0, 0, 1, 1]))
    0.6666666666666667
    """
    n = len(labels)
    if n < 2:
        return float("nan")
    s = np.bincount(labels).astype(float)
    return float(1 - np.sum(s * (s - 1)) / (n * (n - 1)))


def _components(g: ig.Graph) -> np.ndarray:
    """Weak component of every vertex, numbered in order of their lowest vertex (as scipy numbers them)."""
    return np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)


def _largest(labels: np.ndarray) -> int:
    return int(np.bincount(labels).max()) if len(labels) else 0


def _ties_within(groups: list, n: int, u: np.ndarray, v: np.ndarray) -> list[np.ndarray]:
    """Per group of people (sorted row positions), the positions of the ties with both ends in it, in order.

    One sparse pass over the tie table (ties x groups) instead of one full scan per group.
    """
    if not groups:
        return []
    sizes = [len(codes) for _, codes in groups]
    member = sparse.csr_array((np.ones(sum(sizes)), (np.concatenate([c for _, c in groups]),
                                                     np.repeat(np.arange(len(groups)), sizes))),
                              shape=(n, len(groups)))
    both = member[u].multiply(member[v]).tocoo()
    order = np.lexsort((both.row, both.col))
    tie, group = both.row[order], both.col[order]
    return np.split(tie, np.searchsorted(group, np.arange(1, len(groups))))


@validate_params({"top": [Interval(int, 0, None)]})
def dependency(dataset: Dataset, *, top: int = 3, tie_table: pd.DataFrame | None = None,
               coordinator_roles: Sequence[str] | None = None) -> pd.DataFrame:
    """How much each learning network depends on its coordinators and top brokers.

    For every learning network, the subgraph of its members (ties among them, from any context) is
    taken; its coordinators (members whose ``role`` is a coordinator label in any language, see
    :func:`collabgraph.rolegroups.coordinators`, and the network's ``coordinator`` in the networks
    table, ``dataset.network_table``, when a member) and its ``top`` members by betweenness within
    that subgraph (betweenness > 0; ties broken by id) are removed one at a time.

    Parameters
    ----------
    dataset : Dataset
    top : int
        Number of top brokers per network.
    tie_table : DataFrame, optional
        The tie table, if already computed.
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator; default the built-in Dutch/English list
        (coordinator, coördinator, netwerkcoördinator, projectleider, trekker, procesbegeleider ...).

    Returns
    -------
    DataFrame
        One row per (network, person): ``network, id, reason`` (``coordinator``, ``broker`` or
        both joined by ``;``), ``members``, ``betweenness`` (within the network),
        ``fragmentation_before`` and ``fragmentation_after`` (Borgatti 2006, over the members and
        over the members left), ``fragmentation_increase``, ``cut_off`` (members of the largest
        component who are no longer in the largest component once the person is gone, the person
        not counted), ``cut_off_share`` (``cut_off`` over the other members) and
        ``pairs_disconnected`` (pairs of other members who reach each other only through the person:
        like with like, where ``fragmentation_increase`` also rises when the person cuts no one off,
        only because the members left are fewer).

    References
    ----------
    Borgatti (2006), key player problem 1 (fragmentation).

    Examples
    --------
    A star: without its centre the five members fall apart.

    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcde"), "networks": "n1",
    ...                        "role": ["Netwerkcoördinator", None, None, None, None]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"] * 4, "target": list("bcde")}))
    >>> dependency(ds)[["id", "reason", "fragmentation_after", "cut_off"]].values.tolist()
    [['a', 'coordinator;broker', 1.0, 3]]
    """
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    is_coord = (coordinators(people["role"], coordinator_roles, dataset.role_map)[0] if "role" in people
                else np.zeros(len(people), bool))
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    m = m.assign(code=dataset.codes(m["person"]))
    m = m[m["code"] >= 0]
    u_all, v_all = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    groups = [(network, np.sort(group["code"].to_numpy())) for network, group in m.groupby("network", sort=True)]
    inside = _ties_within(groups, len(people), u_all, v_all)
    ids_all = people.index.to_numpy(dtype=object)
    named = dataset.network_table["coordinator"].dropna()  # the networks table's coordinator of a network
    named = dict(zip(named.index.astype(str), dataset.codes(named), strict=True))
    rows = []
    for (network, codes), within in zip(groups, inside, strict=True):
        n = len(codes)
        u, v = np.searchsorted(codes, u_all[within]), np.searchsorted(codes, v_all[within])
        g = igraph_of(n, u, v, directed=dataset.directed)
        btw = np.asarray(g.betweenness(directed=dataset.directed), float)
        ids = ids_all[codes]
        order = sorted(range(n), key=lambda i: (-btw[i], ids[i]))
        brokers_ = {i for i in order[:top] if btw[i] > 0}
        coords = set(np.flatnonzero(is_coord[codes] | (codes == named.get(str(network), -1))).tolist())
        labels = _components(g)
        before, main = fragmentation(labels), _largest(labels)
        for i in sorted(brokers_ | coords, key=lambda i: ids[i]):
            rest = g.copy()
            rest.delete_vertices(i)
            after = _components(rest)
            in_main = labels[i] == np.argmax(np.bincount(labels))
            cut = max((main - 1 if in_main else main) - _largest(after), 0)
            reason = ";".join(r for r, flag in (("coordinator", i in coords), ("broker", i in brokers_)) if flag)
            frag_after = fragmentation(after)
            kept, left = np.bincount(np.delete(labels, i)), np.bincount(after)  # the others, with and without i
            pairs = int(np.sum(kept * (kept - 1)) - np.sum(left * (left - 1))) // 2
            rows.append({"network": network, "id": ids[i], "reason": reason, "members": n,
                         "betweenness": float(btw[i]), "fragmentation_before": before,
                         "fragmentation_after": frag_after, "fragmentation_increase": frag_after - before,
                         "cut_off": int(cut), "cut_off_share": cut / (n - 1) if n > 1 else float("nan"),
                         "pairs_disconnected": pairs})
    columns = ["network", "id", "reason", "members", "betweenness", "fragmentation_before",
               "fragmentation_after", "fragmentation_increase", "cut_off", "cut_off_share", "pairs_disconnected"]
    return pd.DataFrame(rows, columns=columns)


def dependency_counts(dependence: pd.DataFrame) -> dict:
    """The dependency headline of the key people in ``dependence`` (rows of :func:`dependency`): how many were
    tested, how many cut someone off the largest group of their network when left out (``cut_off > 0``), and how
    many cut no one off it but disconnect other members from each other (``pairs_disconnected > 0``, e.g. by
    splitting a group already outside the largest one). A rise of ``fragmentation_increase`` alone is no such
    case: it also rises when only the member count falls by one.

    Examples
    --------
    >>> dependency_counts(pd.DataFrame({"cut_off": [3, 0, 0], "pairs_disconnected": [3, 1, 0]}))
    {'tested': 3, 'cutting_off': 1, 'fragmentation_only': 1}
    """
    cutting = dependence["cut_off"] > 0
    return {"tested": len(dependence), "cutting_off": int(cutting.sum()),
            "fragmentation_only": int((~cutting & (dependence["pairs_disconnected"] > 0)).sum())}


def coordinator_rows(dependence: pd.DataFrame) -> pd.DataFrame:
    """:func:`dependency` with ``top=0`` (the coordinators only), taken from its table for any ``top`` of the same
    data and ``coordinator_roles``: a coordinator's row does not depend on ``top`` but for its ``reason``
    (``coordinator;broker`` when also a top broker), so the coordinators' rows are kept, in order, with the reason
    ``coordinator``, and no coordinator is removed from their network a second time.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcde"), "networks": "n1",
    ...                        "role": ["Netwerkcoördinator", None, None, None, None]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": list("aaab"), "target": list("bcde")}))
    >>> coordinator_rows(dependency(ds, top=3)).equals(dependency(ds, top=0))
    True
    """
    rows = dependence[dependence["reason"].str.split(";").map(lambda reasons: "coordinator" in reasons)
                      .astype(bool).to_numpy()].to_dict("records")
    for row in rows:
        row["reason"] = "coordinator"
    return pd.DataFrame(rows, columns=list(dependence.columns))  # the types dependency() gives its rows
