"""The series over time windows: headline metrics, tie and member churn and cluster evolution per window.

Every window is a :meth:`Dataset.windows <collabgraph.dataset.Dataset.windows>` window measured by
:func:`~collabgraph.metrics.windows.window_metrics` (definitions of its metrics there); this module
adds what needs the window before: churn, and the evolution of communities
(:func:`~collabgraph.metrics.evolution.cluster_evolution`), and optionally the
:func:`~collabgraph.metrics.durability.durability` of the ties after a programme's end.

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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.days import iso_day
from collabgraph.metrics.communities import MIN_COMMUNITY
from collabgraph.metrics.durability import Durability, durability
from collabgraph.metrics.evolution import cluster_evolution
from collabgraph.metrics.windows import (
    RECORDS,
    Members,
    active_people,
    present_people,
    window_metrics,
    window_ties,
)
from collabgraph.params import Interval, Options, validate_params
from collabgraph.serialize import records
from collabgraph.tietable import sorted_unique, tie_keys

__all__ = ["Timeline", "inclusive_ends", "timeline"]


@dataclass(frozen=True)
class Timeline:
    """Headline metrics, churn and cluster evolution per window (the ``timeline`` command).

    Attributes
    ----------
    freq, mode : str
    length : int
    by : str or None
    records : str
        Which records made ties (:func:`~collabgraph.metrics.windows.window_ties`).
    windows : DataFrame
        One row per window: ``label, start, end`` (ISO dates, ``end`` exclusive; None for waves),
        ``partial``, then the metrics of :mod:`~collabgraph.metrics.windows` and the churn counts of the
        module docstring.
    evolution : DataFrame or None
        :func:`cluster_evolution` of the windows' communities (None without communities).
    durability : Durability or None
    weighted : bool
        Whether the communities per window were found on the tie weights (False: every tie counted once).
    """

    freq: str
    mode: str
    length: int
    by: str | None
    records: str
    windows: pd.DataFrame
    evolution: pd.DataFrame | None = None
    durability: Durability | None = None
    weighted: bool = False

    def __repr__(self) -> str:
        """One line: the windows and the ties of the first few, or why there are none; never a table.

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> timeline(load_example(), freq="year", clusters=False)
        <Timeline: 3 year windows by domain, 2020 to 2022; ties per window: 2020: 6,266, 2021: 8,232, 2022: 1,423>
        """
        if self.windows.empty:
            why = ("no interaction or event has a date; freq='wave' gives the windows of survey waves"
                   if self.freq != "wave" else "no wave has a record")
            return f"<Timeline: no windows: {why}>"
        labels = self.windows["label"].astype(str).tolist()
        shown = ", ".join(f"{label}: {int(n):,}" for label, n in zip(labels[:4], self.windows["ties"], strict=False))
        by = f" by {self.by}" if self.by is not None else ""
        return (f"<Timeline: {len(labels)} {self.freq} window{'s' if len(labels) != 1 else ''}{by}, {labels[0]} to "
                f"{labels[-1]}; ties per window: {shown}{', ...' if len(labels) > 4 else ''}>")

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph timeline``."""
        out = {"freq": self.freq, "mode": self.mode, "length": self.length, "by": self.by,
               "records": self.records, "weighted": self.weighted, "windows": records(self.windows)}
        if self.evolution is not None:
            out["evolution"] = records(self.evolution)
        if self.durability is not None:
            out["durability"] = self.durability.to_dict()
        return out


def inclusive_ends(windows: pd.DataFrame) -> pd.DataFrame:
    """``windows`` (of :class:`Timeline`) with ``end`` the window's last day, as the text output and the report
    say it (the day before the exclusive ``end``; None stays None): the CSV of the timeline.

    Examples
    --------
    >>> inclusive_ends(pd.DataFrame({"start": ["2020-01-01", None], "end": ["2020-04-01", None]}))["end"].tolist()
    ['2020-03-31', None]
    """
    if "end" not in windows:  # no windows (undated data)
        return windows
    end = pd.to_datetime(windows["end"]) - pd.Timedelta(days=1)
    return windows.assign(end=end.dt.strftime("%Y-%m-%d").astype(object).where(end.notna(), None))


@validate_params({"records": [Options(RECORDS)], "min_size": [Interval(int, 1, None)],
                  "threshold": [Interval(float, 0, 1, closed="right")], "clusters": [bool], "weighted": [bool]})
