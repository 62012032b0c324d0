"""Tie-table primitives: pair keys, undirected edges, sorted-unique and unique counts.

Every metric, the graph builders (:mod:`collabgraph.graph`) and the Dask engine handle pairs of people the
same way, written here once:

- a **pair key** is one ``int64`` per pair of person positions, ``u * n + v`` with ``n`` people
  (``u < v`` when undirected), so pairs sort, merge and count as plain integers;
  :func:`pair_ends` gives ``u, v`` back;
- **undirected edges** merge the arcs ``a -> b`` and ``b -> a`` of a tie table into one edge;
- a **lookup** finds keys in a sorted key array (:func:`lookup`, ``np.searchsorted`` plus the check
  that the key found is the key sought);
- a person's **strength** is the sum of the weights of their ties, correctly rounded (:func:`strengths`);
- **sorted unique** and **unique counts** are ``np.unique`` by sorting: numpy 2's hash-based
  ``np.unique`` is several times slower on large integer key arrays.

Keys stay below ``2**63`` while ``n < 3 * 10**9`` people.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from collabgraph.kernels import runs, stable_sort

if TYPE_CHECKING:
    from collabgraph.dataset import Dataset

__all__ = ["end_codes", "lookup", "pair_ends", "pair_keys", "sorted_unique", "strengths", "tie_keys", "tie_weights",
           "undirected_edges", "unique_counts"]


def tie_weights(tie_table: pd.DataFrame) -> np.ndarray:
    """The ``weight`` column as floats for a weighted figure: a tie without one (``NaN``: no rating when a
    rating is the weight, :func:`collabgraph.graph.ties`) counts 0, as a tie rated 0 does.

    Examples
    --------
    >>> tie_weights(pd.DataFrame({"weight": [2.5, float("nan"), 0.0]})).tolist()
    [2.5, 0.0, 0.0]
    """
    return np.nan_to_num(tie_table["weight"].to_numpy(float), nan=0.0)


def pair_keys(u: np.ndarray, v: np.ndarray, n: int, directed: bool) -> np.ndarray:
    """One ``int64`` key per pair: ``u * n + v``, with ``u, v`` swapped where ``u > v`` unless directed.

    Parameters
    ----------
    u, v : array of int
        Person positions (0 to ``n - 1``) of the two ends.
    n : int
        Number of people.
    directed : bool
        False: ``a -> b`` and ``b -> a`` get the same key ``min * n + max``.

    Returns
    -------
    ndarray of int64
        A new array (``u`` and ``v`` are not changed).

    Examples
    --------
    >>> pair_keys(np.array([0, 2]), np.array([2, 0]), 3, directed=False).tolist()
    [2, 2]
    >>> pair_keys(np.array([0, 2]), np.array([2, 0]), 3, directed=True).tolist()
    [2, 6]
    """
    key = np.asarray(u).astype(np.int64)
    if not directed:
        np.minimum(u, v, out=key)
        v = np.maximum(u, v)
    key *= n
    key += v
    return key


def tie_keys(tie_table: pd.DataFrame, n: int) -> np.ndarray:
    """The pair key (:func:`pair_keys`) of every row of a tie table over ``n`` people.

    The rows' ``u, v`` are taken as they are (an undirected tie table already has ``u < v``), so a key
    is the same pair in every window of one dataset.

    >>> tie_keys(pd.DataFrame({"u": [1, 0, 0], "v": [2, 1, 1]}), 3).tolist()
    [5, 1, 1]
    """
    return pair_keys(tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64), max(n, 1), directed=True)


def pair_ends(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The two person positions ``u, v`` of each pair key (the inverse of :func:`pair_keys`).

    Examples
    --------
    >>> [x.tolist() for x in pair_ends(np.array([2, 6]), 3)]
    [[0, 2], [2, 0]]
    """
    return keys // n, keys % n


