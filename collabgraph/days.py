"""Days as the time measures take and give them: a parameter read as a day, a day written as ISO text.

The room of this module: the day helpers of the time series, durability and period comparison
(:mod:`collabgraph.metrics.timeline`, :mod:`~collabgraph.metrics.durability`,
:mod:`~collabgraph.metrics.periods`), so that none imports another for them.
"""

from __future__ import annotations

import pandas as pd

from collabgraph.errors import ParameterError

__all__ = ["iso_day", "parse_day"]


def parse_day(value, name: str) -> pd.Timestamp:
    """``value`` read as a date (its day, time of day dropped); a ParameterError names ``name`` when it is not one.

    >>> parse_day("2021-12-31 14:00", "programme_end").date().isoformat()
    '2021-12-31'
    >>> parse_day("soon", "programme_end")
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: programme_end must be a date like 2021-12-31; got 'soon'.
    """
    try:
        out = pd.Timestamp(value)
    except (ValueError, TypeError):
        out = None
    if out is None or pd.isna(out):
        raise ParameterError(f"{name} must be a date like 2021-12-31; got {value!r}.")
    return out.normalize()


def iso_day(day) -> str | None:
    """The ISO date of a Timestamp (None for None), as the JSON writes a window's bounds.

    >>> iso_day(pd.Timestamp("2021-03-01")), iso_day(None)
    ('2021-03-01', None)
    """
    return None if day is None else day.date().isoformat()
