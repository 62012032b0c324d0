"""One time window: its tie table, its headline metrics, and the windows (and runs of them) each tie has a record in.

Time is a filter on records (DESIGN.md): a window is a :class:`~collabgraph.dataset.Dataset` restricted
to a period (:meth:`Dataset.windows <collabgraph.dataset.Dataset.windows>`), and every number here is
an existing metric applied to that window's tie table. This module slices and collects; it does not
define a new network measure. The people table is never cut, so a person has the same position
(``u``/``v`` in the tie table) in every window and windows can be compared pair by pair. The series
over windows is :mod:`~collabgraph.metrics.timeline`, the before/after comparison
:mod:`~collabgraph.metrics.periods`; both read their windows with the functions here.

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
    ``cross_share = E / (E + I)``, the share of ties between people of different groups
    (Krackhardt & Stern 1988).
modularity, communities, iterations
    Leiden communities (:func:`~collabgraph.metrics.communities.communities`, seeded) and their
    modularity, every tie counted once unless ``weighted`` (then on the tie weights, as
    ``clusters --weighted``); ``communities`` counts those with at least ``min_size`` members; ``iterations`` the
    Leiden passes run (``-1``: until stable, the default up to 10,000 people and 50,000 ties; 2
    above; None for Louvain and label propagation).
between_network_ties
    Ties with one end in a learning network X and not in Y and the other in Y and not in X, counted
    once per such pair of networks (:func:`~collabgraph.graph.network_tie_pairs`, which
    :func:`~collabgraph.graph.network_graph` counts per edge as ``ties``); ties of a member of both X
    and Y are not ties between X and Y.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises. *Social
Psychology Quarterly* 51(2): 123–140.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabgraph.dataset import FREQS, Dataset
from collabgraph.graph import coattendance_pairs, network_lists, network_tie_pairs
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.communities import MIN_COMMUNITY
from collabgraph.metrics.communities import communities as find_communities
from collabgraph.metrics.mixing import ei_index_from_ties
from collabgraph.metrics.structure import component_labels, density
from collabgraph.params import Interval, Options, validate_params
from collabgraph.tietable import end_codes, lookup, pair_ends, pair_keys, sorted_unique, tie_keys

__all__ = [
    "DATED_FREQS",
    "RECORDS",
    "Members",
    "active_people",
    "present_people",
    "tie_windows",
    "window_metrics",
    "window_runs",
    "window_ties",
]

#: Which records make ties: both, direct interactions only, or shared events only.
RECORDS = ("all", "interactions", "attendance")

#: Window lengths of dated records: every ``freq`` of :meth:`Dataset.windows
#: <collabgraph.dataset.Dataset.windows>` but ``wave``.
DATED_FREQS = tuple(f for f in FREQS if FREQS[f])


def present_people(people: pd.DataFrame, start, end) -> np.ndarray:
    """People whose membership (``joined``/``left``) overlaps ``[start, end)``, by position (all when undated).

    >>> people = pd.DataFrame({"joined": pd.to_datetime(["2021-03-01", None]), "left": pd.to_datetime([None, None])})
    >>> present_people(people, pd.Timestamp("2021-01-01"), pd.Timestamp("2021-02-01")).tolist()
    [False, True]
    """
    keep = np.ones(len(people), dtype=bool)
    if start is not None and "left" in people:  # NaT (no date) compares False: present
        keep &= ~(people["left"].to_numpy() < np.datetime64(start))
    if end is not None and "joined" in people:
        keep &= ~(people["joined"].to_numpy() >= np.datetime64(end))
    return keep


def _members(dataset: Dataset) -> np.ndarray:
    """Members of a learning network (everyone when there are no memberships)."""
    n = len(dataset.people)
    if dataset.memberships.empty:
        return np.ones(n, dtype=bool)
    codes = dataset.codes(pd.Index(dataset.memberships["person"].unique()))
    return np.bincount(codes[codes >= 0], minlength=n) > 0


def active_people(tie_table: pd.DataFrame, n: int) -> np.ndarray:
    """Which of the ``n`` people have at least one tie in ``tie_table`` (a boolean array by position).

    >>> active_people(pd.DataFrame({"u": [0, 0], "v": [1, 3]}), 5).tolist()
    [True, True, False, True, False]
    """
    ends = np.concatenate([tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)])
    return np.bincount(ends, minlength=n) > 0


@dataclass(frozen=True)
class Members:
    """Who belongs to a learning network, as arrays by person position; the same for every window of one
    dataset (its people and memberships are never cut), so it is built once per dataset.

    Attributes
    ----------
    members : ndarray of bool
        Per person: a member of a learning network (everyone when the data have no memberships).
    networks : (starts, networks, names) or None
        Every person's learning networks as integer lists (:func:`~collabgraph.graph.network_lists`);
        None without memberships.
    """

    members: np.ndarray
    networks: tuple | None

    @classmethod
    def of(cls, dataset: Dataset) -> Members:
        """The members of ``dataset``'s learning networks.

        >>> from collabgraph import from_frames
        >>> people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1;n2", ""]})
        >>> inter = pd.DataFrame({"source": ["a"], "target": ["c"]})
        >>> m = Members.of(from_frames(people=people, interactions=inter))
        >>> m.members.tolist(), list(m.networks[2])
        ([True, True, False], ['n1', 'n2'])
        """
        return cls(members=_members(dataset),
                   networks=network_lists(dataset) if len(dataset.memberships) else None)


@validate_params({"min_size": [Interval(int, 1, None)]})
def window_metrics(dataset: Dataset, *, tie_table: pd.DataFrame | None = None, by: str | None = "domain",
                   start=None, end=None, seed: int = 0, clusters: bool = True, method: str = "leiden",
                   weighted: bool = False, min_size: int = MIN_COMMUNITY, iterations: int | None = None,
                   members: Members | None = None) -> tuple[dict, pd.Series | None]:
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
    weighted : bool
        Find the communities on the tie weights (True) or count every tie as 1 (False, the default, as
        everywhere else: ``--weighted/--unweighted``).
    min_size : int
        Smallest community counted and returned.
    iterations : int or None
        Leiden passes (:func:`~collabgraph.metrics.communities.communities`; None: until stable up to
        10,000 people and 50,000 ties, 2 passes above).
    members : Members, optional
        The dataset's learning-network members (:meth:`Members.of`); built when omitted. The same for
        every window of one dataset, so a loop over windows builds it once.

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
    members = Members.of(dataset) if members is None else members
    people = dataset.people
    n = len(people)
    active = active_people(t, n)
    present = present_people(people, start, end) | active
    labels = component_labels(dataset, tie_table=t)
    out = {"records": len(dataset.interactions), "events": len(dataset.events),
           "people_active": int(active.sum()), "people_present": int(present.sum()), "ties": len(t),
           "density": density(int(present.sum()), len(t), directed=dataset.directed),
           "components": int(np.count_nonzero(np.bincount(labels[present]))) if n else 0,
           "isolated": int((members.members & present & ~active).sum())}
    if by is not None:
        ei = ei_index_from_ties(t, people, by=by, directed=dataset.directed, persons=False)
        out.update(cross_share=ei.share_external, ei_index=ei.ei_index, ei_expected=ei.ei_expected)
    membership = None
    if clusters:
        found = find_communities(dataset, tie_table=t, method=method, seed=seed, weighted=weighted,
                                 iterations=iterations)
        labels = found.membership.to_numpy(np.int64)
        sizes = np.bincount(labels)[labels] if len(labels) else labels  # the size of each person's community
        membership = found.membership[(sizes >= min_size) & active]
        out.update(modularity=found.modularity, communities=int(membership.nunique()), iterations=found.iterations)
    out["between_network_ties"] = (int(network_tie_pairs(t, members.networks)["between"].sum())
                                   if members.networks else 0)
    return out, membership


@validate_params({"records": [Options(RECORDS)]})
def window_ties(dataset: Dataset, *, records: str = "all") -> pd.DataFrame:
    """The tie table of a window from all records, direct interactions only, or shared events only.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> len(window_ties(ds, records="interactions")) < len(window_ties(ds))
    True
    """
    return make_ties(dataset, interactions=records != "attendance", attendance=records != "interactions")


@validate_params({"freq": [Options(DATED_FREQS)], "records": [Options(RECORDS)]})
def tie_windows(dataset: Dataset, *, freq: str = "quarter", tie_table: pd.DataFrame | None = None,
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
    >>> tie_windows(from_frames(interactions=inter), freq="month")[["tie", "window"]].values.tolist()
    [[0, 0], [0, 2], [1, 1]]
    """
    t = window_ties(dataset, records=records) if tie_table is None else tie_table
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
    row_keys = tie_keys(t, n)
    order = np.argsort(row_keys, kind="stable")  # already sorted when built by ties(): then a copy in order
    at, found = lookup(row_keys[order], key)  # sorted by a take, not searchsorted's sorter=: 20x faster
    keep = ~np.isnat(day) & (window >= 0) & found
    keep[keep] = day[keep] < ends[window[keep]]
    tie, window = pair_ends(sorted_unique(pair_keys(order[at[keep]], window[keep], len(starts), directed=True)),
                            len(starts))
    return pd.DataFrame({"tie": tie, "window": window, "start": starts[window], "end": ends[window]})