def end_codes(dataset: Dataset, source: pd.Series, target: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Person positions (in ``dataset.people``) of both ends of records, -1 for an unknown id.

    When both columns are categoricals with the same categories (as validation leaves them), each
    category is looked up once instead of each record.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> u, v = end_codes(ds, ds.interactions["source"], ds.interactions["target"])
    >>> ds.people.index[u[0]] == ds.interactions["source"].iloc[0]
    True
    """
    shared = isinstance(source.dtype, pd.CategoricalDtype) and isinstance(target.dtype, pd.CategoricalDtype) \
        and source.cat.categories.equals(target.cat.categories)
    if not shared:
        return dataset.codes(source), dataset.codes(target)
    position = np.append(dataset.codes(pd.Series(source.cat.categories)), -1)
    return position[source.cat.codes.to_numpy()], position[target.cat.codes.to_numpy()]


def lookup(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``keys`` sits in ``sorted_keys``, and whether it is there (a dict lookup by binary search).

    Parameters
    ----------
    sorted_keys : ndarray
        Sorted ascending (distinct keys give each found key its one position).
    keys : ndarray
        The keys sought.

    Returns
    -------
    positions : ndarray of intp
        ``np.searchsorted(sorted_keys, keys)``: the position of each found key; for a missing key
        where it would be inserted (possibly ``len(sorted_keys)``), not to be used.
    found : ndarray of bool
        ``sorted_keys[positions] == keys``, False where the position is past the end.

    Examples
    --------
    >>> positions, found = lookup(np.array([2, 5, 9]), np.array([9, 4, 2, 11]))
    >>> positions.tolist(), found.tolist()
    ([2, 1, 0, 3], [True, False, True, False])
    """
    positions = np.searchsorted(sorted_keys, keys)
    found = positions < len(sorted_keys)
    found[found] = sorted_keys[positions[found]] == keys[found]
    return positions, found


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """The distinct values of ``x``, sorted (as ``np.unique``, by sorting).

    Examples
    --------
    >>> sorted_unique(np.array([5, 1, 5, 3])).tolist()
    [1, 3, 5]
    """
    x = np.sort(x)
    return x[runs(x)[0]]


def unique_counts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``x``, sorted, and how often each occurs (``np.unique(x, return_counts=True)``).

    Examples
    --------
    >>> [a.tolist() for a in unique_counts(np.array([5, 1, 5, 3]))]
    [[1, 3, 5], [1, 1, 2]]
    """
    x = np.sort(x)
    starts, sizes = runs(x)
    return x[starts], sizes


def undirected_edges(tie_table: pd.DataFrame, *, weighted: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ties as undirected edges ``a < b``, sorted, with summed weights (1 per edge when unweighted).

    Parameters
    ----------
    tie_table : DataFrame
        Columns ``u, v`` (person positions) and ``weight`` (read only when ``weighted``).
    weighted : bool
        True: an edge's weight is the sum of its arcs' weights, added in table order; False: 1.

    Returns
    -------
    a, b : ndarray of int64
        The ends of each edge, ``a < b``, sorted by ``(a, b)``.
    weight : ndarray of float

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 1, 1], "v": [1, 0, 2], "weight": [1.0, 2.0, 5.0]})
    >>> [x.tolist() for x in undirected_edges(t)]
    [[0, 1], [1, 2], [3.0, 5.0]]
    >>> undirected_edges(t, weighted=False)[2].tolist()
    [1.0, 1.0]
    """
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    a, b = np.minimum(u, v), np.maximum(u, v)
    w = tie_weights(tie_table) if weighted else np.ones(len(a))
    if len(a) == 0:
        return a, b, w
    n = int(b.max()) + 1
    keys, order = stable_sort(pair_keys(a, b, n, directed=True))  # arcs of one edge stay in table order
    starts, sizes = runs(keys)
    if not weighted:
        return *pair_ends(keys[starts], n), np.ones(len(starts))
    edge = np.repeat(np.arange(len(starts)), sizes)  # the edge of each sorted arc
    return *pair_ends(keys[starts], n), np.bincount(edge, weights=w[order], minlength=len(starts))


def strengths(a: np.ndarray, b: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """Each person's strength: the sum of the weights of the ties they are an end of, correctly rounded.

    Strength (weighted degree; Barrat et al. 2004, networkx ``G.degree(weight=...)``) adds a person's tie
    weights. Added one after the other in floating point, fractional weights leave rounding noise: a
    person whose weights add up to exactly 95 came out as 94.99999999999996, which a spreadsheet shows and
    which can put them below someone else with 95 when people are ranked by strength. Here each person's
    weights are added with :func:`math.fsum` (Shewchuk's exact summation, rounded once), so the result is
    the float nearest the exact sum whatever the order of the ties; whole-number weights whose total stays
    below ``2**53`` are added plainly, which is then exact too.

    Parameters
    ----------
    a, b : ndarray of int
        The two ends (person positions ``0..n-1``) of each tie (of each arc, for a directed tie table).
    weight : ndarray of float
        The weight of each tie.
    n : int
        Number of people.

    Returns
    -------
    ndarray of float
        One per person; 0 for a person without a tie.

    References
    ----------
    Barrat, A., Barthélemy, M., Pastor-Satorras, R., & Vespignani, A. (2004). The architecture of complex
    weighted networks. PNAS 101(11), 3747-3752.
    Shewchuk, J. R. (1997). Adaptive precision floating-point arithmetic and fast robust geometric predicates.
    Discrete & Computational Geometry 18(3), 305-363.

    Examples
    --------
    >>> w = np.array([0.1, 0.2, 0.3])
    >>> strengths(np.array([0, 0, 0]), np.array([1, 2, 3]), w, 4).tolist()
    [0.6, 0.1, 0.2, 0.3]
    >>> np.bincount([0, 0, 0], weights=w).tolist()  # plain addition
    [0.6000000000000001]
    """
    ends = np.concatenate([np.asarray(a, np.int64), np.asarray(b, np.int64)])
    values = np.concatenate([weight, weight]).astype(float)
    if not len(values) or (np.all(values == np.floor(values)) and np.abs(values).sum() < 2.0 ** 53):
        return np.bincount(ends, weights=values, minlength=n).astype(float)
    key, order = stable_sort(ends.copy())
    starts, sizes = runs(key)
    ordered = values[order].tolist()
    out = np.zeros(n)
    out[key[starts]] = [math.fsum(ordered[s:s + k]) for s, k in zip(starts.tolist(), sizes.tolist(), strict=True)]
    return out