def timeline(dataset: Dataset, *, freq: str = "quarter", mode: str = "fixed", length: int = 1,
             by: str | None = "domain", seed: int = 0, clusters: bool = True, method: str = "leiden",
             weighted: bool = False, min_size: int = MIN_COMMUNITY, threshold: float = 0.3, programme_end=None,
             records: str = "all", iterations: int | None = None) -> Timeline:
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
    weighted : bool
        Communities per window on the tie weights (True) or with every tie counted once (False, the
        default, as ``--weighted/--unweighted`` everywhere).
    min_size, threshold
        Smallest community tracked, and the Jaccard overlap that matches two communities
        (:func:`cluster_evolution`).
    programme_end : date-like, optional
        Add :func:`durability` for this date.
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`~collabgraph.metrics.windows.window_ties`).
    iterations : int or None
        Leiden passes per window (:func:`~collabgraph.metrics.communities.communities`; None: until
        stable up to 10,000 people and 50,000 ties, 2 passes above); each window's are in its ``iterations``.

    Returns
    -------
    Timeline

    Notes
    -----
    The windows slice the records sorted once by date (``searchsorted``); each window's tie table is
    built once and every metric reads it. A window without any interaction or attendance has no tie, so its
    figures depend on its bounds only through who is present (:func:`~collabgraph.metrics.windows.present_people`)
    and on its number of events: they are computed once per such pair and reused (a yearly timeline of data
    dated 1678 to 2261 has 582 empty windows). Definitions are in the module docstring.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> tl = timeline(load_example(), freq="year", clusters=False)
    >>> tl.windows[["label", "start", "end"]].values.tolist()
    [['2020', '2020-01-01', '2021-01-01'], ['2021', '2021-01-01', '2022-01-01'], ['2022', '2022-01-01', '2023-01-01']]
    >>> share = tl.windows["cross_share"]
    >>> bool(share.iloc[1] > share.iloc[0])  # the planted growth, 2020 to 2021
    True
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    wins = dataset.windows(freq, mode, length)
    n = len(dataset.people)
    rows, memberships = [], []
    prev_keys = np.zeros(0, np.int64)
    seen = np.zeros(0, np.int64)
    prev_active = np.zeros(n, dtype=bool)
    ever = np.zeros(n, dtype=bool)
    members = Members.of(dataset)
    first_day, last_day = dataset.period() if freq != "wave" else (None, None)
    quiet = {}  # windows without a record, by what their figures depend on: who is present, how many events
    for w in wins:
        key = None
        if not len(w.dataset.interactions) and not len(w.dataset.attendance):
            key = (present_people(dataset.people, w.start, w.end).tobytes(), len(w.dataset.events))
        if key not in quiet:
            t = window_ties(w.dataset, records=records)
            metrics, membership = window_metrics(w.dataset, tie_table=t, by=by, start=w.start, end=w.end, seed=seed,
                                                 clusters=clusters, method=method, weighted=weighted,
                                                 min_size=min_size, iterations=iterations, members=members)
            if key is not None:
                quiet[key] = t, metrics, membership
        else:
            t, metrics, membership = quiet[key]
        keys = sorted_unique(tie_keys(t, n))
        active = active_people(t, n)
        repeated = int(np.isin(keys, prev_keys, assume_unique=True).sum())
        churn = {"new_ties": len(keys) - repeated, "repeated_ties": repeated,
                 "dropped_ties": len(prev_keys) - repeated,
                 "first_ties": int((~np.isin(keys, seen, assume_unique=True)).sum()),
                 "retained": int((active & prev_active).sum()), "newcomers": int((active & ~ever).sum()),
                 "returning": int((active & ever & ~prev_active).sum()),
                 "leavers": int((prev_active & ~active).sum())}
        partial = first_day is not None and bool(w.start < first_day.normalize()
                                                 or w.end > last_day.normalize() + pd.Timedelta(days=1))
        rows.append({"label": w.label, "start": iso_day(w.start), "end": iso_day(w.end), "partial": partial, **metrics,
                     **churn})
        memberships.append(membership)
        prev_keys, seen = keys, sorted_unique(np.concatenate([seen, keys]))
        prev_active, ever = active, ever | active
    evolution = (cluster_evolution(memberships, labels=[w.label for w in wins], threshold=threshold)
                 if clusters else None)
    dur = durability(dataset, programme_end, by=by, records=records) if programme_end is not None else None
    return Timeline(freq=freq, mode=mode, length=length, by=by, records=records, windows=pd.DataFrame(rows),
                    evolution=evolution, durability=dur, weighted=weighted)
