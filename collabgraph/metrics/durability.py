"""Durability ("doorwerking"): the share of the ties formed before an end that are still active after it.

Programme-wide (:func:`durability`): of the ties formed by records before ``programme_end`` (the
date itself excluded), the share with at least one record on or after it: ``active_after / formed``;
also for ties within and across the groups of ``by``. Ties are those of
:func:`~collabgraph.metrics.windows.window_ties` before and after the date, the people table whole,
so a pair is the same pair on both sides.

Per learning network (:func:`network_durability`): each network against its own end, defined there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.days import parse_day
from collabgraph.errors import ParameterError
from collabgraph.graph import ties as make_ties
from collabgraph.groups import PROGRAMME, group_codes
from collabgraph.metrics.windows import RECORDS, window_ties
from collabgraph.params import Options, validate_params
from collabgraph.tietable import pair_ends, sorted_unique, tie_keys

__all__ = ["COLUMNS", "Durability", "durability", "network_durability"]

#: The columns of :func:`network_durability`.
COLUMNS = ["network", "level", "end", "end_source", "days_after", "formed", "unobserved", "active_after", "share",
           *(f"{part}_{name}" for part in ("within", "across")
             for name in ("formed", "unobserved", "active_after", "share")), "note"]

_DAY = pd.Timedelta(days=1)


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
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
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


def _ends(dataset: Dataset) -> tuple[list, list]:
    """Each learning network's end day and where it comes from: the networks table's ``end``, else the
    day of its last dated event, else of its last dated interaction (NaT and None without any)."""
    table = dataset.network_table
    planned = pd.Series(table["end"].to_numpy("datetime64[ns]"), index=table.index.astype(str))
    ev, inter = dataset.events, dataset.interactions
    last_event = ev["date"].groupby(ev["network"].astype("string")).max()
    last_record = inter["date"].groupby(inter["network"].astype("string")).max()
    ends, sources = [], []
    for name in dataset.networks:
        for source, days in (("networks table", planned), ("last event", last_event), ("last record", last_record)):
            day = days.get(name, pd.NaT)
            if not pd.isna(day):
                ends.append(pd.Timestamp(day).normalize())
                sources.append(source)
                break
        else:
            ends.append(pd.NaT)
            sources.append(None)
    return ends, sources


def _formed(dataset: Dataset, ends: pd.Series) -> pd.DataFrame:
    """The ties formed in each learning network up to its end: every record of a network (an interaction in it,
    or an event of it) dated up to and including that network's end day (``ends``: network -> day), made into
    one tie table (:func:`~collabgraph.metrics.windows.window_ties`) whose ``networks`` name the networks each
    pair was formed in. Returns ``key`` (:func:`~collabgraph.metrics.windows.tie_keys`), ``network``, ``end``:
    one row per tie and network it was formed in."""
    def end_of(names) -> np.ndarray:  # the end day of each name's network (NaT: none)
        return ends.reindex(pd.Index(np.asarray(names, object))).to_numpy("datetime64[ns]")

    def up_to_end(records: pd.DataFrame) -> np.ndarray:
        return records["date"].to_numpy("datetime64[ns]") < end_of(records["network"].astype("string")) + _DAY

    inter, ev = dataset.interactions, dataset.events
    events = ev[up_to_end(ev)]
    t = window_ties(replace(dataset, interactions=inter[up_to_end(inter)], events=events,
                            attendance=dataset.attendance[dataset.attendance["event"].isin(events.index)]))
    networks = t["networks"].astype("string").str.split(";").explode()  # index: the tie's row in t
    keys = tie_keys(t, len(dataset.people))[networks.index.to_numpy(np.int64)]
    return pd.DataFrame({"key": keys, "network": networks.to_numpy(object),
                         "end": end_of(networks)})


def _figures(keys: np.ndarray, ends: np.ndarray, last: pd.Series, codes: np.ndarray | None, data_end) -> dict:
    """``formed``, ``unobserved``, ``active_after``, ``share`` of the ties ``keys`` (each against its end day
    in ``ends``), overall and within/across the groups ``codes`` (None: those columns NA)."""
    ends = pd.DatetimeIndex(ends)
    observed = np.asarray(ends < data_end, bool) if not pd.isna(data_end) else np.zeros(len(keys), bool)
    after = observed & np.asarray(pd.DatetimeIndex(last.reindex(keys)) >= ends + _DAY, bool)
    parts = {"": np.ones(len(keys), bool)}
    if codes is not None:
        u, v = pair_ends(keys, max(len(codes), 1))
        cu, cv = codes[u], codes[v]
        known = (cu >= 0) & (cv >= 0)
        parts.update(within_=known & (cu == cv), across_=known & (cu != cv))
    out = {f"{p}{name}": pd.NA for p in ("within_", "across_") for name in ("formed", "unobserved", "active_after")}
    out.update({f"{p}share": np.nan for p in ("within_", "across_")})
    for prefix, part in parts.items():
        formed, unobserved = int(part.sum()), int((part & ~observed).sum())
        seen, active = formed - unobserved, int((part & after).sum())
        out.update({f"{prefix}formed": formed, f"{prefix}unobserved": unobserved,
                    f"{prefix}active_after": active if seen or not formed else pd.NA,
                    f"{prefix}share": active / seen if seen else np.nan})
    return out


def _note(row: dict, data_end) -> str | None:
    """Why a row's share is missing or partial, in one plain English sentence (None when nothing to say)."""
    last = "no dated record" if pd.isna(data_end) else f"the data end on {data_end.date().isoformat()}"
    if row["level"] == "programme":
        if not row["formed"]:
            return "no ties were formed in a learning network up to its end"
        k = row["unobserved"]
        return (f"{k:,} {'tie was' if k == 1 else 'ties were'} formed in networks that had not ended before the "
                f"data's last day ({data_end.date().isoformat()}): no record after their end can be seen yet, so "
                f"{'it is' if k == 1 else 'they are'} left out of the share") if k else None
    if pd.isna(row["end"]):
        return "no dated record of the network, so it has no end and no ties are counted"
    if pd.isna(data_end) or row["end"] >= data_end:
        return f"{last}, {'on' if row['end'] == data_end else 'before'} the network's end: no record after it can " \
               "be seen yet"
    return None if row["formed"] else "no ties were formed in the network up to its end"


