"""Time investment: hours per person, group and learning network from recorded durations.

Hours are **person-hours**: an event of 2 hours attended by 10 people is 20 person-hours, and a
30-minute interaction between two people is half an hour for each of them (one person-hour in
total). Durations come from ``duration_minutes`` of events and interactions. Meetings and
interactions without a duration are counted and reported, never guessed: they add no hours.

Three counts, each named for what it counts:

``events``
    Distinct events (meetings): an event attended by 10 people is 1 event.
``attendances``
    Person-event pairs (rows of the attendance table): that event gives 10 attendances.
``interactions``
    Interaction records, each once: a record between two people of the same group is 1 interaction
    of that group, not 2.

Per person
    ``event_hours`` (durations of the events they attended), ``interaction_hours`` (durations of
    their interactions, at either end), ``hours`` (the sum); ``events`` and ``attendances`` (for one
    person the same number: the events they attended), ``interactions`` (records they are in); each
    count also ``..._without_duration`` (``attendance_without_duration`` for attendances).
Per group of an attribute (organisation, domain, profession, role ...)
    The person-hours summed over the group's people, and ``people``; ``events``: distinct events at
    least one of them attended; ``attendances``: their person-event pairs; ``interactions``: distinct
    records with at least one of them at an end. People without a value form no group and are
    counted in ``missing`` with their hours in ``missing_hours``.
Per learning network
    The person-hours of the network's events and of the interactions recorded in it (an
    interaction without a network counts for no network); ``events``: the network's events in the
    events table, ``attendances``: attendances of those events, ``interactions``: records with
    that network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.groups import check_attribute
from collabgraph.serialize import records

__all__ = ["Hours", "hours"]

COLUMNS = ["hours", "event_hours", "interaction_hours", "events", "events_without_duration", "attendances",
           "attendance_without_duration", "interactions", "interactions_without_duration"]
COUNTS = COLUMNS[3:]


@dataclass(frozen=True)
class Hours:
    """Time invested (the ``hours`` command); definitions in the module docstring.

    Attributes
    ----------
    people : DataFrame
        Index ``id``: the per-person columns.
    networks : DataFrame
        Index ``network``: the same columns per learning network.
    totals : dict
        ``hours, event_hours, interaction_hours`` (person-hours), ``events`` (distinct events),
        ``events_without_duration``, ``attendances`` (person-event pairs),
        ``attendance_without_duration`` (attendances of events without a duration),
        ``interactions`` (records), ``interactions_without_duration``.
    attendance, interactions : DataFrame
        The records behind the distinct counts of :meth:`by`, as integer positions: ``person`` (in
        ``dataset.people``), ``event`` (in ``dataset.events``), ``timed``; and ``record, person,
        timed`` (one row per end of an interaction record).
    """

    people: pd.DataFrame = field(repr=False)
    networks: pd.DataFrame = field(repr=False)
    totals: dict
    attendance: pd.DataFrame = field(repr=False)
    interactions: pd.DataFrame = field(repr=False)

    def by(self, attribute: str, people: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
        """Sums and distinct counts per group of ``attribute`` (``network``: per learning network).

        Parameters
        ----------
        attribute : str
            A people column (organisation, domain, profession, role ...) or ``network``.
        people : DataFrame
            ``dataset.people``.

        Returns
        -------
        DataFrame, dict
            Index: the groups, sorted by hours (most first); ``people`` and the columns of
            :data:`COLUMNS`: hours and attendances summed over the group's people, events and
            interactions counted once per group. The dict has ``missing`` (people without a value)
            and ``missing_hours``.
        """
        if attribute == "network":
            return self.networks, {"missing": 0, "missing_hours": 0.0}
        check_attribute(people.columns, attribute, also=["network"])
        code, names = pd.factorize(people[attribute].reindex(self.people.index))  # -1: no value
        known = code >= 0
        k = len(names)
        table = pd.DataFrame({c: np.bincount(code[known], weights=self.people[c].to_numpy(float)[known], minlength=k)
                              for c in COLUMNS}, index=pd.Index(names.astype(str), name=attribute))

        def distinct(records: pd.DataFrame, key: str, name: str) -> None:
            group = code[records["person"].to_numpy()]
            keys = records[key].to_numpy(np.int64)
            m = int(keys.max()) + 1 if len(keys) else 1
            for column, rows in ((name, group >= 0), (f"{name}_without_duration", (group >= 0) & ~records["timed"])):
                pairs = np.unique(group[rows] * m + keys[rows])  # each (group, event or record) once
                table[column] = np.bincount(pairs // m, minlength=k)

        distinct(self.attendance, "event", "events")
        distinct(self.interactions, "record", "interactions")
        table = table.astype({c: int for c in COUNTS})
        table.insert(0, "people", np.bincount(code[known], minlength=k))
        table = table.sort_index().sort_values(["hours"], ascending=False, kind="stable")
        return table, {"missing": int((~known).sum()), "missing_hours": float(self.people.loc[~known, "hours"].sum())}

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph hours`` (rows through :func:`collabgraph.serialize.records`, column by column)."""
        def rows(frame, key):
            return records(frame.reset_index().rename(columns={frame.index.name or "index": key}))
        return {"totals": self.totals, "networks": rows(self.networks, "network"), "people": rows(self.people, "id")}


