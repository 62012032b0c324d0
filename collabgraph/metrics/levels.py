"""Mixing one level up: the organisation graph, the domain graph, and the organisation x domain table.

People are grouped by ``level`` (``organisation`` or ``domain``, or any column) and the groups become
the nodes of a new tie table: two groups are tied when at least one of their members is tied to a
member of the other (the same projection as :func:`collabgraph.graph.attribute_graph`, as a tie table
so every function of :mod:`collabgraph.metrics.mixing` applies). Ties inside a group are not ties of
the group graph; they stay visible in the group's ``internal_ties``.

Each group node carries the attributes of its members as their **modal value**: an organisation's
domain is the domain most of its people have (ties broken alphabetically; missing when no member
has a value). So ``level_ei(ds, "organisation", "domain")`` asks whether organisations work with
organisations of other domains: the E-I index of the organisation graph by domain.

In the group tie table ``count`` is the number of person ties between the two groups and ``weight``
their summed weight; ``weighted=False`` counts group pairs, ``weighted=True`` sums ``weight``.
The domain graph's own mixing matrix is the person-level mixing matrix by domain.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collabgraph.errors import ParameterError
from collabgraph.metrics.mixing import EIResult, ei_index, group_codes

__all__ = ["group_ties", "level_ei", "organisation_domain"]

_NOT_ATTRIBUTES = ("name", "joined", "left", "networks")


def _modal(people: pd.DataFrame, level: str, column: str) -> pd.Series:
    """The most common value of ``column`` per group of ``level`` (ties broken alphabetically)."""
    pairs = people[[level, column]].dropna().astype(str)
    counts = pairs.groupby([level, column]).size().rename("n").reset_index()
    counts = counts.sort_values(["n", column], ascending=[False, True], kind="stable")
    return counts.drop_duplicates(level).set_index(level)[column]


def group_ties(ties: pd.DataFrame, people: pd.DataFrame, level: str, *,
               directed: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tie table and the node table of the graph whose nodes are the groups of ``level``.

    Parameters
    ----------
    ties : DataFrame
        The person tie table.
    people : DataFrame
        ``dataset.people``.
    level : str
        The column whose groups become nodes (``organisation``, ``domain`` ...).
    directed : bool
        Keep arcs (group ``a`` to group ``b``) instead of pairs.

    Returns
    -------
    (DataFrame, DataFrame)
        The group tie table (``source, target, u, v, count, weight``; ``u``/``v`` are rows of the node
        table) and the node table indexed by group: ``size`` (people), ``internal_ties`` (person ties
        inside the group), and the modal value of every other attribute column of ``people``.
        People without a ``level`` value are left out.

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "B", "C"], "domain": ["zorg", "zorg", "zorg", "welzijn"]},
    ...                       index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 1, 2], "v": [1, 2, 2, 3], "weight": [1.0, 2.0, 1.0, 1.0]})
    >>> t, nodes = group_ties(ties, people, "organisation")
    >>> t[["source", "target", "count", "weight"]].values.tolist()
    [['A', 'B', 2, 3.0], ['B', 'C', 1, 1.0]]
    >>> nodes[["size", "internal_ties", "domain"]].values.tolist()
    [[2, 1, 'zorg'], [1, 0, 'zorg'], [1, 0, 'welzijn']]
    """
    codes, labels = group_codes(people, level)
    k = len(labels)
    cu = codes[ties["u"].to_numpy(np.int64)]
    cv = codes[ties["v"].to_numpy(np.int64)]
    keep = (cu >= 0) & (cv >= 0)
    cu, cv, w = cu[keep], cv[keep], ties["weight"].to_numpy(float)[keep]
    inside = cu == cv
    a, b = cu[~inside], cv[~inside]
    if not directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    key = a * max(k, 1) + b
    keys, first = np.unique(key, return_inverse=True)
    u, v = keys // max(k, 1), keys % max(k, 1)
    names = np.asarray(labels, dtype=object)
    table = pd.DataFrame({
        "source": pd.array(names[u], dtype="string"), "target": pd.array(names[v], dtype="string"),
        "u": u, "v": v, "count": np.bincount(first, minlength=len(keys)),
        "weight": np.bincount(first, weights=w[~inside], minlength=len(keys))})
    nodes = pd.DataFrame({"size": np.bincount(codes[codes >= 0], minlength=k),
                          "internal_ties": np.bincount(cu[inside], minlength=k)},
                         index=pd.Index(labels, name=level))
    for column in people.columns:
        if column != level and column not in _NOT_ATTRIBUTES and not pd.api.types.is_datetime64_any_dtype(
                people[column]):
            nodes[column] = _modal(people, level, column).reindex(nodes.index).astype("string")
    return table, nodes


