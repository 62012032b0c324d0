"""Mixing one level up: the organisation graph, the domain graph, and the organisation x domain table.

People are grouped by ``level`` (``organisation`` or ``domain``, or any column) and the groups become
the nodes of a new tie table: two groups are tied when at least one of their members is tied to a
member of the other (the same projection as :func:`collabgraph.graph.attribute_graph`, as a tie table
so every function of :mod:`collabgraph.metrics.mixing` applies). Ties inside a group are not ties of
the group graph; they stay visible in the group's ``internal_ties``.

Each group node carries the attributes of its members as their **modal value**: an organisation's
domain is the domain most of its people have (ties broken alphabetically; missing when no member
has a value). So ``level_ei(ds, level="organisation", by="domain")`` asks whether organisations work with
organisations of other domains: the E-I index of the organisation graph by domain.

In the group tie table ``count`` is the number of person ties between the two groups and ``weight``
their summed weight; ``weighted=False`` counts group pairs, ``weighted=True`` sums ``weight``.
The domain graph's own mixing matrix is the person-level mixing matrix by domain.

Each function takes the dataset first; the ``*_from_ties(tie_table, people, *, ...)`` building blocks
work on a bare tie table and people table (``u``/``v`` are rows of ``people``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collabgraph.errors import ParameterError
from collabgraph.graph import ties as make_ties
from collabgraph.groups import check_attribute, group_codes
from collabgraph.metrics.mixing import EIResult, ei_index_from_ties
from collabgraph.params import validate_params
from collabgraph.tietable import tie_weights

__all__ = ["group_ties", "group_ties_from_ties", "level_ei", "level_ei_from_ties", "organisation_domain"]

_NOT_ATTRIBUTES = ("name", "joined", "left", "networks")


def _modal(people: pd.DataFrame, level: str, column: str) -> pd.Series:
    """The most common value of ``column`` per group of ``level`` (ties broken alphabetically)."""
    pairs = people[[level, column]].dropna().astype(str)
    counts = pairs.groupby([level, column]).size().rename("n").reset_index()
    counts = counts.sort_values(["n", column], ascending=[False, True], kind="stable")
    return counts.drop_duplicates(level).set_index(level)[column]


def group_ties(dataset, *, level: str = "organisation",
               tie_table: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tie table and the node table of the graph whose nodes are the groups of ``level``.

    Parameters
    ----------
    dataset : Dataset
        Directed data keep arcs (group ``a`` to group ``b``) instead of pairs.
    level : str
        The column whose groups become nodes (``organisation``, ``domain`` ...).
    tie_table : DataFrame, optional
        The person tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.

    Returns
    -------
    (DataFrame, DataFrame)
        The group tie table (``source, target, u, v, count, weight``; ``u``/``v`` are rows of the node
        table) and the node table indexed by group: ``size`` (people), ``internal_ties`` (person ties
        inside the group), and the modal value of every other attribute column of ``people``.
        People without a ``level`` value are left out.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "organisation": ["A", "A", "B", "C"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "d"]})
    >>> t, nodes = group_ties(from_frames(people=people, interactions=inter))
    >>> t[["source", "target", "count"]].values.tolist()
    [['A', 'B', 2], ['B', 'C', 1]]
    """
    return group_ties_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people,
                                level=level, directed=dataset.directed)


