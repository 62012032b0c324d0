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
    people = pd.DataFrame({"id": list("abcd"), "organisation": ["X", "X", "Y", None]})
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
                        "events_without_duration": 1, "attendance_without_duration": 2, "interactions": 2,
                        "interactions_without_duration": 1}
    # n1: e1 (3 x 1.5 h) and e2 (2 attendances, no duration); n2: e3 (1 h) and the a-c interaction (2 x 0.5 h)
    assert h.networks["hours"].to_dict() == {"n1": 4.5, "n2": 2.0}
    assert h.networks.loc["n1", "events_without_duration"] == 2
    groups, missing = h.by("organisation", small.people)
    # X: a + b = 3.5; Y: c = 2; d has no organisation: left out and counted
    assert groups["hours"].to_dict() == {"X": 3.5, "Y": 2.0}
    assert groups["people"].to_dict() == {"X": 2, "Y": 1}
    assert missing == {"missing": 1, "missing_hours": 1.0}
    with pytest.raises(ParameterError, match="Unknown attribute 'sector'"):
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