def level_ei(ties: pd.DataFrame, people: pd.DataFrame, level: str, by: str, *, directed: bool = False,
             weighted: bool = False, permutations: int = 0, seed: int = 0, persons: bool = True) -> EIResult:
    """E-I index, mixing matrix and assortativity of the group graph of ``level`` by ``by``.

    ``level_ei(ties, people, "organisation", "domain")``: do organisations tie to organisations of
    other domains? Each organisation takes its members' modal domain; see the module docstring.
    Parameters and result are those of :func:`collabgraph.metrics.mixing.ei_index`, with the groups
    of ``level`` in place of people (``missing`` counts groups without a modal ``by``; ``persons``
    is per group).

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "B", "C"], "domain": ["zorg", "zorg", "zorg", "welzijn"]},
    ...                       index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 1, 2], "v": [1, 2, 2, 3], "weight": [1.0, 2.0, 1.0, 1.0]})
    >>> r = level_ei(ties, people, "organisation", "domain")
    >>> r.internal, r.external, r.ei_index
    (1, 1, 0.0)
    """
    if by == level:
        raise ParameterError(f"by and level are both {by!r}: every {level} group is its own group; "
                             f"choose another attribute to compare {level} groups by.")
    table, nodes = group_ties(ties, people, level, directed=directed)
    if by not in nodes.columns:
        raise ParameterError(f"Unknown attribute {by!r} for the {level} graph; it has: "
                             f"{', '.join(map(str, nodes.columns))}.")
    return ei_index(table, nodes, by, directed=directed, weighted=weighted, permutations=permutations, seed=seed,
                    persons=persons)


def organisation_domain(ties: pd.DataFrame, people: pd.DataFrame, *, organisation: str = "organisation",
                        domain: str = "domain") -> pd.DataFrame:
    """People and ties per organisation and domain.

    Returns
    -------
    DataFrame
        One row per (organisation, domain) with people or ties: ``people`` (members of the
        organisation in that domain) and ``ties`` (ties of the organisation's members to people in
        that domain, inside the organisation or not; a tie counts once per organisation–domain pair,
        whichever end is the member). Sorted by organisation and domain; people without an
        organisation or domain are left out.

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "B"], "domain": ["zorg", "welzijn", "zorg"]},
    ...                       index=list("abc"))
    >>> ties = pd.DataFrame({"u": [0, 1], "v": [2, 2], "weight": [1.0, 1.0]})
    >>> organisation_domain(ties, people).values.tolist()
    [['A', 'welzijn', 1, 0], ['A', 'zorg', 1, 2], ['B', 'welzijn', 0, 1], ['B', 'zorg', 1, 1]]
    """
    org, org_labels = group_codes(people, organisation)
    dom, dom_labels = group_codes(people, domain)
    u, v = ties["u"].to_numpy(np.int64), ties["v"].to_numpy(np.int64)
    tie_id = np.arange(len(u))
    ends = pd.DataFrame({"tie": np.concatenate([tie_id, tie_id]), "org": org[np.concatenate([u, v])],
                         "dom": dom[np.concatenate([v, u])]})
    ends = ends[(ends["org"] >= 0) & (ends["dom"] >= 0)].drop_duplicates()
    tie_counts = ends.groupby(["org", "dom"]).size().rename("ties")
    known = (org >= 0) & (dom >= 0)
    people_counts = pd.DataFrame({"org": org[known], "dom": dom[known]}).groupby(["org", "dom"]).size()
    out = pd.concat([people_counts.rename("people"), tie_counts], axis=1).fillna(0).astype(np.int64)
    out = out.sort_index().reset_index()
    return pd.DataFrame({organisation: np.asarray(org_labels, object)[out["org"]],
                         domain: np.asarray(dom_labels, object)[out["dom"]],
                         "people": out["people"], "ties": out["ties"]})