def hours(dataset: Dataset) -> Hours:
    """Person-hours per person and learning network from event and interaction durations.

    Parameters
    ----------
    dataset : Dataset

    Returns
    -------
    Hours

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> events = pd.DataFrame({"id": ["e1", "e2"], "network": ["n1", "n1"], "duration_minutes": [120, None]})
    >>> att = pd.DataFrame({"event": ["e1", "e1", "e2"], "person": ["a", "b", "a"]})
    >>> inter = pd.DataFrame({"source": ["a"], "target": ["c"], "duration_minutes": [30]})
    >>> h = hours(from_frames(interactions=inter, events=events, attendance=att, lenient=True))
    >>> sorted(h.people["hours"].items())
    [('a', 2.5), ('b', 2.0), ('c', 0.5)]
    >>> h.totals["events"], h.totals["attendances"], h.totals["interactions"]
    (2, 3, 1)
    >>> h.totals["hours"], h.totals["events_without_duration"], h.totals["attendance_without_duration"]
    (5.0, 1, 1)
    >>> h.networks.loc["n1", ["events", "attendances", "interactions"]].tolist()
    [2, 3, 0]
    """
    n = len(dataset.people)
    ev = dataset.events
    att = dataset.attendance
    inter = dataset.interactions
    a_hours, timed, i_hours, i_timed = _durations(dataset)
    who = dataset.codes(att["person"])
    ok = who >= 0
    attendance = pd.DataFrame({"person": who[ok], "event": ev.index.get_indexer(att["event"])[ok],
                               "timed": timed[ok]})
    ends = np.concatenate([dataset.codes(inter["source"]), dataset.codes(inter["target"])])
    e_ok = ends >= 0
    interactions = pd.DataFrame({"record": np.tile(np.arange(len(inter)), 2)[e_ok], "person": ends[e_ok],
                                 "timed": np.tile(i_timed, 2)[e_ok]})

    def count(records: pd.DataFrame, untimed: bool = False, hours: np.ndarray | None = None) -> np.ndarray:
        rows = ~records["timed"].to_numpy() if untimed else slice(None)
        return np.bincount(records["person"].to_numpy()[rows], weights=hours, minlength=n)

    people = pd.DataFrame({
        "event_hours": count(attendance, hours=a_hours[ok]),
        "interaction_hours": count(interactions, hours=np.tile(i_hours, 2)[e_ok]),
        # for one person each event attended is one attendance
        "events": count(attendance), "events_without_duration": count(attendance, untimed=True),
        "attendances": count(attendance), "attendance_without_duration": count(attendance, untimed=True),
        "interactions": count(interactions), "interactions_without_duration": count(interactions, untimed=True),
    }, index=pd.Index(dataset.people.index.astype(str), name="id"))
    people.insert(0, "hours", people["event_hours"] + people["interaction_hours"])
    people = people.astype({c: int for c in COUNTS}).astype({c: float for c in COLUMNS[:3]})

    networks = _network_table(dataset, a_hours, timed, i_hours, i_timed)
    untimed_event = ev["duration_minutes"].isna()

    totals = {"hours": float(people["hours"].sum()), "event_hours": float(people["event_hours"].sum()),
              "interaction_hours": float(people["interaction_hours"].sum()),
              "events": len(ev), "events_without_duration": int(untimed_event.sum()),
              "attendances": len(att), "attendance_without_duration": int((~timed).sum()),
              "interactions": len(inter), "interactions_without_duration": int((~i_timed).sum())}
    return Hours(people=people, networks=networks, totals=totals, attendance=attendance, interactions=interactions)


