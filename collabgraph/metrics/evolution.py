"""Cluster evolution: communities of consecutive windows matched by member overlap, each step labelled.

Communities of consecutive windows are matched by Jaccard overlap of their members
``|A ∩ B| / |A ∪ B|`` when it is at least ``threshold`` (Greene, Doyle & Cunningham 2010). A
community without a match in the next window *dies*, one without a match in the previous window is
*born*, two or more communities matching one later community *merge*, one community matching two or
more later ones *splits*; a one-to-one match *continues* when the size changed by at most
``size_tolerance`` (relative), and otherwise *grows* or *shrinks*. The communities per window come from
:func:`~collabgraph.metrics.windows.window_metrics`; :func:`~collabgraph.metrics.timeline.timeline`
runs this over its windows.

References
----------
Greene, D., Doyle, D. & Cunningham, P. (2010). Tracking the evolution of communities in dynamic
social networks. *Proc. ASONAM 2010*, 176–183.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from collabgraph.params import Interval, validate_params

__all__ = ["EVENTS", "cluster_evolution"]

#: Cluster evolution labels.
EVENTS = ("continue", "grow", "shrink", "merge", "split", "birth", "death")


@validate_params({"threshold": [Interval(float, 0, 1, closed="right")], "size_tolerance": [Interval(float, 0, None)]})
def cluster_evolution(memberships: list[pd.Series], *, labels: list[str] | None = None,
                      threshold: float = 0.3, size_tolerance: float = 0.1) -> pd.DataFrame:
    """Match communities of consecutive windows by Jaccard overlap and label each step.

    Parameters
    ----------
    memberships : list of Series
        Per window, community id per person id (people outside any community left out).
    labels : list of str, optional
        Window labels (default ``0, 1, ...``).
    threshold : float
        Smallest Jaccard overlap that counts as a match (0 < threshold <= 1).
    size_tolerance : float
        A one-to-one match *continues* when ``|size_after / size_before - 1| <= size_tolerance``.

    Returns
    -------
    DataFrame
        ``window`` (the later window of the step; the first window's communities are births),
        ``event`` (one of :data:`EVENTS`), ``before`` and ``after`` (lists of community ids),
        ``size_before``, ``size_after`` (summed members) and ``jaccard`` (of the match; the largest
        for merges and splits; NaN for births and deaths).

    Notes
    -----
    Definitions in the module docstring (after Greene, Doyle & Cunningham 2010). Overlaps come from
    one cross-tabulation of the two memberships per step; no loop over people.

    Examples
    --------
    >>> m0 = pd.Series([0, 0, 0, 1, 1, 1], index=list("abcdef"))
    >>> m1 = pd.Series([0, 0, 0, 0, 0, 0, 1, 1, 1], index=list("abcdefxyz"))
    >>> cluster_evolution([m0, m1], labels=["2020", "2021"])[["window", "event", "before", "after"]].values.tolist()
    [['2020', 'birth', [], [0]], ['2020', 'birth', [], [1]], ['2021', 'merge', [0, 1], [0]], ['2021', 'birth', [], [1]]]
    """
    labels = [str(i) for i in range(len(memberships))] if labels is None else list(labels)
    rows = []
    empty = pd.Series(dtype="int64")
    for i, (label, after) in enumerate(zip(labels, memberships, strict=True)):
        before = memberships[i - 1] if i else empty
        rows += _step(label, before, after, threshold, size_tolerance)
    columns = ["window", "event", "before", "after", "size_before", "size_after", "jaccard"]
    return pd.DataFrame(rows, columns=columns)


def _step(label, before: pd.Series, after: pd.Series, threshold: float, tolerance: float) -> list:
    ids_b, count_b = np.unique(before.to_numpy(np.int64), return_counts=True)
    ids_a, count_a = np.unique(after.to_numpy(np.int64), return_counts=True)
    at = after.index.get_indexer(before.index)  # each person of ``before`` in ``after`` (-1: not there)
    both = np.stack([before.to_numpy(np.int64)[at >= 0], after.to_numpy(np.int64)[at[at >= 0]]])
    (b_all, a_all), shared = np.unique(both, axis=1, return_counts=True)  # sorted by b, then a
    jaccard = shared / (count_b[np.searchsorted(ids_b, b_all)] + count_a[np.searchsorted(ids_a, a_all)] - shared)
    match = jaccard >= threshold
    succ, pred, best_b, best_a = {}, {}, {}, {}  # plain dicts: per-row pandas lookups took 1 ms each
    for b, a, jac in zip(b_all[match].tolist(), a_all[match].tolist(), jaccard[match].tolist(), strict=True):
        succ.setdefault(int(b), []).append(int(a))
        pred.setdefault(int(a), []).append(int(b))
        best_b[int(b)] = max(best_b.get(int(b), jac), jac)
        best_a[int(a)] = max(best_a.get(int(a), jac), jac)
    size_b = dict(zip(ids_b.tolist(), count_b.tolist(), strict=True))
    size_a = dict(zip(ids_a.tolist(), count_a.tolist(), strict=True))
    rows = []

    def row(event, bs, as_, jac):
        rows.append((label, event, bs, as_, sum(size_b[b] for b in bs), sum(size_a[a] for a in as_), float(jac)))

    for b in sorted(size_b):
        if b not in succ:
            row("death", [b], [], np.nan)
        elif len(succ[b]) > 1:
            row("split", [b], succ[b], best_b[b])
    for a in sorted(size_a):
        if a not in pred:
            row("birth", [], [a], np.nan)
        elif len(pred[a]) > 1:
            row("merge", pred[a], [a], best_a[a])
        elif len(succ[pred[a][0]]) == 1:
            b = pred[a][0]
            ratio = size_a[a] / size_b[b] - 1
            event = "continue" if abs(ratio) <= tolerance + 1e-12 else "grow" if ratio > 0 else "shrink"
            row(event, [b], [a], best_a[a])
    return sorted(rows, key=lambda r: (EVENTS.index(r[1]), r[2], r[3]))
