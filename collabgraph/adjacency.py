"""Sparse adjacency of a tie table: the arc matrix and the triangles of its contact graph.

The room of this module: the sparse structures that several metrics build from the tie table's
integer arrays, never a dense matrix (Gould–Fernandez brokerage counts closed two-paths over the
triangles, Burt's constraint and redundancy sum over them). Triangles are enumerated once each with
the degree ordering of Chiba & Nishizeki (1985) in batches of bounded size, so hubs with tens of
thousands of contacts stay cheap.

References
----------
Chiba, N. & Nishizeki, T. (1985). Arboricity and subgraph listing algorithms. *SIAM J. Computing* 14: 210–223.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.tietable import lookup, pair_keys, tie_weights

__all__ = ["WORK", "arc_matrix", "triangles"]

#: Wedges per batch when enumerating triangles: about 10 arrays of this length live at once.
WORK = 1 << 21


def arc_matrix(tie_table: pd.DataFrame, n: int, *, directed: bool, weighted: bool = False) -> sparse.csr_array:
    """Adjacency matrix of the arcs (both directions when undirected), loops dropped.

    Parameters
    ----------
    tie_table : DataFrame
        ``u, v`` (positions below ``n``) and, when ``weighted``, ``weight``.
    n : int
        Number of people (rows and columns).
    directed : bool
        When False every tie is an arc in both directions.
    weighted : bool
        Entries are the summed weights; otherwise the number of arcs between the two.

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 1, 2], "v": [1, 1, 0]})
    >>> arc_matrix(t, 3, directed=False).toarray().tolist()
    [[0.0, 1.0, 1.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
    """
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    w = tie_weights(tie_table) if weighted else np.ones(len(u))
    ok = u != v
    u, v, w = u[ok], v[ok], w[ok]
    if not directed:
        u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
    a = sparse.coo_array((w, (u, v)), shape=(n, n)).tocsr()
    a.sum_duplicates()
    return a



def triangles(n: int, i: np.ndarray, j: np.ndarray):
    """Every triangle of the undirected contact graph once, in wedge batches of bounded size.

    Edges are oriented from the lower to the higher (degree, id) rank, so each person's out-list is
    at most ``sqrt(2m)`` long and the wedges number ``O(m^1.5)`` (Chiba & Nishizeki 1985), also with hubs.

    Parameters
    ----------
    n : int
        Number of people.
    i, j : array of int
        Both directions of every contact pair (each pair as ``(i, j)`` and ``(j, i)``), no loops.

    Yields
    ------
    tuple of three arrays
        The people of a batch of triangles, one triangle per position, each triangle in one batch only.

    Examples
    --------
    >>> i, j = np.array([0, 0, 1, 1, 2, 2, 2, 3]), np.array([1, 2, 0, 2, 0, 1, 3, 2])
    >>> [np.column_stack(batch).tolist() for batch in triangles(4, i, j)]
    [[[0, 1, 2]]]
    """
    deg = np.bincount(i, minlength=n)
    rank = np.empty(n, np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    up = rank[i] < rank[j]
    src, dst = i[up], j[up]
    o = np.lexsort((dst, src))
    src, dst = src[o], dst[o]
    keys = np.sort(pair_keys(i, j, n, directed=False))
    sizes = np.bincount(src, minlength=n)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pos = np.arange(len(src)) - starts[src]
    partners = sizes[src] - pos - 1
    batches = np.cumsum(partners) // WORK  # non-decreasing: each batch is a run of edges
    bounds = np.flatnonzero(np.diff(batches, prepend=-1, append=batches[-1] + 1 if len(batches) else 0))
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        edges = np.arange(start, stop)
        left = np.repeat(edges, partners[edges])
        offset = np.arange(len(left)) - np.repeat(np.cumsum(partners[edges]) - partners[edges], partners[edges])
        right = left + 1 + offset
        x, y = dst[left], dst[right]
        closed = lookup(keys, pair_keys(x, y, n, directed=False))[1]
        yield src[left][closed], x[closed], y[closed]

