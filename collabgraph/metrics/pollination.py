"""Cross-pollination between learning networks: shared members, boundary spanners, ties between networks.

People can belong to several learning networks (``dataset.memberships``: declared in the people
table or observed from records), so "network" is not a single-valued attribute. The measures here
are built on memberships:

overlap
    For each pair of networks, the members they share and the Jaccard index
    ``shared / (members of X + members of Y - shared)`` (from :func:`collabgraph.graph.network_pairs`).
boundary spanners
    People who are members of two or more networks, with their brokerage (betweenness, constraint,
    effective size, and Gould–Fernandez roles by an attribute; see :mod:`collabgraph.metrics.brokerage`,
    :mod:`~collabgraph.metrics.holes` and :mod:`~collabgraph.metrics.centrality`).
between-network ties
    For each pair of networks X, Y: ``ties``, the ties with one end in X and not in Y and the other
    end in Y and not in X (a tie counts once per pair; from ``network_pairs``), and their ``share``
    of all ties that touch X or Y (at least one end a member of X or of Y); ``via_shared``, the ties
    with one end a member of both X and Y and the other end in X or Y. Those are the ties of the
    shared members: they say the two networks share people, not that their members meet each other,
    so they are kept apart (Groningen–Haaglanden in the example: 2 ties, and 172 ties of the 3
    people in both).
network of networks
    Networks joined when they share a member or a tie; its density is joined pairs over all pairs.
openness
    Per network X, the E-I index of its members' ties with respect to membership of X (after
    Krackhardt & Stern 1988): a tie with at least one end in X is *internal* when both ends are
    members of X and *external* otherwise; ``E-I = (E - I) / (E + I)``, from -1 (all ties stay inside)
    to +1 (all ties leave). Each tie counts once. Undefined (``NaN``) for a network without ties.
    This is :func:`collabgraph.metrics.mixing.ei_index` of the two-valued attribute "member of X or
    not" (its group convention counts a within-group tie once), computed for all networks at once
    from the sparse people x networks membership matrix.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an experimental
simulation. *Social Psychology Quarterly* 51(2): 123–140.
Jaccard, P. (1901). Étude comparative de la distribution florale. *Bull. Soc. Vaud. Sci. Nat.* 37: 547–579.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.dataset import Dataset
from collabgraph.graph import network_pairs
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.brokerage import ROLES, BrokersResult, gould_fernandez
from collabgraph.metrics.centrality import betweenness
from collabgraph.metrics.holes import structural_holes
from collabgraph.serialize import records

__all__ = ["PollinationResult", "network_density", "openness", "pollination"]


@dataclass(frozen=True)
class PollinationResult:
    """Cross-pollination between learning networks (the ``pollination`` command).

    Attributes
    ----------
    networks : DataFrame
        Per network: ``network, members, spanners, internal, external, openness``.
    overlap : DataFrame
        Per pair of networks sharing members: ``network_a, network_b, shared, jaccard``.
    spanners : DataFrame
        Per boundary spanner: ``id, n_networks, networks`` (``;``-joined), ``betweenness,
        constraint, effective_size``, and the Gould–Fernandez roles and ``total`` by ``by``.
    between_network_ties : DataFrame
        Per pair of networks with ties between them or ties of shared members: ``network_a,
        network_b, ties, share, via_shared``.
    density : float
        Density of the network of networks (pairs joined by a shared member or a tie).
    by : str or None
        Attribute of the spanners' Gould–Fernandez roles.
    """

    networks: pd.DataFrame
    overlap: pd.DataFrame
    spanners: pd.DataFrame
    between_network_ties: pd.DataFrame
    density: float
    by: str | None

    def to_dict(self) -> dict:
        return {"networks": records(self.networks), "overlap": records(self.overlap),
                "spanners": records(self.spanners),
                "between_network_ties": records(self.between_network_ties),
                "network_of_networks": {"networks": len(self.networks),  # density: undefined below two networks
                                        "density": self.density if len(self.networks) >= 2 else None},
                "by": self.by}


def _membership_matrix(dataset: Dataset) -> tuple[sparse.csr_array, list[str]]:
    """People × networks 0/1 matrix of memberships (rows follow ``dataset.people``)."""
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    codes = dataset.codes(m["person"])
    m = m[codes >= 0]
    names = sorted(map(str, m["network"].unique()))
    col = pd.Index(names).get_indexer(m["network"].astype(str))
    matrix = sparse.csr_array((np.ones(len(m)), (codes[codes >= 0], col)), shape=(len(dataset.people), len(names)))
    return (matrix > 0).astype(np.int64).tocsr(), names


def _touch(tie_table: pd.DataFrame, member: sparse.csr_array) -> sparse.csr_array:
    """Ties × networks: which networks each tie touches (0/1)."""
    ends_u = member[tie_table["u"].to_numpy(np.int64)]
    ends_v = member[tie_table["v"].to_numpy(np.int64)]
    return ((ends_u + ends_v) > 0).astype(np.int64).tocsr()


def openness(dataset: Dataset, *, tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per learning network, the E-I index of its members' ties with respect to membership.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional

    Returns
    -------
    DataFrame
        ``network, members, internal, external, openness`` (definition in the module docstring).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1", "n2"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> openness(ds).values.tolist()
    [['n1', 2, 1, 1, 0.0], ['n2', 1, 0, 1, 1.0]]
    """
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    member, names = _membership_matrix(dataset)
    in_u = member[tie_table["u"].to_numpy(np.int64)]
    in_v = member[tie_table["v"].to_numpy(np.int64)]
    internal = np.asarray(in_u.multiply(in_v).sum(axis=0)).ravel().astype(np.int64)
    external = np.asarray(in_u.sum(axis=0) + in_v.sum(axis=0)).ravel().astype(np.int64) - 2 * internal
    total = (internal + external).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ei = np.where(total > 0, (external - internal) / total, np.nan)
    return pd.DataFrame({"network": names,
                         "members": np.asarray(member.sum(axis=0)).ravel().astype(np.int64),
                         "internal": internal, "external": external, "openness": ei})