def network_hours(dataset: Dataset) -> pd.Series:
    """Person-hours per learning network: :func:`hours`'s ``networks["hours"]`` (the same numbers in the same
    order), without the tables per person.

    >>> from collabgraph import from_frames
    >>> events = pd.DataFrame({"id": ["e1"], "network": ["n1"], "duration_minutes": [90]})
    >>> att = pd.DataFrame({"event": ["e1", "e1"], "person": ["a", "b"]})
    >>> network_hours(from_frames(events=events, attendance=att, lenient=True)).to_dict()
    {'n1': 3.0}
    """
    return _network_table(dataset, *_durations(dataset))["hours"]


def _durations(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hours of each attendance (its event's duration, 0 when unknown) and whether it is known, then the same per
    interaction."""
    minutes = dataset.events["duration_minutes"].reindex(dataset.attendance["event"]).to_numpy(float)
    timed = ~np.isnan(minutes)
    i_min = dataset.interactions["duration_minutes"].to_numpy(float)
    i_timed = ~np.isnan(i_min)
    return np.where(timed, minutes / 60, 0.0), timed, np.where(i_timed, i_min / 60, 0.0), i_timed


def _network_table(dataset: Dataset, a_hours: np.ndarray, timed: np.ndarray, i_hours: np.ndarray,
                   i_timed: np.ndarray) -> pd.DataFrame:
    """:func:`hours`'s ``networks`` table from :func:`_durations`."""
    ev, att, inter = dataset.events, dataset.attendance, dataset.interactions
    ev_net = ev["network"].astype(object)
    untimed_event = ev["duration_minutes"].isna()
    net_events = pd.DataFrame({"events": ev_net.groupby(ev_net).size(),
                               "events_without_duration": ev_net[untimed_event].groupby(ev_net).size()})
    att_net = pd.DataFrame({"network": ev_net.reindex(att["event"]).to_numpy(object),
                            "hours": a_hours, "untimed": ~timed})
    g = att_net.groupby("network")
    net_att = pd.DataFrame({"event_hours": g["hours"].sum(), "attendances": g.size(),
                            "attendance_without_duration": g["untimed"].sum()})
    int_net = pd.DataFrame({"network": inter["network"].to_numpy(object),
                            "hours": 2 * i_hours, "untimed": ~i_timed})  # person-hours: both ends
    g = int_net.groupby("network")
    net_int = pd.DataFrame({"interaction_hours": g["hours"].sum(), "interactions": g.size(),
                            "interactions_without_duration": g["untimed"].sum()})
    networks = pd.concat([net_events, net_att, net_int], axis=1).fillna(0)
    networks.insert(0, "hours", networks["event_hours"] + networks["interaction_hours"])
    networks = networks.reindex(columns=COLUMNS).astype({c: int for c in COUNTS}).astype(
        {c: float for c in COLUMNS[:3]})
    networks.index.name = "network"
    return networks.sort_values("hours", ascending=False, kind="stable")
