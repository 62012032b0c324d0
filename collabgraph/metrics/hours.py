"""Time investment: hours per person, group and learning network from recorded durations.

Hours are **person-hours**: an event of 2 hours attended by 10 people is 20 person-hours, and a
30-minute interaction between two people is half an hour for each of them (one person-hour in
total). Durations come from ``duration_minutes`` of events and interactions. Meetings and
interactions without a duration are counted and reported, never guessed: they add no hours.

Per person
    ``event_hours`` (durations of the events they attended), ``interaction_hours`` (durations of
    their interactions, at either end), ``hours`` (the sum), ``events`` and ``events_without_duration``
    (events attended), ``interactions`` and ``interactions_without_duration``.
Per group of an attribute (organisation, domain, profession, role ...)
    The sums over the group's people, and ``people``; people without a value form no group and are
    counted in ``missing`` with their hours in ``missing_hours``.
Per learning network
    The person-hours of the network's events and of the interactions recorded in it (an
    interaction without a network counts for no network), with the same counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError

__all__ = ["Hours", "hours"]

COLUMNS = ["hours", "event_hours", "interaction_hours", "events", "events_without_duration",
           "interactions", "interactions_without_duration"]


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
        ``hours, event_hours, interaction_hours`` (person-hours), ``events``,
        ``events_without_duration``, ``attendance_without_duration`` (attendances of those events),
        ``interactions``, ``interactions_without_duration``.
    """

    people: pd.DataFrame = field(repr=False)
    networks: pd.DataFrame = field(repr=False)
    totals: dict

    def by(self, attribute: str, people: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
        """Sums per group of ``attribute`` (``network``: per learning network), and the people left out.

        Parameters
        ----------
        attribute : str
            A people column (organisation, domain, profession, role ...) or ``network``.
        people : DataFrame
            ``dataset.people``.

        Returns
        -------
        DataFrame, dict
            Index: the groups, sorted by hours (most first); ``people`` and the per-person columns.
            The dict has ``missing`` (people without a value) and ``missing_hours``.
        """
        if attribute == "network":
            return self.networks, {"missing": 0, "missing_hours": 0.0}
        if attribute not in people.columns:
            raise ParameterError(f"Unknown attribute {attribute!r}; people have: "
                                 f"{', '.join(map(str, people.columns))}, or use 'network'.")
        group = people[attribute].reindex(self.people.index)
        known = group.notna().to_numpy()
        table = self.people[known].groupby(group[known].astype(str).to_numpy())[COLUMNS].sum()
        table.insert(0, "people", group[known].astype(str).value_counts().reindex(table.index))
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
    >>> h.totals["hours"], h.totals["events_without_duration"], h.totals["attendance_without_duration"]
    (5.0, 1, 1)
    """
    people = dataset.people.index
    n = len(people)
    ev = dataset.events
    att = dataset.attendance
    minutes = ev["duration_minutes"].reindex(att["event"]).to_numpy(float)
    timed = ~np.isnan(minutes)
    who = dataset.codes(att["person"])
    ok = who >= 0
    inter = dataset.interactions
    i_min = inter["duration_minutes"].to_numpy(float)
    i_timed = ~np.isnan(i_min)
    ends = np.concatenate([dataset.codes(inter["source"]), dataset.codes(inter["target"])])
    e_ok = ends >= 0
    e_min, e_timed = np.concatenate([i_min, i_min]), np.concatenate([i_timed, i_timed])

    def count(codes, weights=None):
        return np.bincount(codes, weights=weights, minlength=n)

    per_person = pd.DataFrame({
        "event_hours": count(who[ok & timed], minutes[ok & timed] / 60),
        "interaction_hours": count(ends[e_ok & e_timed], e_min[e_ok & e_timed] / 60),
        "events": count(who[ok]), "events_without_duration": count(who[ok & ~timed]),
        "interactions": count(ends[e_ok]), "interactions_without_duration": count(ends[e_ok & ~e_timed]),
    }, index=pd.Index(people.astype(str), name="id"))
    per_person.insert(0, "hours", per_person["event_hours"] + per_person["interaction_hours"])

    net_att = pd.DataFrame({"network": ev["network"].reindex(att["event"]).to_numpy(object),
                            "event_hours": np.where(timed, minutes / 60, 0.0), "events": 1,
                            "events_without_duration": (~timed).astype(int)})
    people_each = 2 - (inter["source"] == inter["target"]).to_numpy(int)  # person-hours: both ends
    net_int = pd.DataFrame({"network": inter["network"].to_numpy(object),
                            "interaction_hours": np.where(i_timed, i_min / 60, 0.0) * people_each,
                            "interactions": people_each,
                            "interactions_without_duration": (~i_timed).astype(int) * people_each})
    networks = pd.concat([net_att, net_int], ignore_index=True).dropna(subset=["network"])
    networks = networks.groupby("network").sum(min_count=0).reindex(columns=COLUMNS[1:], fill_value=0)
    networks = networks.fillna(0).astype({c: int for c in COLUMNS[3:]})
    networks.insert(0, "hours", networks["event_hours"] + networks["interaction_hours"])
    networks = networks.sort_values("hours", ascending=False, kind="stable")

    totals = {"hours": float(per_person["hours"].sum()), "event_hours": float(per_person["event_hours"].sum()),
              "interaction_hours": float(per_person["interaction_hours"].sum()),
              "events": len(ev), "events_without_duration": int(ev["duration_minutes"].isna().sum()),
              "attendance_without_duration": int((~timed).sum()),
              "interactions": len(inter), "interactions_without_duration": int((~i_timed).sum())}
    return Hours(people=per_person, networks=networks, totals=totals)
