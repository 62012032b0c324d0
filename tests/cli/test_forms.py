"""`collabgraph forms`: the sentences, strict JSON, CSV through the neutralising writer, exit codes."""

from __future__ import annotations

import io
import itertools
import json

import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.metrics.test_forms import FILES, _read, expected, plain


@pytest.fixture
def small(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _strict(text: str):
    def refuse(constant):
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def _n(count, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def expected_text(files: dict) -> list[str]:
    """The command's lines with every figure recomputed from the CSV text: the per-form figures by
    tests/metrics/test_forms.py's plain pandas (``expected``), the counts of the first two lines here."""
    per_event, _ = plain(files)
    dates = _read("events.csv", files).set_index("id")["date"]
    meetings = {}  # pair -> (date, event) of its records: interactions (event None) and shared events
    for _, r in _read("interactions.csv", files).iterrows():
        meetings.setdefault(frozenset((r["source"], r["target"])), []).append((r["date"], None))
    for event, group in _read("attendance.csv", files).groupby("event"):
        for pair in itertools.combinations(sorted(group["person"]), 2):
            meetings.setdefault(frozenset(pair), []).append((dates[event], event))
    undated = [pair for pair, m in meetings.items() if any(pd.isna(day) for day, _ in m)]
    same_day = [pair for pair, m in meetings.items() if pair not in undated
                and sum(1 for day, event in m if event and day == min(d for d, _ in m)) >= 2]
    rows = expected(files)
    first_ties = int(rows.loc[rows["dimension"] == "kind", "first_ties"].sum())  # each event has one kind
    size = per_event["n"]  # attendees per event
    lines = [f"{_n(len(per_event), 'event')}, {_n(int(size.sum()), 'attendance')}; "
             f"{_n(int((size == 1).sum()), 'event')} with one attendee and {int((size == 0).sum())} "
             "without attendees are counted apart (no pair).",
             f"{_n(first_ties, 'first tie')} at events "
             f"({_n(len(same_day), 'pair')} shared two or more events on their first day: credited to the smallest "
             f"event id; {_n(len(undated), 'pair')} with an undated interaction left out)."]
    for _, r in rows.iterrows():
        text = (f"- {r['dimension']} {r['form']}: {_n(r['events'], 'event')}, {_n(r['attendances'], 'attendance')} "
                f"(mean {r['mean_size']:.1f}), {r['hours']:.1f} person-hours")
        if r["events_without_duration"]:
            text += f" ({_n(r['events_without_duration'], 'event')} without a duration: counted, no hours)"
        text += f"; {_n(r['first_ties'], 'first tie')}, {r['cross_share_first_ties']:.0%} across domain"
        if r["first_ties_left_out"]:
            text += f" ({r['first_ties_left_out']} with a person without domain left out)"
        if pd.notna(r["cross_first_ties_per_hour"]):  # no rate without a person-hour
            text += (f"; {r['cross_first_ties_per_hour']:.2f} cross first ties per person-hour"
                     + (" of the events with a duration" if r["events_without_duration"] else ""))
        lines.append(text)
    return lines


def test_text(small):
    r = run("forms", small, "--permutations", "0")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == expected_text(FILES)


def test_text_without_any_duration(tmp_path):
    """Events without a duration give first ties but no person-hours: no rate per person-hour is printed."""
    files = dict(FILES)
    rows = files["events.csv"].splitlines()
    files["events.csv"] = "\n".join([rows[0], *(row.rsplit(",", 1)[0] + "," for row in rows[1:])]) + "\n"
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    r = run("forms", tmp_path, "--permutations", "0")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == expected_text(files)
    assert "per person-hour" not in r.output and "first tie" in r.output


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


def test_excel_nl_csv_keeps_size_bands_as_text(small):
    """Dutch Excel reads 2-5 as 2 May: with --csv-style excel-nl the size bands have an en dash; standard keeps 2-5.
    The bands are those of the events' attendee counts, counted here with pandas."""
    sizes = pd.read_csv(small / "attendance.csv").groupby("event").size()
    bands = sorted({f"{lo}-{hi}" for lo, hi in ((2, 5), (6, 12), (13, 25)) for n in sizes if lo <= n <= hi})
    standard = pd.read_csv(io.StringIO(run("forms", small, "--format", "csv", "--permutations", "0").output),
                           dtype=str)
    excel = run("forms", small, "--format", "csv", "--csv-style", "excel-nl", "--permutations", "0").output
    excel = pd.read_csv(io.StringIO(excel.lstrip("\ufeff")), sep=";", dtype=str)
    assert sorted(standard.loc[standard["dimension"] == "size", "form"]) == bands
    assert sorted(excel.loc[excel["dimension"] == "size", "form"]) == [b.replace("-", "–") for b in bands]
