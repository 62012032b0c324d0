"""Change over time: time series per window, tie and member churn, durability, period comparison, cluster evolution.

Time is a filter on records (DESIGN.md): a window is a :class:`~collabgraph.dataset.Dataset` restricted
to a period (:meth:`Dataset.windows <collabgraph.dataset.Dataset.windows>`), and every number here is
an existing metric applied to that window's tie table. This module slices and collects; it does not
define a new network measure. The people table is never cut, so a person has the same position
(``u``/``v`` in the tie table) in every window and windows can be compared pair by pair.

Per window
----------
partial
    True when the data's period (first to last dated record, :meth:`Dataset.period
    <collabgraph.dataset.Dataset.period>`) does not cover the whole window: it starts before the
    first record's day or ends after the last one's (a last quarter when the data end on 28 August).
    Its counts are those of the days covered, so they are not comparable with full windows. Wave
    windows are never partial.
people_active
    Distinct people with at least one tie in the window.
people_present
    People whose membership (``joined``/``left``) overlaps the window, plus everyone active in it
    (everyone, when the people table has no dates and for wave windows).
ties
    Distinct pairs (ordered pairs when directed) with an interaction or a shared event in the window.
density
    :func:`~collabgraph.metrics.structure.density` of ``ties`` over the people present.
components
    Connected components (weak when directed) among the people present, isolates counting as
    components of one (:func:`~collabgraph.metrics.structure.component_labels`).
isolated
    Members of a learning network (every person when the data have no learning networks) present in
    the window without any tie in it: the ``isolate`` of :mod:`~collabgraph.metrics.isolation` and
    of :func:`~collabgraph.metrics.structure.summary`, within the window.
cross_share, ei_index, ei_expected
    :func:`~collabgraph.metrics.mixing.ei_index` by the attribute ``by`` (distinct ties):
    ``cross_share = E / (E + I)``, the share of ties between people of different groups.
modularity, communities, iterations
    Leiden communities (:func:`~collabgraph.metrics.communities.communities`, seeded) and their
    modularity; ``communities`` counts those with at least ``min_size`` members; ``iterations`` the
    Leiden passes run (``-1``: until stable, the default up to 10,000 people and 50,000 ties; 2
    above; None for Louvain and label propagation).
between_network_ties
    Ties with one end in a learning network X and not in Y and the other in Y and not in X, counted
    once per such pair of networks, as in :func:`~collabgraph.graph.network_graph` (the ``ties`` of
    its edges, summed); ties of a member of both X and Y are not ties between X and Y.

Churn (each window against the one before; the first window is compared with nothing)
--------------------------------------------------------------------------------------
new_ties, repeated_ties, dropped_ties
    Pairs in this window and not in the previous one; in both; in the previous one only.
first_ties
    Pairs never seen in an earlier window.
retained, newcomers, returning, leavers
    Active people who were active in the previous window too; active for the first time; active
    again after at least one window without a tie; active in the previous window but not in this
    one. ``people_active = retained + newcomers + returning``.

Durability
----------
Of the ties formed by records before ``programme_end`` (the date itself excluded), the share with at
least one record on or after it ("doorwerking"): ``active_after / formed``; also for ties within
and across the groups of ``by``.

Cluster evolution
-----------------
Communities of consecutive windows are matched by Jaccard overlap of their members
``|A ∩ B| / |A ∪ B|`` when it is at least ``threshold`` (Greene, Doyle & Cunningham 2010). A
community without a match in the next window *dies*, one without a match in the previous window is
*born*, two or more communities matching one later community *merge*, one community matching two or
more later ones *splits*; a one-to-one match *continues* when the size changed by at most
``size_tolerance`` (relative), and otherwise *grows* or *shrinks*.

Comparison of two periods
-------------------------
Every per-window metric for each period, their difference, and:

- for ``cross_share`` a **bootstrap interval over people**: people (with a value of ``by`` and a tie
  in either period) are resampled with replacement; a resample's share is the sum of its people's
  cross-group tie ends over the sum of their tie ends in each period (each tie counted from both
  ends, so the full sample gives exactly ``cross_share``). Resampling people, not ties, keeps the
  dependence between the ties of one person; the percentile interval of the difference is reported.
- for ``ei_index`` a **permutation test of the difference**: the null hypothesis is that the
  period a tie belongs to is unrelated to whether it crosses a group boundary. The people and their
  attributes are the same in both periods, so shuffling the attribute (the test of
  :func:`~collabgraph.metrics.mixing.ei_index`) would test each period against random mixing, not
  the change. Instead the ties of both periods are pooled (a pair present in both counts in both)
  and the period labels shuffled, keeping the number of ties per period. The number of cross ties
  falling in the *after* period is then hypergeometric, so each shuffle is one hypergeometric draw
  (identical in distribution to shuffling the labels, and vectorised). The two-sided p-value is
  ``(1 + #{|d*| >= |d|}) / (1 + R)`` (Phipson & Smyth 2010). Ties of one person are not
  independent, which this test ignores; the bootstrap over people does not.

Attribution of the change in cross share
-----------------------------------------
With ``T_b``/``T_a`` the ties with both groups known before/after and ``x`` = 1 for a cross tie
(0 within one group), every tie after contributes ``x / T_a`` and every tie before ``-x / T_b``:
the cross share is the sum of its cross ties' shares, so these add up to ``S_a - S_b`` exactly and a
within-group tie contributes nothing. A part's contribution is the change in the share of all ties
that are its cross ties: ``C_a / T_a - C_b / T_b``. A tie's contribution is split half to each of its
people and equally over its learning networks (ties without one go to ``(no network)``), so the
contributions of people, of groups (sum over their people), of learning networks, of pairs of
different groups and of tie status (new: after only; continued: in both; dropped: before only) each
add up to the change; the new ties' part is also split by pair of groups (``new_tie_pair``).
Pairs within one group are not listed: they are never a source of cross-group change. The change in
E-I is twice the change in cross share, so ``ei_contribution = 2 * contribution``.

References
----------
Greene, D., Doyle, D. & Cunningham, P. (2010). Tracking the evolution of communities in dynamic
social networks. *Proc. ASONAM 2010*, 176–183.
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises. *Social
Psychology Quarterly* 51(2): 123–140.
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13 (percentile interval).
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
Applications in Genetics and Molecular Biology* 9(1): 39.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from collabgraph.dataset import FREQS, Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import coattendance_pairs
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.communities import communities as find_communities
from collabgraph.metrics.mixing import ei_index, group_codes
from collabgraph.metrics.structure import component_labels, density
from collabgraph.tietable import end_codes, pair_keys, sorted_unique

__all__ = [
    "EVENTS",
    "RECORDS",
    "Comparison",
    "Durability",
    "Period",
    "Timeline",
    "cluster_evolution",
    "compare",
    "durability",
    "parse_period",
    "period_dataset",
    "tie_windows",
    "timeline",
    "window_metrics",
    "window_ties",
]

#: Cluster evolution labels.
EVENTS = ("continue", "grow", "shrink", "merge", "split", "birth", "death")

#: Which records make ties: both, direct interactions only, or shared events only.
RECORDS = ("all", "interactions", "attendance")

#: Metrics compared by :func:`compare`, in the order they are listed.
COMPARED = ("records", "people_active", "ties", "density", "components", "isolated", "cross_share",
            "ei_index", "modularity", "between_network_ties")


def _present(people: pd.DataFrame, start, end) -> np.ndarray:
    """People whose membership overlaps ``[start, end)`` (all when undated)."""
    keep = np.ones(len(people), dtype=bool)
    if start is not None and "left" in people:
        keep &= ~(people["left"] < start).fillna(False).to_numpy(bool)
    if end is not None and "joined" in people:
        keep &= ~(people["joined"] >= end).fillna(False).to_numpy(bool)
    return keep


def _members(dataset: Dataset) -> np.ndarray:
    """Members of a learning network (everyone when there are no memberships)."""
    n = len(dataset.people)
    if dataset.memberships.empty:
        return np.ones(n, dtype=bool)
    codes = dataset.codes(pd.Index(dataset.memberships["person"].unique()))
    return np.bincount(codes[codes >= 0], minlength=n) > 0


def _active(n: int, t: pd.DataFrame) -> np.ndarray:
    """People with at least one tie."""
    ends = np.concatenate([t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)])
    return np.bincount(ends, minlength=n) > 0


def _network_lists(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, int]:
    """Every person's learning networks as integer lists: ``starts`` (n + 1 offsets), ``networks`` and their count."""
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    person = dataset.codes(m["person"])
    network, names = pd.factorize(m["network"])
    keep = person >= 0
    person, network = person[keep], network[keep].astype(np.int64)
    order = np.argsort(person, kind="stable")
    counts = np.bincount(person, minlength=len(dataset.people))
    return np.concatenate([[0], np.cumsum(counts)]), network[order], len(names)


