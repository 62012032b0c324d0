"""Tests of collabgraph.metrics.hours: person-hours by hand and on the example's raw CSV files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import collabgraph
from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.metrics.hours import hours

EXAMPLE = Path(collabgraph.datasets.__file__).parent / "leernetwerken"


@pytest.fixture
def small():
    people = pd.DataFrame({"id": list("abcd"), "organisation": ["X", "X", "Y", None],
                           "team": ["T1", "T2", "T1", "T2"]})
    events = pd.DataFrame({"id": ["e1", "e2", "e3"], "network": ["n1", "n1", "n2"],
                           "duration_minutes": [90, None, 60]})
    att = pd.DataFrame({"event": ["e1", "e1", "e1", "e2", "e2", "e3"], "person": ["a", "b", "c", "a", "d", "d"]})
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["c", "d"], "network": ["n2", None],
                          "duration_minutes": [30, None]})
    return from_frames(people=people, interactions=inter, events=events, attendance=att)


def test_by_hand(small):
    h = hours(small)
    p = h.people
    # a: e1 1.5 h + interaction with c 0.5 h; b: e1 1.5; c: e1 1.5 + 0.5; d: e3 1 (e2 has no duration)
    assert p["hours"].to_dict() == {"a": 2.0, "b": 1.5, "c": 2.0, "d": 1.0}
    assert p.loc["a", ["events", "events_without_duration", "interactions", "interactions_without_duration"]].tolist() \
        == [2, 1, 1, 0]
    assert p.loc["b", "interactions_without_duration"] == 1
    assert h.totals == {"hours": 6.5, "event_hours": 5.5, "interaction_hours": 1.0, "events": 3,
                        "events_without_duration": 1, "attendances": 6, "attendance_without_duration": 2,
                        "interactions": 2, "interactions_without_duration": 1}
    # n1: e1 (3 x 1.5 h) and e2 (2 attendances, no duration); n2: e3 (1 h) and the a-c interaction (2 x 0.5 h)
    assert h.networks["hours"].to_dict() == {"n1": 4.5, "n2": 2.0}
    counts = ["events", "events_without_duration", "attendances", "attendance_without_duration", "interactions",
              "interactions_without_duration"]

    def row(*values):
        return dict(zip(counts, values, strict=True))

    # n1: 2 events (e2 untimed), 5 attendances (2 of them at e2), no interaction; n2: e3, 1 attendance, a-c
    assert h.networks[counts].to_dict("index") == {
        "n1": row(2, 1, 5, 2, 0, 0), "n2": row(1, 0, 1, 0, 1, 0)}
    groups, missing = h.by("organisation", small.people)
    # X: a + b = 3.5; Y: c = 2; d has no organisation: left out and counted
    assert groups["hours"].to_dict() == {"X": 3.5, "Y": 2.0}
    assert groups["people"].to_dict() == {"X": 2, "Y": 1}
    # X (a, b): events e1, e2 (untimed); attendances a@e1, a@e2, b@e1; records a-c and b-d (untimed)
    assert groups[counts].to_dict("index") == {
        "X": row(2, 1, 3, 1, 2, 1), "Y": row(1, 0, 1, 0, 1, 0)}
    assert missing == {"missing": 1, "missing_hours": 1.0}
    # a record between two people of one group is one interaction of that group: T1 = a, c (a-c)
    teams, _ = h.by("team", small.people)
    assert teams[counts].to_dict("index") == {
        "T1": row(2, 1, 3, 1, 1, 0), "T2": row(3, 1, 3, 1, 1, 1)}
    with pytest.raises(ParameterError, match="by must be one of .*, network; got 'sector'"):
        h.by("sector", small.people)


def test_example_equals_plain_pandas(example):
    h = hours(example)
    events = pd.read_csv(EXAMPLE / "events.csv")
    att = pd.read_csv(EXAMPLE / "attendance.csv")
    inter = pd.read_csv(EXAMPLE / "interactions.csv")
    # independent: join attendance to event durations; interactions count for both people
    joined = att.merge(events[["id", "duration_minutes"]], left_on="event", right_on="id")
    assert h.totals["event_hours"] == pytest.approx(joined["duration_minutes"].sum() / 60)
    assert h.totals["interaction_hours"] == pytest.approx(2 * inter["duration_minutes"].sum() / 60)
    assert h.totals["events_without_duration"] == events["duration_minutes"].isna().sum() > 0
    assert h.totals["attendance_without_duration"] == joined["duration_minutes"].isna().sum()
    assert h.networks["hours"].sum() == pytest.approx(h.totals["hours"])  # every record has a network


def test_example_counts_equal_plain_pandas(example):
    """events = distinct events, attendances = person-event pairs, interactions = records (each once)."""
    h = hours(example)
    people = pd.read_csv(EXAMPLE / "people.csv")
    events = pd.read_csv(EXAMPLE / "events.csv")
    att = pd.read_csv(EXAMPLE / "attendance.csv")
    inter = pd.read_csv(EXAMPLE / "interactions.csv").reset_index(names="record")
    ends = pd.concat([inter[["record", "source"]].rename(columns={"source": "person"}),
                      inter[["record", "target"]].rename(columns={"target": "person"})])
    assert (h.totals["events"], h.totals["attendances"], h.totals["interactions"]) == (
        len(events), len(att), len(inter))
    # per network: the network's events, the attendances of those events, the records in the network
    by_net = pd.DataFrame({"events": events.groupby("network").size(),
                           "attendances": att.merge(events, left_on="event", right_on="id").groupby("network").size(),
                           "interactions": inter.groupby("network").size()}).fillna(0).astype(int)
    assert h.networks[["events", "attendances", "interactions"]].sort_index().equals(by_net.sort_index())
    held = h.networks[h.networks["events"] > 0]
    assert (held["events"] < held["attendances"]).all()  # the example's meetings have several people each
    # per organisation: distinct events attended, person-event pairs, distinct records with a member at an end
    org = people.set_index("id")["organisation"]
    a = att.assign(group=att["person"].map(org))
    e = ends.assign(group=ends["person"].map(org)).drop_duplicates(["record", "group"])
    expected = pd.DataFrame({"events": a.groupby("group")["event"].nunique(), "attendances": a.groupby("group").size(),
                             "interactions": e.groupby("group").size()}).fillna(0).astype(int)
    groups, missing = h.by("organisation", example.people)
    assert missing["missing"] == org.isna().sum()
    got = groups[["events", "attendances", "interactions"]]
    assert got.sort_index().equals(expected.rename_axis("organisation").sort_index())
    # each record once: fewer than the person-ends whenever two colleagues of one organisation meet
    assert got["interactions"].sum() < 2 * len(inter)
    # per person: events attended = attendances; records they are in
    per = h.people
    assert per["events"].equals(per["attendances"])
    assert per["attendances"][per["attendances"] > 0].sort_index().to_dict() == att.groupby("person").size().to_dict()
    assert per["interactions"][per["interactions"] > 0].to_dict() == ends.groupby("person").size().to_dict()