def window_runs(key: np.ndarray, window: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The maximal runs of consecutive window numbers per key.

    Parameters
    ----------
    key, window : array of int
        One entry per key (a tie, a map edge) and window in which it has a record, as the ``tie`` and
        ``window`` columns of :func:`tie_windows`; any order, repeats allowed.
        Negative keys (nothing) are left out.

    Returns
    -------
    (array, array, array)
        Per run, sorted by key and then window: its key, its first and its last window number.

    Examples
    --------
    >>> k, a, b = window_runs(np.array([0, 0, 0, 1, 0, -1]), np.array([0, 1, 3, 2, 1, 5]))
    >>> k.tolist(), a.tolist(), b.tolist()
    ([0, 0, 1], [0, 3, 2], [1, 3, 2])
    """
    key, window = np.asarray(key, np.int64), np.asarray(window, np.int64)
    keep = key >= 0
    key, window = key[keep], window[keep]
    width = int(window.max()) + 1 if len(window) else 1
    key, window = pair_ends(sorted_unique(pair_keys(key, window, width, directed=True)), width)
    start = np.r_[True, (key[1:] != key[:-1]) | (window[1:] != window[:-1] + 1)] if len(key) else np.zeros(0, bool)
    first = np.flatnonzero(start)
    last = np.r_[first[1:] - 1, len(key) - 1] if len(first) else first
    return key[first], window[first], window[last]