def _between_network_ties(t: pd.DataFrame, lists: tuple[np.ndarray, np.ndarray, int]) -> int:
    """Ties with one end in X and not Y, the other in Y and not X, once per such pair of networks.

    The sum of the ``ties`` of :func:`~collabgraph.graph.network_graph`'s edges, without building the graph:
    every tie is expanded to (network X of ``u``, network Y of ``v``) pairs, kept when ``u`` is not in Y
    and ``v`` not in X (so each kept pair arises once per tie).
    """
    starts, networks, k = lists
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
    nu, nv = starts[u + 1] - starts[u], starts[v + 1] - starts[v]
    per_tie = nu * nv
    if per_tie.sum() == 0:
        return 0
    tie = np.repeat(np.arange(len(u)), per_tie)
    within = np.arange(len(tie)) - np.repeat(np.cumsum(per_tie) - per_tie, per_tie)
    a = networks[starts[u][tie] + within // nv[tie]]
    b = networks[starts[v][tie] + within % nv[tie]]
    member = np.repeat(np.arange(len(starts) - 1), np.diff(starts)) * k + networks
    apart = ~np.isin(u[tie] * k + b, member) & ~np.isin(v[tie] * k + a, member)  # u in X, so Y != X
    return int(apart.sum())


def window_metrics(dataset: Dataset, tie_table: pd.DataFrame | None = None, *, by: str | None = "domain",
                   start=None, end=None, seed: int = 0, clusters: bool = True, method: str = "leiden",
                   min_size: int = 3, iterations: int | None = None) -> tuple[dict, pd.Series | None]:
    """The headline metrics of one window (definitions in the module docstring).

    Parameters
    ----------
    dataset : Dataset
        The window (records restricted to it, people table whole).
    tie_table : DataFrame, optional
        Its tie table; built when omitted.
    by : str or None
        Attribute for ``cross_share`` and ``ei_index`` (None: leave them out).
    start, end : Timestamp, optional
        The window's bounds (``end`` exclusive), to decide who is present.
    seed : int
        Seed of the community detection.
    clusters : bool
        Find communities (``modularity``, ``communities`` and the returned membership).
    method : {"leiden", "louvain", "lpa"}
        Community detection method (:func:`~collabgraph.metrics.communities.communities`).
    min_size : int
        Smallest community counted and returned.
    iterations : int or None
        Leiden passes (:func:`~collabgraph.metrics.communities.communities`; None: until stable up to
        10,000 people and 50,000 ties, 2 passes above).

    Returns
    -------
    dict, Series or None
        The metrics, and the community of every person in a community of at least ``min_size``
        (None when ``clusters`` is false).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcde"), "domain": ["zorg", "zorg", "welzijn", "welzijn", None]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "c"], "target": ["b", "c", "d"]})
    >>> m, _ = window_metrics(from_frames(people=people, interactions=inter), clusters=False)
    >>> m["people_active"], m["ties"], m["components"], m["isolated"], round(m["cross_share"], 3)
    (4, 3, 2, 1, 0.333)
    """
    t = make_ties(dataset) if tie_table is None else tie_table
    return _window_metrics(dataset, t, _Shared.of(dataset), by=by, start=start, end=end, seed=seed,
                           clusters=clusters, method=method, min_size=min_size, iterations=iterations)


@dataclass(frozen=True)
class _Shared:
    """What every window of one dataset shares (its people and memberships), computed once."""

    members: np.ndarray
    networks: tuple | None

    @classmethod
    def of(cls, dataset: Dataset) -> _Shared:
        return cls(members=_members(dataset),
                   networks=_network_lists(dataset) if len(dataset.memberships) else None)


def _window_metrics(dataset: Dataset, t: pd.DataFrame, shared: _Shared, *, by, start, end, seed, clusters,
                    method, min_size, iterations) -> tuple[dict, pd.Series | None]:
    people = dataset.people
    n = len(people)
    active = _active(n, t)
    present = _present(people, start, end) | active
    labels = component_labels(n, t)
    out = {"records": len(dataset.interactions), "events": len(dataset.events),
           "people_active": int(active.sum()), "people_present": int(present.sum()), "ties": len(t),
           "density": density(int(present.sum()), len(t), dataset.directed),
           "components": int(np.count_nonzero(np.bincount(labels[present]))) if n else 0,
           "isolated": int((shared.members & present & ~active).sum())}
    if by is not None:
        ei = ei_index(t, people, by, directed=dataset.directed, persons=False)
        out.update(cross_share=ei.share_external, ei_index=ei.ei_index, ei_expected=ei.ei_expected)
    membership = None
    if clusters:
        found = find_communities(t, people, method=method, seed=seed, directed=dataset.directed,
                                 iterations=iterations)
        sizes = found.membership.map(found.membership.value_counts())
        membership = found.membership[(sizes >= min_size) & active]
        out.update(modularity=found.modularity, communities=int(membership.nunique()), iterations=found.iterations)
    out["between_network_ties"] = _between_network_ties(t, shared.networks) if shared.networks else 0
    return out, membership


def window_ties(dataset: Dataset, records: str = "all") -> pd.DataFrame:
    """The tie table of a window from all records, direct interactions only, or shared events only.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> len(window_ties(ds, "interactions")) < len(window_ties(ds))
    True
    """
    if records not in RECORDS:
        raise ParameterError(f"records must be one of {', '.join(RECORDS)}; got {records!r}.")
    return make_ties(dataset, interactions=records != "attendance", attendance=records != "interactions")


def tie_windows(dataset: Dataset, freq: str = "quarter", tie_table: pd.DataFrame | None = None,
                records: str = "all") -> pd.DataFrame:
    """The windows in which each tie has a record: an interaction or a shared event dated in it.

    The windows are those of ``dataset.windows(freq)`` (mode ``fixed``), so a tie has a row for window
    ``i`` exactly when it is among the ``ties`` of window ``i`` of :func:`timeline`. The report's map
    filters ties by these windows and the GEXF export turns them into spells.

    Parameters
    ----------
    dataset : Dataset
    freq : {"day", "week", "month", "quarter", "year"}
        Window length.
    tie_table : DataFrame, optional
        The tie table whose rows are meant (built from ``records`` when omitted).
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`window_ties`).

    Returns
    -------
    DataFrame
        ``tie`` (row position in ``tie_table``), ``window`` (window number, from 0) and the window's
        ``start`` and ``end`` (exclusive), one row per tie and window with a record, sorted by ``tie``
        and ``window``. Empty when the data have no dates.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> inter = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "c"],
    ...                       "date": ["2021-01-05", "2021-03-20", "2021-02-01"]})
    >>> tie_windows(from_frames(interactions=inter), "month")[["tie", "window"]].values.tolist()
    [[0, 0], [0, 2], [1, 1]]
    """
    if records not in RECORDS:
        raise ParameterError(f"records must be one of {', '.join(RECORDS)}; got {records!r}.")
    if freq not in FREQS or FREQS[freq] is None:
        raise ParameterError(f"freq must be one of {', '.join(f for f in FREQS if FREQS[f])}; got {freq!r}.")
    t = window_ties(dataset, records) if tie_table is None else tie_table
    columns = {"tie": np.zeros(0, np.int64), "window": np.zeros(0, np.int64),
               "start": np.zeros(0, "datetime64[ns]"), "end": np.zeros(0, "datetime64[ns]")}
    lo, hi = dataset.period()
    if lo is None or not len(t):
        return pd.DataFrame(columns)
    periods = pd.period_range(lo, hi, freq=FREQS[freq])
    starts, ends = periods.start_time.to_numpy(), (periods + 1).start_time.to_numpy()
    n, directed = len(dataset.people), dataset.directed
    keys, dates = [], []
    if records != "attendance" and len(dataset.interactions):
        rec = dataset.interactions
        keys.append(pair_keys(*end_codes(dataset, rec["source"], rec["target"]), n, directed))
        dates.append(rec["date"].to_numpy("datetime64[ns]"))
    if records != "interactions" and len(dataset.attendance):
        co = coattendance_pairs(dataset)
        u, v, day = co["u"].to_numpy(np.int64), co["v"].to_numpy(np.int64), co["date"].to_numpy("datetime64[ns]")
        keys += [pair_keys(u, v, n, directed)] + ([pair_keys(v, u, n, True)] if directed else [])
        dates += [day] * (2 if directed else 1)  # directed: an arc each way, as in ties()
    key, day = (np.concatenate(x) if x else np.zeros(0, np.int64) for x in (keys, dates))
    window = np.searchsorted(starts, day, side="right") - 1
    tie_keys = t["u"].to_numpy(np.int64) * max(n, 1) + t["v"].to_numpy(np.int64)
    order = np.argsort(tie_keys, kind="stable")  # already sorted when built by ties(): then a copy in order
    row = order[np.minimum(np.searchsorted(tie_keys[order], key), len(order) - 1)]  # no sorter=: 20x faster
    keep = ~np.isnat(day) & (window >= 0) & (tie_keys[row] == key)
    keep[keep] = day[keep] < ends[window[keep]]
    pairs = sorted_unique(row[keep].astype(np.int64) * len(starts) + window[keep])
    tie, window = pairs // len(starts), pairs % len(starts)
    return pd.DataFrame({"tie": tie, "window": window, "start": starts[window], "end": ends[window]})


def _keys(t: pd.DataFrame, n: int) -> np.ndarray:
    """Sorted unique integer key of every pair."""
    return sorted_unique(t["u"].to_numpy(np.int64) * max(n, 1) + t["v"].to_numpy(np.int64))


def cluster_evolution(memberships: list[pd.Series], labels: list[str] | None = None, *,
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
    >>> cluster_evolution([m0, m1], ["2020", "2021"])[["window", "event", "before", "after"]].values.tolist()
    [['2020', 'birth', [], [0]], ['2020', 'birth', [], [1]], ['2021', 'merge', [0, 1], [0]], ['2021', 'birth', [], [1]]]
    """
    if not 0 < threshold <= 1:
        raise ParameterError(f"threshold must be a number in (0, 1]; got {threshold!r}.")
    if size_tolerance < 0:
        raise ParameterError(f"size_tolerance must be a number >= 0; got {size_tolerance!r}.")
    labels = [str(i) for i in range(len(memberships))] if labels is None else list(labels)
    rows = []
    empty = pd.Series(dtype="int64")
    for i, (label, after) in enumerate(zip(labels, memberships, strict=True)):
        before = memberships[i - 1] if i else empty
        rows += _step(label, before, after, threshold, size_tolerance)
    columns = ["window", "event", "before", "after", "size_before", "size_after", "jaccard"]
    return pd.DataFrame(rows, columns=columns)


def _step(label, before: pd.Series, after: pd.Series, threshold: float, tolerance: float) -> list:
    size_b, size_a = before.value_counts(), after.value_counts()
    both = pd.DataFrame({"b": before}).join(pd.DataFrame({"a": after}), how="inner")
    overlap = both.groupby(["b", "a"]).size().rename("shared").reset_index()
    overlap["jaccard"] = overlap["shared"] / (size_b.reindex(overlap["b"]).to_numpy()
                                              + size_a.reindex(overlap["a"]).to_numpy() - overlap["shared"])
    match = overlap[overlap["jaccard"] >= threshold].sort_values(["b", "a"])  # so every pred[a] is ascending
    succ, pred, best_b, best_a = {}, {}, {}, {}  # plain dicts: per-row pandas lookups took 1 ms each
    for b, a, jac in zip(match["b"].tolist(), match["a"].tolist(), match["jaccard"].tolist(), strict=True):
        succ.setdefault(int(b), []).append(int(a))
        pred.setdefault(int(a), []).append(int(b))
        best_b[int(b)] = max(best_b.get(int(b), jac), jac)
        best_a[int(a)] = max(best_a.get(int(a), jac), jac)
    size_b = {int(k): int(v) for k, v in size_b.items()}
    size_a = {int(k): int(v) for k, v in size_a.items()}
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


@dataclass(frozen=True)
class Durability:
    """Ties formed before the end of a programme and still active after it.

    Attributes
    ----------
    programme_end : str
        ISO date; records before it form ties, records on or after it show they last.
    formed, active_after : int
        Ties formed before the date, and those of them with a record on or after it.
    share : float or None
        ``active_after / formed`` (None without ties formed).
    by : str or None
    within, across : dict
        ``formed, active_after, share`` of ties within one group of ``by`` and across groups.
    """

    programme_end: str
    formed: int
    active_after: int
    share: float | None
    by: str | None
    within: dict = field(default_factory=dict)
    across: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"programme_end": self.programme_end, "formed": self.formed, "active_after": self.active_after,
                "share": self.share, "by": self.by, "within": self.within, "across": self.across}


def _lasting(formed: np.ndarray, after: np.ndarray) -> dict:
    n, k = int(formed.sum()), int((formed & after).sum())
    return {"formed": n, "active_after": k, "share": k / n if n else None}


def durability(dataset: Dataset, programme_end, *, by: str | None = "domain", records: str = "all") -> Durability:
    """Share of the ties formed before ``programme_end`` that are still active on or after it.

    Parameters
    ----------
    dataset : Dataset
    programme_end : date-like
        End of the programme: records before this day form ties; a record on or after it shows
        the tie lasted.
    by : str or None
        Also report ties within and across groups of this attribute.
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`window_ties`).

    Returns
    -------
    Durability

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "a"], "target": ["b", "c", "c", "b"],
    ...                       "date": ["2020-01-05", "2020-02-01", "2020-03-01", "2021-02-01"]})
    >>> d = durability(from_frames(interactions=inter), "2021-01-01", by=None)
    >>> d.formed, d.active_after, round(d.share, 3)
    (3, 1, 0.333)
    """
    end = _date(programme_end, "programme_end")
    lo, hi = dataset.period()
    if lo is None:
        raise ParameterError("durability needs dated records; the dataset has no dates.")
    before, after = dataset._between(None, end), dataset._between(end, None)
    n = len(dataset.people)
    t = window_ties(before, records)
    lasted = np.isin(t["u"].to_numpy(np.int64) * max(n, 1) + t["v"].to_numpy(np.int64),
                     _keys(window_ties(after, records), n), assume_unique=True)
    formed = np.ones(len(t), dtype=bool)
    out = _lasting(formed, lasted)
    within = across = {}
    if by is not None:
        codes, _ = group_codes(dataset.people, by)
        cu, cv = codes[t["u"].to_numpy(np.int64)], codes[t["v"].to_numpy(np.int64)]
        known = (cu >= 0) & (cv >= 0)
        within, across = _lasting(known & (cu == cv), lasted), _lasting(known & (cu != cv), lasted)
    return Durability(programme_end=end.date().isoformat(), by=by, within=within, across=across, **out)


def _date(value, name: str) -> pd.Timestamp:
    try:
        out = pd.Timestamp(value)
    except (ValueError, TypeError):
        out = None
    if out is None or pd.isna(out):
        raise ParameterError(f"{name} must be a date like 2021-12-31; got {value!r}.")
    return out.normalize()


@dataclass(frozen=True)
class Timeline:
    """Headline metrics, churn and cluster evolution per window (the ``timeline`` command).

    Attributes
    ----------
    freq, mode : str
    length : int
    by : str or None
    records : str
        Which records made ties (:func:`window_ties`).
    windows : DataFrame
        One row per window: ``label, start, end`` (ISO dates, ``end`` exclusive; None for waves),
        ``partial``, then the metrics and churn counts of the module docstring.
    evolution : DataFrame or None
        :func:`cluster_evolution` of the windows' communities (None without communities).
    durability : Durability or None
    """

    freq: str
    mode: str
    length: int
    by: str | None
    records: str
    windows: pd.DataFrame
    evolution: pd.DataFrame | None = None
    durability: Durability | None = None

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph timeline``."""
        def records(frame):
            return frame.astype(object).where(frame.notna(), None).to_dict("records")
        out = {"freq": self.freq, "mode": self.mode, "length": self.length, "by": self.by,
               "records": self.records, "windows": records(self.windows)}
        if self.evolution is not None:
            out["evolution"] = records(self.evolution)
        if self.durability is not None:
            out["durability"] = self.durability.to_dict()
        return out