def group_ties_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, level: str = "organisation",
                         directed: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`group_ties` of a bare person tie table (``directed``: keep arcs).

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "B", "C"], "domain": ["zorg", "zorg", "zorg", "welzijn"]},
    ...                       index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 1, 2], "v": [1, 2, 2, 3], "weight": [1.0, 2.0, 1.0, 1.0]})
    >>> t, nodes = group_ties_from_ties(ties, people, level="organisation")
    >>> t[["source", "target", "count", "weight"]].values.tolist()
    [['A', 'B', 2, 3.0], ['B', 'C', 1, 1.0]]
    >>> nodes[["size", "internal_ties", "domain"]].values.tolist()
    [[2, 1, 'zorg'], [1, 0, 'zorg'], [1, 0, 'welzijn']]
    """
    codes, labels = group_codes(people, level, name="level")
    k = len(labels)
    cu = codes[tie_table["u"].to_numpy(np.int64)]
    cv = codes[tie_table["v"].to_numpy(np.int64)]
    keep = (cu >= 0) & (cv >= 0)
    cu, cv, w = cu[keep], cv[keep], tie_weights(tie_table)[keep]
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


@validate_params({"weighted": [bool], "persons": [bool]})
def level_ei(dataset, *, level: str = "organisation", by: str = "domain", tie_table: pd.DataFrame | None = None,
             weighted: bool = False, permutations: int = 999, seed: int = 0, persons: bool = True) -> EIResult:
    """E-I index, mixing matrix and assortativity of the group graph of ``level`` by ``by``.

    ``level_ei(ds, level="organisation", by="domain")``: do organisations tie to organisations of
    other domains? Each organisation takes its members' modal domain; see the module docstring.
    Parameters and result are those of :func:`collabgraph.metrics.mixing.ei_index`, with the groups
    of ``level`` in place of people (``missing`` counts groups without a modal ``by``; ``persons``
    is per group); 999 permutations by default, as ``ei_index`` and ``collabgraph metrics --nodes``.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "organisation": ["A", "A", "B", "C"],
    ...                        "domain": ["zorg", "zorg", "zorg", "welzijn"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "d"]})
    >>> r = level_ei(from_frames(people=people, interactions=inter))
    >>> r.internal, r.external, r.ei_index
    (1, 1, 0.0)
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    return level_ei_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people, level=level,
                              by=by, directed=dataset.directed, weighted=weighted, permutations=permutations,
                              seed=seed, persons=persons)


def level_ei_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, level: str = "organisation",
                       by: str = "domain", directed: bool = False, weighted: bool = False, permutations: int = 0,
                       seed: int = 0, persons: bool = True) -> EIResult:
    """:func:`level_ei` of a bare person tie table (``directed``: the ties are arcs).

    A building block: ``permutations`` is 0 by default (no test), as in
    :func:`~collabgraph.metrics.mixing.ei_index_from_ties`; :func:`level_ei` runs 999 by default.

    Examples
    --------
    >>> people = pd.DataFrame({"organisation": ["A", "A", "B", "C"], "domain": ["zorg", "zorg", "zorg", "welzijn"]},
    ...                       index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 1, 2], "v": [1, 2, 2, 3], "weight": [1.0, 2.0, 1.0, 1.0]})
    >>> level_ei_from_ties(ties, people, level="organisation", by="domain").ei_index
    0.0
    """
    if by == level:
        raise ParameterError(f"by must be another attribute than level (every {level} group is its own group); "
                             f"got {by!r} for both.")
    table, nodes = group_ties_from_ties(tie_table, people, level=level, directed=directed)
    check_attribute(nodes.columns, by)
    return ei_index_from_ties(table, nodes, by=by, directed=directed, weighted=weighted, permutations=permutations,
                              seed=seed, persons=persons)


def organisation_domain(dataset, *, tie_table: pd.DataFrame | None = None, organisation: str = "organisation",
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
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "organisation": ["A", "A", "B"],
    ...                        "domain": ["zorg", "welzijn", "zorg"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["c", "c"]}))
    >>> organisation_domain(ds).values.tolist()
    [['A', 'welzijn', 1, 0], ['A', 'zorg', 1, 2], ['B', 'welzijn', 0, 1], ['B', 'zorg', 1, 1]]
    """
    people = dataset.people
    t = make_ties(dataset) if tie_table is None else tie_table
    org, org_labels = group_codes(people, organisation, name="organisation")
    dom, dom_labels = group_codes(people, domain, name="domain")
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
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
