"""`collabgraph forms`: the sentences, strict JSON, CSV through the neutralising writer, exit codes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.metrics.test_forms import FILES, expected


@pytest.fixture
def small(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _strict(text: str):
    def refuse(constant):
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def test_text(small):
    r = run("forms", small, "--permutations", "0")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "6 events, 17 attendances; 1 event with one attendee and 1 without attendees are counted apart (no pair).",
        "26 first ties at events (1 pair shared two or more events on their first day: credited to the smallest "
        "event id; 1 pair with an undated interaction left out).",
        "- kind casus: 2 events, 6 attendances (mean 3.0), 3.0 person-hours "
        "(1 event without a duration: counted, no hours); 2 first ties, 50% across domain; "
        "0.33 cross first ties per person-hour",
        "- kind plenair: 2 events, 10 attendances (mean 5.0), 16.0 person-hours; 24 first ties, 82% across domain "
        "(7 with a person without domain left out); 0.88 cross first ties per person-hour",
        "- size 2-5: 3 events, 8 attendances (mean 2.7), 7.0 person-hours "
        "(1 event without a duration: counted, no hours); 2 first ties, 50% across domain; "
        "0.14 cross first ties per person-hour",
        "- size 6-12: 1 event, 8 attendances (mean 8.0), 12.0 person-hours; 24 first ties, 82% across domain "
        "(7 with a person without domain left out); 1.17 cross first ties per person-hour",
    ]


def test_json_matches_pandas_and_is_strict(small):
    r = run("forms", small, "--format", "json", "--permutations", "19", "--seed", "3")
    assert r.exit_code == 0, r.output
    got = _strict(r.output)
    want = expected(FILES)
    rows = pd.DataFrame(got["forms"])
    assert rows[["dimension", "form", "events", "attendances", "first_ties", "cross_first_ties"]].values.tolist() \
        == want[["dimension", "form", "events", "attendances", "first_ties", "cross_first_ties"]].values.tolist()
    assert rows["cross_share_first_ties"].tolist() == pytest.approx(want["cross_share_first_ties"].tolist())
    assert got["totals"]["permutations"] == 19 and got["totals"]["seed"] == 3
    assert all(0 < p <= 1 for p in rows["p_value"])


def test_json_undated_is_strict_with_empty_first_ties(small):
    (small / "events.csv").write_text(FILES["events.csv"].replace("e3,2021-03-01", "e3,"))
    r = run("forms", small, "--format", "json")
    got = _strict(r.output)
    assert got["totals"]["first_ties"] is None and got["totals"]["events_without_date"] == 1
    assert all(row["first_ties"] is None and row["cross_share_first_ties"] is None for row in got["forms"])
    text = run("forms", small).output
    assert "1 event with two or more attendees have no date: first ties need dates, so they are left empty." in text


def test_csv_is_neutralised(small):
    (small / "events.csv").write_text(FILES["events.csv"].replace("casus", "=cmd()"))
    r = run("forms", small, "--format", "csv", "--permutations", "0")
    assert r.exit_code == 0, r.output
    table = pd.read_csv(io.StringIO(r.output), dtype=str)
    assert "'=cmd()" in table["form"].tolist()
    assert table.columns.tolist()[:4] == ["dimension", "form", "events", "attendances"]


@pytest.mark.parametrize("args", [["--permutations", "-1"], ["--by", "colour"], ["--seed", "x"]])
def test_bad_options_exit_2(small, args):
    r = run("forms", small, *args)
    assert r.exit_code == 2, r.output
