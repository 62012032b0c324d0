"""`collabgraph hours`: exact sentences, JSON and CSV, exit codes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from tests.cli.conftest import run

# the hand example of tests/metrics/test_hours.py
FILES = {
    "people.csv": "id,organisation\na,X\nb,X\nc,Y\nd,\n",
    "events.csv": "id,network,duration_minutes\ne1,n1,90\ne2,n1,\ne3,n2,60\n",
    "attendance.csv": "event,person\ne1,a\ne1,b\ne1,c\ne2,a\ne2,d\ne3,d\n",
    "interactions.csv": "source,target,network,duration_minutes\na,c,n2,30\nb,d,,\n",
}


@pytest.fixture
def small(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_text(small):
    r = run("hours", small)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Time invested: 6.5 person-hours (5.5 in 3 events, 6 attendances; 1.0 in 2 interactions).",
        "1 of 3 events without a duration (2 attendances), and 1 of 2 interactions; they are counted but add "
        "no hours.",
        "Per organisation (most hours first):",
        "- X: 3.5 hours (2 people; 3.0 in 2 events, 3 attendances; 0.5 in 2 interactions)",
        "- Y: 2.0 hours (1 person; 1.5 in 1 event, 1 attendance; 0.5 in 1 interaction)",
        "1 person without organisation (1.0 hours) left out.",
    ]


def test_networks_json_csv(small):
    r = run("hours", small, "--by", "network", "--format", "json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    assert [(g["network"], g["hours"]) for g in got["groups"]] == [("n1", 4.5), ("n2", 2.0)]
    assert got["totals"]["events_without_duration"] == 1
    assert {p["id"]: p["hours"] for p in got["people"]} == {"a": 2.0, "b": 1.5, "c": 2.0, "d": 1.0}
    assert [(g["events"], g["attendances"], g["interactions"]) for g in got["groups"]] == [(2, 5, 0), (1, 1, 1)]
    assert (got["totals"]["events"], got["totals"]["attendances"], got["totals"]["interactions"]) == (3, 6, 2)
    table = pd.read_csv(io.StringIO(run("hours", small, "--format", "csv").output))
    assert table[["organisation", "hours", "events", "attendances", "interactions"]].values.tolist() == [
        ["X", 3.5, 2, 3, 2], ["Y", 2.0, 1, 1, 1]]
    r = run("hours", small, "--by", "leeftijd")
    assert r.exit_code == 2 and "by must be one of " in r.output and "; got 'leeftijd'." in r.output


def test_no_group_has_a_value(tmp_path):
    # nobody has an organisation: no empty "Per organisation" heading, only who was left out
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,zorg\n")
    (tmp_path / "events.csv").write_text("id,duration_minutes\ne1,60\n")
    (tmp_path / "attendance.csv").write_text("event,person\ne1,a\n")
    r = run("hours", tmp_path)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "Time invested: 1.0 person-hours (1.0 in 1 event, 1 attendance; 0.0 in 0 interactions).",
        "2 people without organisation (1.0 hours) left out.",
    ]