def pollination(dataset: Dataset, *, by: str | None = "domain", k: int | None = None, seed: int = 0,
                tie_table: pd.DataFrame | None = None, brokerage: BrokersResult | None = None) -> PollinationResult:
    """Overlap, boundary spanners, ties between networks, the network of networks and openness.

    Parameters
    ----------
    dataset : Dataset
    by : str or None
        Attribute for the spanners' Gould–Fernandez roles (None: leave the roles out).
    k, seed
        Betweenness from ``k`` pivots (exact when None); see :func:`~collabgraph.metrics.centrality.betweenness`.
    tie_table : DataFrame, optional
    brokerage : BrokersResult, optional
        :func:`~collabgraph.metrics.brokerage.brokers` of the same dataset and tie table, if already
        computed: its betweenness is used (with its pivots and seed; ``k`` and ``seed`` are then
        ignored), its Gould–Fernandez roles when its ``by`` is ``by``, and its constraint and
        effective size when it is unweighted, so each is computed once per analysis.

    Returns
    -------
    PollinationResult

    Notes
    -----
    Definitions in the module docstring. The overlap and between-network tie counts are those of
    :func:`collabgraph.graph.network_pairs`; shares come from a sparse people × networks membership
    matrix (one pass over the tie table) and openness from :func:`openness`.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "networks": ["n1", "n1;n2", "n2", "n2"]})
    >>> inter = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    >>> r = pollination(from_frames(people=people, interactions=inter), by=None)
    >>> r.spanners[["id", "networks"]].values.tolist()
    [['b', 'n1;n2']]
    >>> r.overlap[["network_a", "network_b", "shared", "jaccard"]].values.tolist()
    [['n1', 'n2', 1, 0.25]]
    >>> r.between_network_ties[["network_a", "network_b", "ties", "via_shared"]].values.tolist()
    [['n1', 'n2', 0, 2]]
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    edges = network_pairs(dataset, tie_table)  # the network of networks' edges, by name
    member, names = _membership_matrix(dataset)
    touch = _touch(tie_table, member)
    open_ = openness(dataset, tie_table=tie_table)

    overlap = edges.loc[edges["shared"] > 0, ["network_a", "network_b", "shared", "jaccard"]].reset_index(drop=True)

    linked = (edges["ties"] > 0) | (edges["via_shared"] > 0)
    between = edges.loc[linked, ["network_a", "network_b", "ties"]].reset_index(drop=True)
    if len(between):
        per_net = np.asarray(touch.sum(axis=0)).ravel()
        both = (touch.T @ touch).tocsr()  # ties touching X and Y
        a = pd.Index(names).get_indexer(between["network_a"])
        b = pd.Index(names).get_indexer(between["network_b"])
        either = per_net[a] + per_net[b] - np.asarray(both[a, b]).ravel()
        between["share"] = between["ties"] / either
    else:
        between["share"] = pd.Series(dtype=float)
    between["via_shared"] = edges.loc[linked, "via_shared"].to_numpy(np.int64)

    counts = np.asarray(member.sum(axis=1)).ravel()
    spanning = np.flatnonzero(counts >= 2)
    nets = np.asarray(names, dtype=object)
    sub = member[spanning].tocsr()  # a row per spanner, its networks in name order
    joined = [";".join(nets[sub.indices[lo:hi]]) for lo, hi in zip(sub.indptr[:-1], sub.indptr[1:], strict=True)]
    spanners = pd.DataFrame({"id": dataset.people.index[spanning].astype(str), "n_networks": counts[spanning],
                             "networks": np.asarray(joined, dtype=object)})
    if brokerage is not None:
        btw = brokerage.people["betweenness"]
    else:
        btw = betweenness(dataset, tie_table=tie_table, k=k, seed=seed)
    holes = (brokerage.people if brokerage is not None and not brokerage.weighted
             else structural_holes(dataset, tie_table=tie_table))
    spanners["betweenness"] = btw.to_numpy(float)[spanning]
    spanners["constraint"] = holes["constraint"].to_numpy(float)[spanning]
    spanners["effective_size"] = holes["effective_size"].to_numpy(float)[spanning]
    if by is not None:
        roles = (brokerage.roles if brokerage is not None and brokerage.by == by
                 else gould_fernandez(dataset, by=by, tie_table=tie_table)).people
        roles = roles[[*ROLES, "total"]].reindex(dataset.people.index[spanning]).astype("Int64")
        for col in roles.columns:
            spanners[col] = roles[col].to_numpy()
    spanners = spanners.sort_values(["n_networks", "id"], ascending=[False, True], ignore_index=True)

    networks = open_[["network", "members"]].copy()
    networks["spanners"] = np.asarray(member[spanning].sum(axis=0)).ravel() if len(names) else []
    networks[["internal", "external", "openness"]] = open_[["internal", "external", "openness"]]
    return PollinationResult(networks=networks, overlap=overlap, spanners=spanners,
                             between_network_ties=between, density=network_density(edges, len(names)), by=by)


def network_density(pairs: pd.DataFrame, networks: int) -> float:
    """Density of the network of networks: its edges (``pairs``, :func:`collabgraph.graph.network_pairs`: pairs
    joined by a shared member or a tie) over the pairs of the ``networks`` learning networks; 0.0 below two.

    Examples
    --------
    >>> network_density(pd.DataFrame({"network_a": ["n1"], "network_b": ["n2"]}), 3)
    0.3333333333333333
    """
    return float(len(pairs) / (networks * (networks - 1) / 2)) if networks > 1 else 0.0
