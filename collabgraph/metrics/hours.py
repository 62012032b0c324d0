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
from collabgraph.errors import ParameterError

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
        The records behind the distinct counts of :meth:`by`: ``person, event, timed`` and
        ``record, person, timed`` (one row per end of a record).
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
        if attribute not in people.columns:
            raise ParameterError(f"Unknown attribute {attribute!r}; people have: "
                                 f"{', '.join(map(str, people.columns))}, or use 'network'.")
        group = people[attribute].reindex(self.people.index)
        known = group.notna().to_numpy()
        group = group[known].astype(str)
        table = self.people[known].groupby(group.to_numpy())[COLUMNS[:3] + COUNTS[2:4]].sum()

        def distinct(records: pd.DataFrame, key: str, name: str) -> None:
            rows = records.assign(group=records["person"].map(group)).dropna(subset=["group"])
            rows = rows.drop_duplicates(["group", key])
            table[name] = rows.groupby("group").size().reindex(table.index, fill_value=0)
            table[f"{name}_without_duration"] = rows[~rows["timed"]].groupby("group").size().reindex(
                table.index, fill_value=0)

        distinct(self.attendance, "event", "events")
        distinct(self.interactions, "record", "interactions")
        table = table[COLUMNS].astype({c: int for c in COUNTS})
        table.insert(0, "people", group.value_counts().reindex(table.index))
        table.index.name = attribute
        table = table.sort_values(["hours"], ascending=False, kind="stable")
        return table, {"missing": int((~known).sum()), "missing_hours": float(self.people.loc[~known, "hours"].sum())}

    def to_dict(self) -> dict:
        def records(frame, key):
            out = frame.reset_index().rename(columns={frame.index.name or "index": key})
            return out.to_dict("records")
        return {"totals": self.totals, "networks": records(self.networks, "network"),
                "people": records(self.people, "id")}


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
    ids = dataset.people.index.astype(str)
    ev = dataset.events
    att = dataset.attendance
    minutes = ev["duration_minutes"].reindex(att["event"]).to_numpy(float)
    timed = ~np.isnan(minutes)
    inter = dataset.interactions
    i_min = inter["duration_minutes"].to_numpy(float)
    i_timed = ~np.isnan(i_min)
    attendance = pd.DataFrame({"person": att["person"].astype(str).to_numpy(object),
                               "event": att["event"].astype(str).to_numpy(object), "timed": timed,
                               "hours": np.where(timed, minutes / 60, 0.0)})
    record = np.arange(len(inter))
    ends = pd.DataFrame({"record": np.concatenate([record, record]),
                         "person": np.concatenate([inter["source"].astype(str).to_numpy(object),
                                                   inter["target"].astype(str).to_numpy(object)]),
                         "timed": np.concatenate([i_timed, i_timed]),
                         "hours": np.concatenate([np.where(i_timed, i_min / 60, 0.0)] * 2)})

    def per_person(records: pd.DataFrame, name: str, hours_column: str) -> pd.DataFrame:
        g = records.assign(untimed=~records["timed"]).groupby("person")
        return pd.DataFrame({hours_column: g["hours"].sum(), name: g.size(),
                             f"{name}_without_duration": g["untimed"].sum()}).reindex(ids, fill_value=0)

    on_events = per_person(attendance, "attendances", "event_hours").rename(
        columns={"attendances_without_duration": "attendance_without_duration"})
    on_events.insert(1, "events", on_events["attendances"])  # one person: each event attended once
    on_events.insert(2, "events_without_duration", on_events["attendance_without_duration"])
    people = pd.concat([on_events, per_person(ends, "interactions", "interaction_hours")], axis=1)
    people.insert(0, "hours", people["event_hours"] + people["interaction_hours"])
    people = people[COLUMNS].astype({c: int for c in COUNTS}).astype({c: float for c in COLUMNS[:3]})
    people.index.name = "id"

    ev_net = ev["network"].astype(object)
    untimed_event = ev["duration_minutes"].isna()
    net_events = pd.DataFrame({"events": ev_net.groupby(ev_net).size(),
                               "events_without_duration": ev_net[untimed_event].groupby(ev_net).size()})
    att_net = attendance.assign(network=ev_net.reindex(att["event"]).to_numpy(object), untimed=~attendance["timed"])
    g = att_net.groupby("network")
    net_att = pd.DataFrame({"event_hours": g["hours"].sum(), "attendances": g.size(),
                            "attendance_without_duration": g["untimed"].sum()})
    int_net = pd.DataFrame({"network": inter["network"].to_numpy(object),
                            "hours": np.where(i_timed, 2 * i_min / 60, 0.0), "untimed": ~i_timed})  # both ends
    g = int_net.groupby("network")
    net_int = pd.DataFrame({"interaction_hours": g["hours"].sum(), "interactions": g.size(),
                            "interactions_without_duration": g["untimed"].sum()})
    networks = pd.concat([net_events, net_att, net_int], axis=1).fillna(0)
    networks.insert(0, "hours", networks["event_hours"] + networks["interaction_hours"])
    networks = networks.reindex(columns=COLUMNS).astype({c: int for c in COUNTS}).astype(
        {c: float for c in COLUMNS[:3]})
    networks.index.name = "network"
    networks = networks.sort_values("hours", ascending=False, kind="stable")

    totals = {"hours": float(people["hours"].sum()), "event_hours": float(people["event_hours"].sum()),
              "interaction_hours": float(people["interaction_hours"].sum()),
              "events": len(ev), "events_without_duration": int(untimed_event.sum()),
              "attendances": len(att), "attendance_without_duration": int((~timed).sum()),
              "interactions": len(inter), "interactions_without_duration": int((~i_timed).sum())}
    return Hours(people=people, networks=networks, totals=totals,
                 attendance=attendance[["person", "event", "timed"]], interactions=ends[["record", "person", "timed"]])