def timeline(dataset: Dataset, freq: str = "quarter", mode: str = "fixed", length: int = 1, *,
             by: str | None = "domain", seed: int = 0, clusters: bool = True, method: str = "leiden",
             min_size: int = 3, threshold: float = 0.3, programme_end=None, records: str = "all",
             iterations: int | None = None) -> Timeline:
    """Headline metrics, tie and member churn and cluster evolution per window.

    Parameters
    ----------
    dataset : Dataset
    freq, mode, length
        Passed to :meth:`Dataset.windows <collabgraph.dataset.Dataset.windows>`: ``freq`` one of
        day, week, month, quarter, year, wave; ``mode`` fixed, cumulative or sliding (``length``
        steps per sliding window). Empty windows are included, with zeros.
    by : str or None
        Attribute for ``cross_share`` and ``ei_index``.
    seed : int
        Seed of the community detection in every window.
    clusters : bool
        Find communities per window (``modularity``, ``communities``, ``evolution``).
    method : {"leiden", "louvain", "lpa"}
        Community detection method.
    min_size, threshold
        Smallest community tracked, and the Jaccard overlap that matches two communities
        (:func:`cluster_evolution`).
    programme_end : date-like, optional
        Add :func:`durability` for this date.
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`window_ties`).
    iterations : int or None
        Leiden passes per window (:func:`~collabgraph.metrics.communities.communities`; None: until
        stable up to 10,000 people and 50,000 ties, 2 passes above); each window's are in its ``iterations``.

    Returns
    -------
    Timeline

    Notes
    -----
    The windows slice the records sorted once by date (``searchsorted``); each window's tie table is
    built once and every metric reads it. Definitions are in the module docstring.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> tl = timeline(load_example(), "year", clusters=False)
    >>> tl.windows[["label", "start", "end"]].values.tolist()
    [['2020', '2020-01-01', '2021-01-01'], ['2021', '2021-01-01', '2022-01-01']]
    >>> bool(tl.windows["cross_share"].is_monotonic_increasing)  # the planted growth
    True
    """
    wins = dataset.windows(freq, mode, length)
    n = len(dataset.people)
    rows, memberships = [], []
    prev_keys = np.zeros(0, np.int64)
    seen = np.zeros(0, np.int64)
    prev_active = np.zeros(n, dtype=bool)
    ever = np.zeros(n, dtype=bool)
    shared = _Shared.of(dataset)
    first_day, last_day = dataset.period() if freq != "wave" else (None, None)
    for w in wins:
        t = window_ties(w.dataset, records)
        metrics, membership = _window_metrics(w.dataset, t, shared, by=by, start=w.start, end=w.end, seed=seed,
                                              clusters=clusters, method=method, min_size=min_size,
                                              iterations=iterations)
        keys = _keys(t, n)
        active = _active(n, t)
        repeated = int(np.isin(keys, prev_keys, assume_unique=True).sum())
        churn = {"new_ties": len(keys) - repeated, "repeated_ties": repeated,
                 "dropped_ties": len(prev_keys) - repeated,
                 "first_ties": int((~np.isin(keys, seen, assume_unique=True)).sum()),
                 "retained": int((active & prev_active).sum()), "newcomers": int((active & ~ever).sum()),
                 "returning": int((active & ever & ~prev_active).sum()),
                 "leavers": int((prev_active & ~active).sum())}
        partial = first_day is not None and bool(w.start < first_day.normalize()
                                                 or w.end > last_day.normalize() + pd.Timedelta(days=1))
        rows.append({"label": w.label, "start": _iso(w.start), "end": _iso(w.end), "partial": partial, **metrics,
                     **churn})
        memberships.append(membership)
        prev_keys, seen = keys, sorted_unique(np.concatenate([seen, keys]))
        prev_active, ever = active, ever | active
    evolution = (cluster_evolution(memberships, [w.label for w in wins], threshold=threshold)
                 if clusters else None)
    dur = durability(dataset, programme_end, by=by, records=records) if programme_end is not None else None
    return Timeline(freq=freq, mode=mode, length=length, by=by, records=records, windows=pd.DataFrame(rows),
                    evolution=evolution, durability=dur)


