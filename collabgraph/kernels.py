"""Fast paths of the tie table's group-by: a stable key sort, runs, compensated sums and date ranges.

:func:`collabgraph.graph.ties` aggregates millions of records per pair key. A pandas ``groupby(key)``
with ``sum``, ``size``, ``min`` and ``max`` gives the same numbers; these kernels give them bit for bit
(``tests/test_kernels.py`` compares the two) in a fraction of the time and memory:

1. :func:`stable_sort` sorts the keys with each record's number packed into the low bits, so one plain
   in-place sort of one int64 array gives the stable order (5-10x faster than ``argsort(kind="stable")``);
2. :func:`runs` finds where each key's run of records starts in the sorted keys, and its length;
3. :func:`group_sums` adds each run's values in record order with Kahan's compensation, as pandas'
   group-by ``sum`` does;
4. :func:`group_date_range` takes each run's first and last date, missing dates left out.

References
----------
Kahan, W. (1965). Further remarks on reducing truncation errors. Commun. ACM 8(1), 40.
"""

from __future__ import annotations

import numpy as np

__all__ = ["group_date_range", "group_sums", "runs", "stable_sort"]

_NAT = np.iinfo(np.int64).min  # NaT as int64 nanoseconds
_NEVER = np.iinfo(np.int64).max


def stable_sort(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys sorted, and the stable order that sorts them (``np.argsort(key, kind="stable")``).

    When a key and a record number fit in one int64 together (``key.max() < 2**(62 - bits)``, ``bits`` the
    bits of the largest record number), the record number goes into the low bits and that one array is
    sorted in place: equal keys then sort by record number, which is the stable order. Otherwise a stable
    ``argsort``.

    Parameters
    ----------
    key : ndarray of int64, >= 0
        Overwritten (it becomes the sorted keys) to save a copy of the largest array of the tie table.

    Returns
    -------
    sorted_key, order : ndarray of int64
        ``sorted_key == original_key[order]``.

    Examples
    --------
    >>> key, order = stable_sort(np.array([7, 3, 7, 3]))
    >>> key.tolist(), order.tolist()
    ([3, 3, 7, 7], [1, 3, 0, 2])
    """
    bits = max(int(len(key) - 1).bit_length(), 1)
    if len(key) and int(key.max()) < (1 << (62 - bits)):
        key <<= bits
        key |= np.arange(len(key), dtype=np.int64)
        key.sort()
        order = key & ((1 << bits) - 1)
        key >>= bits
        return key, order
    order = np.argsort(key, kind="stable")
    return key[order], order


def runs(sorted_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and length of each run of equal values in a sorted array (its groups, in key order).

    Examples
    --------
    >>> [x.tolist() for x in runs(np.array([3, 3, 7, 8, 8, 8]))]
    [[0, 2, 3], [2, 1, 3]]
    """
    if not len(sorted_key):
        return np.zeros(0, np.intp), np.zeros(0, np.intp)
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    return starts, np.diff(np.r_[starts, len(sorted_key)])


def group_sums(values: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Sum of each run ``values[start:start + size]``, added in order with Kahan's compensation.

    Pandas' group-by ``sum`` (its Cython ``group_sum``) adds each group's values in row order with the same
    compensation, so the sums are bit-identical to ``DataFrame.groupby(key)[...].sum()`` on the records
    (pandas 3.1 adds with plain ``np.add.reduceat`` instead when the records already come in key order,
    which may differ in the last bits). Runs of whole numbers are summed plainly when all values together
    stay below ``2**53`` (every partial sum is then exact and Kahan's compensation stays 0); the other runs
    step by step, vectorised over runs: step ``j`` adds every run's ``j``-th value (runs ordered longest
    first, so the runs still adding are a prefix).

    Parameters
    ----------
    values : ndarray of float
        Values whose sums are finite (validation bounds each weight by ``2**53``), consecutive per run.
    starts, sizes : ndarray of int
        The runs, as :func:`runs` gives them.

    Examples
    --------
    >>> values = np.array([0.1, 0.2, 0.3, 5.0])
    >>> group_sums(values, np.array([0, 3]), np.array([3, 1])).tolist()
    [0.6, 5.0]
    >>> 0.1 + 0.2 + 0.3  # plain addition rounds differently
    0.6000000000000001
    """
    out = np.add.reduceat(values, starts) if len(values) else np.zeros(0)
    fractional = np.add.reduceat((values != np.floor(values)).astype(np.int64), starts) > 0 if len(values) else out > 0
    if np.abs(values).sum() >= 2.0 ** 53:
        fractional[:] = True
    rest = np.flatnonzero(fractional)
    out[rest] = _kahan_sums(values, starts[rest], sizes[rest])
    return out


def _kahan_sums(values: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    by_size = np.argsort(-sizes, kind="stable")
    first, longest = starts[by_size], sizes[by_size]
    total = values[first].copy()
    compensation = np.zeros(len(first))
    for j in range(1, int(longest[0]) if len(longest) else 0):
        k = int(np.searchsorted(-longest, -j, side="left"))  # runs with more than j values
        y = values[first[:k] + j] - compensation[:k]
        t = total[:k] + y
        compensation[:k] = (t - total[:k]) - y
        total[:k] = t
    out = np.empty(len(first))
    out[by_size] = total
    return out


def group_date_range(dates: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and last date of each run, ``NaT`` left out (``NaT`` when a run has no date).

    As pandas' group-by ``min`` and ``max`` of a datetime column.

    Parameters
    ----------
    dates : ndarray of datetime64[ns]
        Consecutive per run; overwritten (missing dates become the largest int64) to save a copy.
    starts : ndarray of int
        Where each run starts, as :func:`runs` gives them.

    Returns
    -------
    first, last : ndarray of datetime64[ns]

    Examples
    --------
    >>> d = np.array(["2024-03-01", "NaT", "2024-01-05", "NaT"], dtype="datetime64[ns]")
    >>> first, last = group_date_range(d, np.array([0, 3]))
    >>> first.astype("datetime64[D]").astype(str).tolist(), last.astype("datetime64[D]").astype(str).tolist()
    (['2024-01-05', 'NaT'], ['2024-03-01', 'NaT'])
    """
    stamps = dates.view(np.int64)
    if not len(stamps):
        return stamps.copy().view("datetime64[ns]"), stamps.copy().view("datetime64[ns]")
    last = np.maximum.reduceat(stamps, starts)  # NaT is the smallest int64: left out unless all are NaT
    stamps[stamps == _NAT] = _NEVER
    first = np.minimum.reduceat(stamps, starts)
    first[first == _NEVER] = _NAT  # a run without any date
    return first.view("datetime64[ns]"), last.view("datetime64[ns]")
