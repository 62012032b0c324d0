"""Durability: the share of the ties formed before the end of a programme that are still active after it.

Of the ties formed by records before ``programme_end`` (the date itself excluded), the share with at
least one record on or after it ("doorwerking"): ``active_after / formed``; also for ties within
and across the groups of ``by``. Ties are those of :func:`~collabgraph.metrics.windows.window_ties`
before and after the date, the people table whole, so a pair is the same pair on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.metrics.mixing import group_codes
from collabgraph.metrics.windows import RECORDS, parse_day, tie_keys, window_ties
from collabgraph.params import Options, validate_params
from collabgraph.tietable import sorted_unique

__all__ = ["Durability", "durability"]


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


@validate_params({"records": [Options(RECORDS)]})
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
        Which records make ties (:func:`~collabgraph.metrics.windows.window_ties`).

    Returns
    -------
    Durability

    Examples
    --------
    >>> import pandas as pd
    >>> from collabgraph import from_frames
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "a"], "target": ["b", "c", "c", "b"],
    ...                       "date": ["2020-01-05", "2020-02-01", "2020-03-01", "2021-02-01"]})
    >>> d = durability(from_frames(interactions=inter), "2021-01-01", by=None)
    >>> d.formed, d.active_after, round(d.share, 3)
    (3, 1, 0.333)
    """
    end = parse_day(programme_end, "programme_end")
    lo, hi = dataset.period()
    if lo is None:
        raise ParameterError("durability needs dated records; the dataset has no dates.")
    before, after = dataset._between(None, end), dataset._between(end, None)
    n = len(dataset.people)
    t = window_ties(before, records=records)
    lasted = np.isin(tie_keys(t, n), sorted_unique(tie_keys(window_ties(after, records=records), n)),
                     assume_unique=True)
    formed = np.ones(len(t), dtype=bool)
    out = _lasting(formed, lasted)
    within = across = {}
    if by is not None:
        codes, _ = group_codes(dataset.people, by)
        cu, cv = codes[t["u"].to_numpy(np.int64)], codes[t["v"].to_numpy(np.int64)]
        known = (cu >= 0) & (cv >= 0)
        within, across = _lasting(known & (cu == cv), lasted), _lasting(known & (cu != cv), lasted)
    return Durability(programme_end=end.date().isoformat(), by=by, within=within, across=across, **out)