def _iso(day) -> str | None:
    return None if day is None else day.date().isoformat()


@dataclass(frozen=True)
class Period:
    """A period to compare: a date range (``end`` inclusive) or wave labels; ``partial`` when the data's
    period (first to last dated record) does not cover all of it (as a ``timeline`` window's ``partial``)."""

    label: str
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    waves: tuple[str, ...] | None = None
    partial: bool = False

    def to_dict(self) -> dict:
        return {"label": self.label, "start": _iso(self.start), "end": _iso(self.end),
                "waves": None if self.waves is None else list(self.waves), "partial": self.partial}


_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")


def parse_period(dataset: Dataset, text: str) -> Period:
    """Read a period: a year ``2021``, a quarter ``2021Q3``, a range ``2020-01-01..2020-06-30`` or a wave.

    Dates win over waves when the dataset is dated (a wave labelled ``2021`` in dated data is read
    as the year 2021); in undated data a wave label is a wave. A dated period is ``partial`` when it
    starts before the day of the first dated record or ends after the day of the last.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> parse_period(ds, "2021Q3").to_dict()
    {'label': '2021Q3', 'start': '2021-07-01', 'end': '2021-09-30', 'waves': None, 'partial': False}
    >>> parse_period(ds, "2020-01-01..2020-06-30").end.date().isoformat()
    '2020-06-30'
    """
    text = str(text).strip()
    dated = dataset.has_dates
    waves = [str(w) for w in dataset.interactions["wave"].cat.categories] if dataset.has_waves else []
    quarter = _QUARTER.match(text)
    if dated:
        first, last = (day.normalize() for day in dataset.period())

        def dates(label: str, start: pd.Timestamp, end: pd.Timestamp) -> Period:
            return Period(label, start, end, partial=bool(start < first or end > last))
    if dated and _YEAR.match(text):
        return dates(text, pd.Timestamp(f"{text}-01-01"), pd.Timestamp(f"{text}-12-31"))
    if dated and quarter:
        q = pd.Period(f"{quarter[1]}Q{quarter[2]}", freq="Q")
        return dates(text.upper(), q.start_time.normalize(), q.end_time.normalize())
    if dated and ".." in text:
        lo, _, hi = text.partition("..")
        start, end = _date(lo, "the start of a period"), _date(hi, "the end of a period")
        if end < start:
            raise ParameterError(f"Period {text!r} ends before it starts.")
        return dates(text, start, end)
    if text in waves:
        return Period(text, waves=(text,))
    forms = "a year (2021), a quarter (2021Q3), a date range (2020-01-01..2020-06-30)" if dated else ""
    known = f"a wave label ({', '.join(waves)})" if waves else ""
    raise ParameterError(f"Unknown period {text!r}; use {' or '.join(x for x in (forms, known) if x)}."
                         if forms or known else "The dataset has neither dates nor waves to compare.")