def network_durability(dataset: Dataset, *, by: str | None = "domain",
                       tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Doorwerking per learning network: of the ties formed in a network up to its end, the share active after it.

    Definitions
    -----------
    end
        The network's last day: its ``end`` in the networks table (``dataset.network_table``), else the
        day of its last dated event, else of its last dated interaction (``end_source`` says which).
        A network without any dated record has no end (NaT) and no ties formed.
    formed
        The ties formed **in the network** up to its end: pairs (ordered pairs when directed) with a
        record of the network (an interaction whose ``network`` is it, or one of its events both
        attended, as :func:`~collabgraph.metrics.windows.window_ties` makes ties) dated on or before
        the end day. The network's own records decide, not its members' ties from other contexts: the
        question is whether what the network started or carried lasts once it stops, so a pair of
        members who only met elsewhere is not the network's tie. Undated records form no tie.
    active_after
        Of the ties formed, those with at least one record **in any context** (any network, no
        network, an interaction or a shared event) dated after the end day, from the tie table's
        ``last``. The end day itself belongs to the network, so its last event is not "after" it (for
        one network whose records are all there is, this is :func:`durability` with
        ``programme_end`` = the day after the end).
    unobserved, days_after
        A network whose end is on or after the data's last day (:meth:`Dataset.period`) has nothing
        after its end in the data yet: its ties formed are ``unobserved``, ``active_after`` is NA and
        ``share`` NaN (not 0), and ``note`` says so. ``days_after``: the days the data cover after the
        end (0 when none): a short span after the end leaves little room for a record.
    share
        ``active_after / (formed - unobserved)``; NaN when no tie formed can be followed.
    within_*, across_*
        The same for the ties whose ends are in one group of ``by``, and in two different groups;
        ties with an end without a value of ``by`` are in neither (NA without ``by``).

    The programme row (``level`` programme, ``network`` ``(all networks)``) counts every pair formed in
    any network once. A pair formed in several networks is followed from the **latest** of their ends:
    until its last network ends, a record of the pair can still be that network's work, not
    doorwerking. Its ``end`` is the latest end of all networks (``end_source`` "each network's own
    end"); ``unobserved`` counts the pairs whose (latest) end the data do not pass yet, left out of
    the share.

    Parameters
    ----------
    dataset : Dataset
    by : str or None
        Attribute of people for the within/across split (None: leave it out).
    tie_table : DataFrame, optional
        The tie table of the dataset (:func:`collabgraph.graph.ties`, all records), if already built.

    Returns
    -------
    DataFrame
        :data:`COLUMNS`: one row per learning network (sorted by name), then the programme row; ``note``
        is a plain English sentence when a share is missing or partial.

    Examples
    --------
    ``n1`` ends with its event on 1 March; ``a`` and ``b`` (met at it) meet again in June, ``b`` and
    ``c`` do not. ``n2`` has no event: its end is its last interaction.

    >>> from collabgraph import from_frames
    >>> events = pd.DataFrame({"id": ["e1"], "network": ["n1"], "date": ["2021-03-01"]})
    >>> att = pd.DataFrame({"event": ["e1"] * 3, "person": ["a", "b", "c"]})
    >>> inter = pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "network": [None, "n2"],
    ...                       "date": ["2021-06-01", "2021-07-01"]})
    >>> d = network_durability(from_frames(interactions=inter, events=events, attendance=att), by=None)
    >>> d[["network", "end_source", "formed", "active_after", "share"]].values.tolist()
    [['n1', 'last event', 3, 1, 0.3333333333333333], ['n2', 'last record', 1, <NA>, nan], \
['(all networks)', "each network's own end", 4, 1, 0.3333333333333333]]
    >>> print(d["note"].iloc[1])
    the data end on 2021-07-01, on the network's end: no record after it can be seen yet
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    people = dataset.people
    n = len(people)
    codes = group_codes(people, by)[0] if by is not None else None
    t = make_ties(dataset) if tie_table is None else tie_table
    last = pd.Series(t["last"].to_numpy("datetime64[ns]"), index=tie_keys(t, n))
    data_end = dataset.period()[1]
    data_end = pd.NaT if data_end is None else data_end.normalize()
    ends, sources = _ends(dataset)
    formed = _formed(dataset, pd.Series(ends, index=dataset.networks, dtype="datetime64[ns]"))
    rows = []
    for (name, ties), end, source in zip(formed.groupby(pd.Categorical(formed["network"], dataset.networks),
                                                        observed=False), ends, sources, strict=True):
        rows.append({"network": name, "level": "network", "end": end, "end_source": source,
                     **_figures(ties["key"].to_numpy(np.int64), ties["end"].to_numpy(), last, codes, data_end)})
    pairs = formed.groupby("key")["end"].max()  # a pair formed in several networks: from the latest end
    known = [e for e in ends if not pd.isna(e)]
    rows.append({"network": PROGRAMME, "level": "programme", "end": max(known) if known else pd.NaT,
                 "end_source": "each network's own end",
                 **_figures(pairs.index.to_numpy(np.int64), pairs.to_numpy("datetime64[ns]"), last, codes, data_end)})
    for row in rows:
        row["days_after"] = (max((data_end - row["end"]).days, 0) if not pd.isna(row["end"]) and not pd.isna(data_end)
                             else pd.NA)
        row["note"] = _note(row, data_end)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["end"] = pd.to_datetime(out["end"])
    for column in ("days_after", *(c for c in COLUMNS if c.endswith(("formed", "unobserved", "active_after")))):
        out[column] = out[column].astype("Int64")
    return out
