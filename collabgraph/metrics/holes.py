"""Structural holes (Burt 1992): constraint, effective size and hierarchy of every person.

The room of this module: how closed or open each person's own contacts are, from the tie table.

With mutual tie strength ``a_ij + a_ji`` (1 per tie when unweighted), ``p_ij`` is ``i``'s
proportional investment in ``j`` (mutual strength over ``i``'s total). Constraint
``C_i = sum_j c_ij`` with local constraint ``c_ij = (p_ij + sum_q p_iq p_qj)^2`` over ``i``'s
contacts ``j`` (in- or out-neighbours); effective size ``sum_j (1 - sum_q p_iq m_jq)`` with
``m_jq`` the mutual strength of ``j`` and ``q`` over ``j``'s largest; hierarchy is the
Coleman–Theil disorder of the local constraints,
``H_i = sum_j (c_ij / (C_i/N)) ln(c_ij / (C_i/N)) / (N ln N)`` with ``N`` contacts (Burt 1992,
p. 71): 0 when every contact constrains equally, towards 1 when one contact holds all of it;
undefined (``NaN``) for fewer than two contacts. All three are undefined for isolates.

Computed from the tie table's integer arrays, never a dense matrix: the constraint and redundancy
sums over common contacts run over the triangles of the contact graph
(:func:`collabgraph.adjacency.triangles`), so hubs with tens of thousands of contacts stay cheap.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.* Harvard University Press.
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures. *Connections* 20(1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collabgraph.adjacency import arc_matrix, triangles
from collabgraph.dataset import Dataset
from collabgraph.graph import ties as make_ties
from collabgraph.params import validate_params
from collabgraph.tietable import lookup, pair_keys

__all__ = ["structural_holes", "structural_holes_from_ties"]


@validate_params({"weighted": [bool]})
def structural_holes(dataset: Dataset, *, tie_table: pd.DataFrame | None = None,
                     weighted: bool = False) -> pd.DataFrame:
    """Burt's constraint, effective size and hierarchy of every person.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed; for directed data
        ``a_ij`` is the arc ``i -> j``.
    weighted : bool
        Use tie weights as strengths ``a_ij``; otherwise every tie counts 1.

    Returns
    -------
    DataFrame
        Indexed by person id: ``contacts`` (in- or out-neighbours), ``constraint``,
        ``effective_size`` and ``hierarchy``; ``NaN`` where undefined (isolates; hierarchy with fewer
        than two contacts).

    Notes
    -----
    Definitions in the module docstring. Constraint and effective size equal networkx's
    ``constraint`` and ``effective_size`` (and igraph's ``constraint``); hierarchy follows Burt
    (1992, p. 71) with natural logarithms, as UCINET reports it. Directed data uses the mutual
    strength ``a_ij + a_ji``, so a reciprocated tie counts double.

    References
    ----------
    Burt (1992), *Structural Holes*, ch. 2; Borgatti (1997), Structural holes: unpacking Burt's
    redundancy measures, *Connections* 20(1).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> structural_holes(ds).round(3).loc["a"].tolist()
    [2.0, 0.5, 2.0, 0.0]
    """
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    return structural_holes_from_ties(tie_table, dataset.people, weighted=weighted)


def structural_holes_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *,
                               weighted: bool = False) -> pd.DataFrame:
    """:func:`structural_holes` of a bare tie table (``u, v`` are rows of ``people``; ``a_ij`` is the row ``i -> j``).

    For tables that are not a dataset's ties, such as the undirected, weighted edges of
    :func:`collabgraph.metrics.roles.position_features`.

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 0], "v": [1, 2], "weight": [1.0, 1.0]})
    >>> p = pd.DataFrame(index=pd.Index(["a", "b", "c"], name="id"))
    >>> structural_holes_from_ties(t, p).round(3).loc["a"].tolist()
    [2.0, 0.5, 2.0, 0.0]
    """
    n = len(people)
    arcs = arc_matrix(tie_table, n, directed=True, weighted=weighted)
    mutual = (arcs + arcs.T).tocsr()
    mutual.eliminate_zeros()  # the stored entries are the contact pairs
    # Canonical CSR lists each row's entries in column order, so (row, column) runs in lexicographic
    # order, as _through_common_contacts' key lookup needs. scipy's sum of two canonical matrices is
    # canonical already; sort_indices() then only checks the flag.
    mutual.sort_indices()
    i = np.repeat(np.arange(n, dtype=np.int64), np.diff(mutual.indptr))
    j = mutual.indices.astype(np.int64)
    strength = np.asarray(mutual.sum(axis=1)).ravel()
    top = mutual.max(axis=1).toarray().ravel() if n else np.zeros(0)  # scipy cannot reduce 0 rows
    with np.errstate(divide="ignore", invalid="ignore"):
        p_ij = np.where(strength > 0, 1 / strength, 0)[i] * mutual.data  # mutual strength over i's total
        m_ij = np.where(top > 0, 1 / top, 0)[i] * mutual.data  # ... over i's largest
    indirect, redundancy = _through_common_contacts(n, i, j, p_ij, m_ij)
    local = (p_ij + indirect) ** 2
    contacts = np.bincount(i, minlength=n)
    constraint = np.bincount(i, weights=local, minlength=n)
    effective = contacts - np.bincount(i, weights=redundancy, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = local / (constraint[i] / contacts[i])
        terms = np.where(ratio > 0, ratio * np.log(ratio), 0.0)
        hierarchy = np.bincount(i, weights=terms, minlength=n) / (contacts * np.log(contacts))
    none = contacts == 0
    return pd.DataFrame({"contacts": contacts,
                         "constraint": np.where(none, np.nan, constraint),
                         "effective_size": np.where(none, np.nan, effective),
                         "hierarchy": np.where(contacts < 2, np.nan, hierarchy)},
                        index=people.index)



def _through_common_contacts(n: int, i: np.ndarray, j: np.ndarray, p_ij: np.ndarray, m_ij: np.ndarray):
    """For every contact pair (``i, j`` sorted by ``i`` then ``j``): ``sum_q p_iq p_qj`` and ``sum_q p_iq m_jq``.

    Only common contacts ``q`` contribute, so both sums run over the triangles of the contact graph.
    """
    keys = pair_keys(i, j, n, directed=True)
    indirect, redundancy = np.zeros(len(i)), np.zeros(len(i))

    def at(a, b):  # both people of a triangle are contacts: every pair is found
        return lookup(keys, pair_keys(a, b, n, directed=True))[0]

    for a, b, c in triangles(n, i, j):
        pos = {(0, 1): at(a, b), (1, 0): at(b, a), (0, 2): at(a, c), (2, 0): at(c, a), (1, 2): at(b, c),
               (2, 1): at(c, b)}  # each directed pair of the triangle looked up once
        for x, y, q in ((0, 1, 2), (1, 0, 2), (0, 2, 1), (2, 0, 1), (1, 2, 0), (2, 1, 0)):
            xq, qy, yq, xy = pos[x, q], pos[q, y], pos[y, q], pos[x, y]
            indirect += np.bincount(xy, weights=p_ij[xq] * p_ij[qy], minlength=len(i))
            redundancy += np.bincount(xy, weights=p_ij[xq] * m_ij[yq], minlength=len(i))
    return indirect, redundancy