def period_dataset(dataset: Dataset, period: Period) -> Dataset:
    """The records of a period, with the whole people table (so tie positions agree across periods).

    A wave period keeps the interactions of that wave only; events have no wave and are left out,
    as in ``Dataset.windows("wave")``.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> sub = period_dataset(ds, parse_period(ds, "2021"))
    >>> len(sub.people) == len(ds.people), str(sub.interactions["date"].min().year)
    (True, '2021')
    """
    if period.waves is not None:  # events carry no wave: as in Dataset.windows("wave"), they are left out
        sub = dataset.filter(waves=list(period.waves))
        return replace(sub, events=sub.events.iloc[0:0], attendance=sub.attendance.iloc[0:0])
    return dataset._between(period.start.normalize(), period.end.normalize() + pd.Timedelta(days=1))


@dataclass(frozen=True)
class Comparison:
    """Two periods compared (the ``compare`` command); methods in the module docstring.

    Attributes
    ----------
    before, after : Period
    by : str
    records : str
        Which records made ties (:func:`window_ties`).
    metrics : DataFrame
        Index: metric; columns ``before, after, difference``.
    cross_interval, ei_interval : tuple of float or None
        Bootstrap percentile interval of the difference in cross share and in E-I.
    ei_p_value : float or None
        Permutation p-value of the difference in E-I.
    level : float
    permutations, bootstraps, seed : int
    attribution : DataFrame
        ``level`` (tie_status, network, group, group_pair, new_tie_pair, person), ``name``, ``group``,
        ``ties_before, cross_before, ties_after, cross_after, contribution, ei_contribution``; the
        rows of a level add up to the change in cross share (``new_tie_pair``: to the part of the
        new ties).
    people_resampled : int
        People in the bootstrap (a value of ``by`` and a tie in either period).
    """

    before: Period
    after: Period
    by: str
    records: str
    metrics: pd.DataFrame
    cross_interval: tuple | None
    ei_interval: tuple | None
    ei_p_value: float | None
    level: float
    permutations: int
    bootstraps: int
    seed: int
    attribution: pd.DataFrame = field(repr=False)
    people_resampled: int = 0

    def top(self, level: str, k: int = 10) -> pd.DataFrame:
        """The ``k`` rows of one attribution level that moved the cross share most.

        When the share changed, these are the rows that pushed it in the direction of the change,
        largest first; rows that pushed the other way or not at all (people with within-group ties
        only) are left out, except for the tie statuses, which are all listed. When it did not change
        (or cannot be compared), there is no direction: the rows are ordered by absolute size, both
        signs, and only rows of zero are left out (of the tie statuses, none).

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> c = compare(load_example(), "2020", "2021", permutations=0, bootstraps=0, clusters=False)
        >>> bool((c.top("group", 3)["contribution"] > 0).all())
        True
        """
        rows, size = self._ordered(level)
        if level != "tie_status":
            rows = rows[size > 0]
        return rows.head(k)

    def _ordered(self, level: str) -> tuple[pd.DataFrame, pd.Series]:
        """Every row of one level, largest push in the direction of the change first (no change or an
        unknown one: largest in absolute size first), and that push (contribution times the sign, or
        its absolute value)."""
        rows = self.attribution[self.attribution["level"] == level]
        diff = self.metrics.loc["cross_share", "difference"] if "cross_share" in self.metrics.index else None
        sign = 0.0 if diff is None or pd.isna(diff) else float(np.sign(diff))
        size = rows["contribution"] * sign if sign else rows["contribution"].abs()
        order = size.sort_values(ascending=False, kind="stable").index
        return rows.loc[order], size.loc[order]

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph compare``; ``attribution`` holds every row of every level (each level
        adds up to the change), per level in the order of :meth:`top`, the rows it leaves out last."""
        def value(x):
            return None if x is None or pd.isna(x) else x
        change = {}
        for metric, row in self.metrics.iterrows():
            entry = {"before": value(row["before"]), "after": value(row["after"]),
                     "difference": value(row["difference"])}
            if metric == "cross_share":
                entry["interval"] = None if self.cross_interval is None else list(self.cross_interval)
            if metric == "ei_index":
                entry["p_value"] = self.ei_p_value
                entry["interval"] = None if self.ei_interval is None else list(self.ei_interval)
            change[metric] = entry
        levels = ["tie_status", "network", "group", "group_pair", "new_tie_pair", "person"]
        rows = pd.concat([self._ordered(lv)[0] for lv in levels])
        attribution = rows.astype(object).where(rows.notna(), None).to_dict("records")
        return {"by": self.by, "records": self.records,
                "before": {"period": self.before.to_dict(), **_side(change, "before")},
                "after": {"period": self.after.to_dict(), **_side(change, "after")},
                "change": change, "attribution": attribution,
                "uncertainty": {"level": self.level, "permutations": self.permutations,
                                "bootstraps": self.bootstraps, "seed": self.seed,
                                "people_resampled": self.people_resampled}}


def _side(change: dict, side: str) -> dict:
    """One side (``before`` or ``after``) of a ``change`` mapping, as ``{metric: value}``."""
    return {metric: entry[side] for metric, entry in change.items()}


def _check_count(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ParameterError(f"{name} must be a whole number >= 0; got {value!r}.")


def compare(dataset: Dataset, before, after, *, by: str = "domain", permutations: int = 1000,
            bootstraps: int = 1000, level: float = 0.95, seed: int = 0, clusters: bool = True,
            records: str = "all", iterations: int | None = None) -> Comparison:
    """Compare two periods or waves: every headline metric, its change, uncertainty and attribution.

    Parameters
    ----------
    dataset : Dataset
    before, after : str or Period
        Periods as :func:`parse_period` reads them (``2020``, ``2021Q3``,
        ``2020-01-01..2020-06-30``, a wave label).
    by : str
        Attribute whose boundaries define cross ties and the E-I index.
    permutations : int
        Shuffles of the period labels of the ties for the p-value of the E-I difference (0: none).
    bootstraps : int
        Resamples of people for the interval of the difference in cross share (0: none).
    level : float
        Coverage of the intervals (0 < level < 1).
    seed : int
        Seed of both; the same seed gives the same result.
    clusters : bool
        Include modularity (Leiden communities per period).
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`window_ties`). A mixed meeting credits every attendee
        equally, so to see whose own contacts changed, attribute with ``"interactions"``.
    iterations : int or None
        Leiden passes per period (:func:`~collabgraph.metrics.communities.communities`; None: until
        stable up to 10,000 people and 50,000 ties, 2 passes above).

    Returns
    -------
    Comparison

    Notes
    -----
    The uncertainty and attribution methods, and why the permutation test shuffles periods rather
    than attributes, are in the module docstring. Counts of people and ties are those of the whole
    period (the population, not a sample), so they carry no interval.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> c = compare(load_example(), "2020", "2021", permutations=200, bootstraps=200, clusters=False)
    >>> lo, hi = c.cross_interval
    >>> bool(0 < lo < c.metrics.loc["cross_share", "difference"] < hi), c.ei_p_value < 0.01
    (True, True)
    """
    _check_count("permutations", permutations)
    _check_count("bootstraps", bootstraps)
    if not 0 < level < 1:
        raise ParameterError(f"level must be a number between 0 and 1; got {level!r}.")
    periods = [p if isinstance(p, Period) else parse_period(dataset, p) for p in (before, after)]
    subsets = [period_dataset(dataset, p) for p in periods]
    tables = [window_ties(s, records) for s in subsets]
    values = []
    for p, s, t in zip(periods, subsets, tables, strict=True):
        end = None if p.end is None else p.end + pd.Timedelta(days=1)
        values.append(window_metrics(s, t, by=by, start=p.start, end=end, seed=seed, clusters=clusters,
                                     iterations=iterations)[0])
    names = [m for m in COMPARED if m in values[0]]
    metrics = pd.DataFrame({"before": [values[0][m] for m in names], "after": [values[1][m] for m in names]},
                           index=pd.Index(names, name="metric"), dtype=object)
    metrics["difference"] = [None if b is None or a is None else a - b
                             for b, a in zip(metrics["before"], metrics["after"], strict=True)]

    codes, labels = group_codes(dataset.people, by)
    sides = [_cross(t, codes) for t in tables]
    rng = np.random.default_rng(seed)
    p_value = _permutation_p(sides, permutations, rng)
    people = _person_counts(sides, len(codes))
    cross_interval = _bootstrap(people, bootstraps, level, rng)
    ei_interval = None if cross_interval is None else tuple(2 * x for x in cross_interval)
    attribution = _attribution(dataset, sides, codes, labels)
    return Comparison(before=periods[0], after=periods[1], by=by, records=records, metrics=metrics,
                      cross_interval=cross_interval, ei_interval=ei_interval, ei_p_value=p_value, level=level,
                      permutations=permutations, bootstraps=bootstraps, seed=seed, attribution=attribution,
                      people_resampled=int(((people[1] + people[3]) > 0).sum()))


def _cross(t: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    """Ties with both groups known: ``u, v, key`` and ``cross`` (1 when the groups differ), ``networks``."""
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
    known = (codes[u] >= 0) & (codes[v] >= 0)
    u, v = u[known], v[known]
    return pd.DataFrame({"u": u, "v": v, "key": u * max(len(codes), 1) + v,
                         "cross": (codes[u] != codes[v]).astype(float),
                         "networks": t["networks"].to_numpy(dtype=object)[known]})


def _permutation_p(sides: list[pd.DataFrame], permutations: int, rng) -> float | None:
    """Two-sided p-value of the difference in cross share when the period labels of ties are shuffled."""
    n_b, n_a = len(sides[0]), len(sides[1])
    if not permutations or not n_b or not n_a:
        return None
    k_b, k_a = sides[0]["cross"].sum(), sides[1]["cross"].sum()
    observed = k_a / n_a - k_b / n_b
    total = int(k_b + k_a)
    after = rng.hypergeometric(total, n_b + n_a - total, n_a, size=permutations)
    null = after / n_a - (total - after) / n_b
    hits = np.abs(null) >= abs(observed) - 1e-12
    return float((1 + hits.sum()) / (1 + permutations))


def _person_counts(sides: list[pd.DataFrame], n: int) -> list[np.ndarray]:
    """Cross tie ends and tie ends of every person before and after: ``[e_b, t_b, e_a, t_a]``."""
    out = []
    for s in sides:
        ends = np.concatenate([s["u"].to_numpy(), s["v"].to_numpy()])
        cross = np.concatenate([s["cross"].to_numpy(), s["cross"].to_numpy()])
        out += [np.bincount(ends, weights=cross, minlength=n), np.bincount(ends, minlength=n).astype(float)]
    return out


def _bootstrap(people: list[np.ndarray], bootstraps: int, level: float, rng) -> tuple | None:
    """Percentile interval of the difference in cross share, resampling people with replacement."""
    keep = (people[1] + people[3]) > 0
    counts = np.column_stack([x[keep] for x in people])  # people x [e_b, t_b, e_a, t_a]
    n = len(counts)
    if not bootstraps or n == 0 or counts[:, 1].sum() == 0 or counts[:, 3].sum() == 0:
        return None
    diffs = []
    chunk = max(1, 4_000_000 // n)
    for lo in range(0, bootstraps, chunk):
        size = min(chunk, bootstraps - lo)
        # how often each person is drawn in each resample: one flat bincount per chunk
        draws = rng.integers(0, n, size=(size, n)) + np.arange(size)[:, None] * n
        weights = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n)
        sums = weights.astype(float) @ counts  # float BLAS; the sums are whole numbers, so exact either way
        with np.errstate(invalid="ignore", divide="ignore"):
            diffs.append(sums[:, 2] / sums[:, 3] - sums[:, 0] / sums[:, 1])
    diffs = np.concatenate(diffs)
    diffs = diffs[np.isfinite(diffs)]
    alpha = (1 - level) / 2
    return float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha))


def _summary(level: str, names, key: np.ndarray, after: np.ndarray, cross: np.ndarray, c: np.ndarray,
             share: np.ndarray | None = None) -> pd.DataFrame:
    """Ties, cross ties before and after, and summed contribution per integer ``key`` (rows with ties only)."""
    share = np.ones(len(key)) if share is None else share
    k = len(names)

    def total(mask, weights):
        return np.bincount(key[mask], weights=weights[mask], minlength=k)

    out = pd.DataFrame({"level": level, "name": np.asarray(names, dtype=object).astype(str),
                        "ties_before": total(~after, share), "cross_before": total(~after, share * cross),
                        "ties_after": total(after, share), "cross_after": total(after, share * cross),
                        "contribution": np.bincount(key, weights=share * c, minlength=k)})
    return out[(out["ties_before"] + out["ties_after"]) > 0]


def _network_keys(networks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Each tie once per learning network: row index, network index, share ``1/k``, and the names.

    Only the distinct ``;``-joined values are split, not every tie.
    """
    codes, uniques = pd.factorize(pd.Series(networks, dtype=object).fillna("(no network)"))
    parts = [str(u).split(";") for u in uniques]
    names = sorted({name for part in parts for name in part})
    index = {name: i for i, name in enumerate(names)}
    flat = np.array([index[name] for part in parts for name in part], dtype=np.int64)
    sizes = np.array([len(part) for part in parts], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    per_row = sizes[codes]
    rows = np.repeat(np.arange(len(codes)), per_row)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, flat[starts[codes][rows] + within], 1.0 / per_row[rows], names


def _attribution(dataset: Dataset, sides, codes: np.ndarray, labels: list[str]) -> pd.DataFrame:
    """Contributions to the change in cross share by tie status, network, group, group pair and person."""
    before, after = sides
    n_b, n_a = len(before), len(after)
    columns = ["level", "name", "group", "ties_before", "cross_before", "ties_after", "cross_after",
               "contribution", "ei_contribution"]
    if not n_b or not n_a:
        return pd.DataFrame(columns=columns)
    kept_b = np.isin(before["key"], after["key"], assume_unique=True)
    kept_a = np.isin(after["key"], before["key"], assume_unique=True)
    is_after = np.concatenate([np.zeros(n_b, bool), np.ones(n_a, bool)])
    cross = np.concatenate([before["cross"].to_numpy(), after["cross"].to_numpy()])
    c = np.concatenate([-before["cross"].to_numpy() / n_b, after["cross"].to_numpy() / n_a])  # within ties: 0
    u = np.concatenate([before["u"].to_numpy(), after["u"].to_numpy()])
    v = np.concatenate([before["v"].to_numpy(), after["v"].to_numpy()])
    networks = np.concatenate([before["networks"].to_numpy(), after["networks"].to_numpy()])

    status_key = np.concatenate([np.where(kept_b, 1, 2), np.where(kept_a, 1, 0)])
    status = _summary("tie_status", ["new", "continued", "dropped"], status_key, is_after, cross, c)
    rows, net_key, share, names = _network_keys(networks)
    network = _summary("network", names, net_key, is_after[rows], cross[rows], c[rows], share)
    k = max(len(labels), 1)
    cu, cv = codes[u], codes[v]
    pair_codes, pair_uniques = pd.factorize(np.minimum(cu, cv) * k + np.maximum(cu, cv), sort=True)
    pair_names = [f"{labels[x // k]} – {labels[x % k]}" for x in pair_uniques]
    between = np.flatnonzero(pair_uniques // k != pair_uniques % k)  # pairs of two different groups
    pairs = _summary("group_pair", pair_names, pair_codes, is_after, cross, c)
    new = status_key == 0
    new_pairs = _summary("new_tie_pair", pair_names, pair_codes[new], is_after[new], cross[new], c[new])
    pairs, new_pairs = pairs[pairs.index.isin(between)], new_pairs[new_pairs.index.isin(between)]
    # tie ends: each person gets half of each of their ties' contribution
    ends = np.concatenate([u, v])
    twice = (np.concatenate([is_after, is_after]), np.concatenate([cross, cross]), np.concatenate([c, c]) / 2)
    groups = _summary("group", labels, codes[ends], *twice)
    person = _summary("person", dataset.people.index, ends, *twice)
    person["group"] = np.asarray(labels, dtype=object)[codes[person.index.to_numpy()]]
    out = pd.concat([status, network, groups, pairs, new_pairs, person], ignore_index=True)
    out["ei_contribution"] = 2 * out["contribution"]
    return out.reindex(columns=columns)
