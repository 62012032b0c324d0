"""Tests of collabgraph.metrics.timeline: the series per window, churn, partial windows, on hand-made and real data."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.datasets import EXAMPLE
from collabgraph.metrics import timeline as timeline_module
from collabgraph.metrics import windows as windows_module
from collabgraph.metrics.periods import compare_periods, parse_period
from collabgraph.metrics.timeline import timeline
from collabgraph.metrics.windows import window_metrics, window_ties
from tests.conftest import WARD_START, dated, lyon_ward, plain_memberships


@pytest.fixture(scope="module")
def ward(realdata):
    contacts, people, inter = lyon_ward(realdata)
    return contacts, from_frames(people=people, interactions=inter)


def test_ward_day_by_day_equals_plain_pandas(ward):
    contacts, ds = ward
    tl = timeline(ds, freq="day", by="status", clusters=False)
    # independent count on the raw CSV: records, distinct people and distinct unordered pairs per day
    raw = contacts.assign(day=(WARD_START + pd.to_timedelta(contacts["time"], unit="s")).dt.normalize(),
                          a=contacts[["source", "target"]].min(axis=1), b=contacts[["source", "target"]].max(axis=1))
    days = pd.date_range(raw["day"].min(), raw["day"].max(), freq="D")
    ends = pd.concat([raw[["day", "source"]].set_axis(["day", "p"], axis=1),
                      raw[["day", "target"]].set_axis(["day", "p"], axis=1)])
    expected = pd.DataFrame({
        "records": raw.groupby("day").size(),
        "people_active": ends.groupby("day")["p"].nunique(),
        "ties": raw.drop_duplicates(["day", "a", "b"]).groupby("day").size(),
    }).reindex(days, fill_value=0)
    assert tl.windows["start"].tolist() == [d.date().isoformat() for d in days]
    assert tl.windows[["records", "people_active", "ties"]].to_numpy().tolist() == expected.to_numpy().tolist()
    # SOURCE.md: 1,139 distinct undirected pairs over the whole study
    cumulative = timeline(ds, freq="day", mode="cumulative", by="status", clusters=False)
    assert cumulative.windows["ties"].iloc[-1] == 1139
    assert cumulative.windows["ties"].is_monotonic_increasing
    assert cumulative.windows["dropped_ties"].sum() == 0
    # first-time ties over all days add up to the whole network's ties
    assert tl.windows["first_ties"].sum() == 1139


def test_ward_whole_period_matches_source_md(ward):
    _, ds = ward
    m, _ = window_metrics(ds, by="status")
    # SOURCE.md "values computed here" (networkx): 1139 ties, internal 275 / external 864, EI 0.5171,
    # one component
    assert (m["ties"], m["components"], m["people_active"]) == (1139, 1, 75)
    assert m["cross_share"] == pytest.approx(864 / 1139)
    assert m["ei_index"] == pytest.approx(0.5171, abs=1e-4)


@pytest.fixture
def three_months():
    # hand-made: January a-b, a-c; February empty; March a-b, c-d; April b-e
    people = pd.DataFrame({"id": list("abcde"), "domain": ["zorg", "zorg", "welzijn", "welzijn", "zorg"]})
    return dated([("a", "b", "2021-01-05"), ("a", "c", "2021-01-20"), ("a", "b", "2021-03-02"),
                   ("c", "d", "2021-03-03"), ("b", "e", "2021-04-10")], people)


def test_churn_by_hand(three_months):
    w = timeline(three_months, freq="month", clusters=False).windows.set_index("label")
    assert w.index.tolist() == ["2021-01", "2021-02", "2021-03", "2021-04"]  # the empty February included
    cols = ["ties", "new_ties", "repeated_ties", "dropped_ties", "first_ties", "people_active",
            "retained", "newcomers", "returning", "leavers"]
    assert w[cols].to_numpy().tolist() == [
        # Jan: a-b, a-c new; a, b, c newcomers
        [2, 2, 0, 0, 2, 3, 0, 3, 0, 0],
        # Feb: nothing; both ties dropped, three leavers
        [0, 0, 0, 2, 0, 0, 0, 0, 0, 3],
        # Mar: a-b (seen in Jan, so new against Feb but not a first tie), c-d first; d newcomer, a b c return
        [2, 2, 0, 0, 1, 4, 0, 1, 3, 0],
        # Apr: b-e; b retained, e newcomer, a c d leave
        [1, 1, 0, 2, 1, 2, 1, 1, 0, 3],
    ]
    # the empty window has zeros, not gaps: density 0, every present person a component of one
    assert w.loc["2021-02", "density"] == 0 and w.loc["2021-02", "components"] == 5
    # cross share by hand: Jan 1 of 2 ties crosses zorg/welzijn; Mar a-b zorg, c-d welzijn: 0
    assert w.loc["2021-01", "cross_share"] == 0.5 and w.loc["2021-03", "cross_share"] == 0
    assert pd.isna(w.loc["2021-02", "cross_share"])


def test_modes_cumulative_and_sliding(three_months):
    cum = timeline(three_months, freq="month", mode="cumulative", clusters=False).windows
    # distinct pairs up to each month: {ab, ac}, same, + cd, + be
    assert cum["ties"].tolist() == [2, 2, 3, 4]
    slide = timeline(three_months, freq="month", mode="sliding", length=2, clusters=False).windows
    # two months each: Jan; Jan+Feb; Feb+Mar; Mar+Apr = {ab, cd, be}
    assert slide["ties"].tolist() == [2, 2, 2, 3]
    assert slide["start"].tolist() == ["2021-01-01", "2021-01-01", "2021-02-01", "2021-03-01"]


def test_present_people_follow_joined_and_left():
    people = pd.DataFrame({"id": list("abcd"), "joined": ["", "", "", "2021-03-01"],
                           "left": ["", "", "2021-01-31", ""]})
    ds = dated([("a", "b", "2021-01-05"), ("a", "b", "2021-03-05")], people)
    w = timeline(ds, freq="month", clusters=False, by=None).windows.set_index("label")
    # Jan: a, b, c present (d not yet); Feb: a, b (c left); Mar: a, b, d
    assert w["people_present"].tolist() == [3, 2, 3]
    # isolated: present members without a tie (no learning networks, so everyone is a member)
    assert w["isolated"].tolist() == [1, 2, 1]
    # density over the people present: 1 tie of 3 possible pairs in January
    assert w.loc["2021-01", "density"] == pytest.approx(1 / 3)


def test_two_wave_survey():
    # a two-wave nomination survey, waves "meting 1" and "meting 2" (no dates)
    inter = pd.DataFrame({"source": ["a", "a", "b", "a", "c", "d"], "target": ["b", "c", "c", "b", "d", "a"],
                          "wave": ["meting 1"] * 3 + ["meting 2"] * 3})
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "welzijn", "zorg", "welzijn"]})
    ds = from_frames(people=people, interactions=inter, directed=True)
    w = timeline(ds, freq="wave", clusters=False).windows
    assert w["label"].tolist() == ["meting 1", "meting 2"] and w["start"].isna().all()
    # arcs: meting 1 a>b, a>c, b>c; meting 2 a>b, c>d, d>a; a>b repeated
    assert w[["ties", "new_ties", "repeated_ties", "dropped_ties"]].to_numpy().tolist() == [[3, 3, 0, 0], [3, 2, 1, 2]]
    # cross: meting 1 a>b, b>c (2 of 3); meting 2 a>b, c>d, d>a: all three cross
    assert w["cross_share"].tolist() == pytest.approx([2 / 3, 1.0])
    c = compare_periods(ds, "meting 1", "meting 2", permutations=99, bootstraps=99, clusters=False)
    assert c.before.waves == ("meting 1",) and c.metrics.loc["cross_share", "difference"] == pytest.approx(1 / 3)


def test_timeline_communities_on_example(example):
    tl = timeline(example, freq="year")
    # the 16 learning networks show up as communities that persist from 2020 to 2021
    assert (tl.windows["communities"] >= 10).all() and (tl.windows["modularity"] > 0.5).all()
    step = tl.evolution[tl.evolution["window"] == "2021"]
    assert step["event"].isin(["continue", "grow", "shrink", "merge", "split"]).sum() >= 10
    assert json.dumps(tl.to_dict(), default=str) == json.dumps(timeline(example, freq="year").to_dict(), default=str)


def test_between_network_ties_per_window_equal_plain_python(example):
    # Recomputed from the CSV files with plain Python: memberships declared and observed (as in
    # tests/metrics/test_pollination.py), the ties of each quarter from its interactions and the pairs at its
    # events; a tie counts once for every pair of networks {x, y} with one end in x and not y, the other in y
    # and not x.
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str)
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str)
    events = pd.read_csv(EXAMPLE / "events.csv", dtype=str).set_index("id")
    att = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    member = plain_memberships(people, inter, events, att)
    assert any(len(n) > 1 for n in member.values())  # people in several networks are covered
    pairs = {}
    for s, t, day in zip(inter["source"], inter["target"], inter["date"], strict=True):
        pairs.setdefault(str(pd.Period(day, "Q")), set()).add(frozenset((s, t)))
    for e, group in att.groupby("event"):
        quarter = pairs.setdefault(str(pd.Period(events.loc[e, "date"], "Q")), set())
        quarter |= {frozenset(p) for p in itertools.combinations(group["person"], 2)}
    tl = timeline(example, freq="quarter", clusters=False)
    expected = []
    for label in tl.windows["label"]:
        count = 0
        for u, v in map(sorted, pairs.get(label, ())):
            nu, nv = member[u], member[v]
            count += len({tuple(sorted((x, y))) for x in nu - nv for y in nv - nu})
        expected.append(count)
    assert tl.windows["between_network_ties"].tolist() == expected
    assert sum(expected) > 0


def test_between_network_ties_leave_out_ties_of_people_in_both():
    # b is in n1 and n2: a-b and b-c (2020) are ties of a shared member; a-c (2021) joins n1 and n2 members
    people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1;n2", "n2"]})
    inter = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
                          "date": ["2020-03-01", "2020-04-01", "2021-03-01"]})
    tl = timeline(from_frames(people=people, interactions=inter), freq="year", clusters=False).windows
    assert tl["between_network_ties"].tolist() == [0, 1]


def test_timeline_records_leiden_passes(example):
    # small windows: Leiden until stable by default (-1); an explicit number of passes is kept
    exact = timeline(example, freq="year").windows
    assert exact["iterations"].eq(-1).all()
    two = timeline(example, freq="year", iterations=2).windows
    assert two["iterations"].eq(2).all()
    # the same bounds as test_timeline_communities_on_example: 16 planted learning networks
    assert (two["modularity"] > 0.5).all() and (two["communities"] >= 10).all()
    assert "iterations" not in timeline(example, freq="year", clusters=False).windows
    assert timeline(example, freq="year", method="louvain").windows["iterations"].isna().all()


@pytest.mark.parametrize("freq", ["week", "month", "quarter", "year"])
def test_partial_windows_from_the_files(example, freq):
    # Issue 12: the example cut at 28 August 2021; a window is partial when the data's period (first to last dated
    # record, read from the CSV files with pandas) does not cover it from its first to its last day.
    cut = example.filter(end="2021-08-28")
    tl = timeline(cut, freq=freq, by=None, clusters=False)
    dates = pd.concat([pd.read_csv(EXAMPLE / name, usecols=["date"], parse_dates=["date"])["date"]
                       for name in ("interactions.csv", "events.csv")])
    dates = dates[dates <= "2021-08-28"]
    starts, ends = pd.to_datetime(tl.windows["start"]), pd.to_datetime(tl.windows["end"])  # end exclusive
    expected = (starts < dates.min().normalize()) | (ends > dates.max().normalize() + pd.Timedelta(days=1))
    assert tl.windows["partial"].tolist() == expected.tolist()
    assert tl.windows["partial"].iloc[-1]  # the last window ends after 28 August
    if freq == "quarter":
        assert tl.windows["partial"].tolist() == [False] * 6 + [True]
        periods = ("2021Q2", "2021Q3", "2021", "2020")
        assert [parse_period(cut, p).partial for p in periods] == [False, True, True, False]


def test_windows_without_records_equal_their_own_computation(monkeypatch):
    # Membership dates and gaps: d joins in 2021-03, c leaves at the end of 2021-01, e is in no network; an event
    # without attendance in 2021-05 (an events count, no record). Every window computed on its own (its tie table,
    # window_metrics with its bounds) against the timeline, which computes the windows without records once per
    # set of people present and number of events.
    people = pd.DataFrame({"id": list("abcde"), "domain": ["zorg", "zorg", "welzijn", "welzijn", "zorg"],
                           "networks": ["n1", "n1", "n2", "n2", ""],
                           "joined": ["", "", "", "2021-03-01", ""], "left": ["", "", "2021-01-31", "", ""]})
    inter = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "d"],
                          "date": ["2021-01-05", "2021-01-20", "2021-09-02"]})
    events = pd.DataFrame({"id": ["e1"], "date": ["2021-05-10"], "network": ["n1"]})
    ds = from_frames(people=people, interactions=inter, events=events)
    real, calls = windows_module.window_metrics, []
    monkeypatch.setattr(timeline_module, "window_metrics", lambda *a, **k: calls.append(k["start"]) or real(*a, **k))
    for clusters in (False, True):
        calls.clear()
        tl = timeline(ds, freq="month", clusters=clusters).windows
        expected = []
        for w in ds.windows("month"):
            t = window_ties(w.dataset)
            expected.append(real(w.dataset, tie_table=t, start=w.start, end=w.end, clusters=clusters)[0])
        expected = pd.DataFrame(expected)
        pd.testing.assert_frame_equal(tl[expected.columns], expected)
        # 9 months: Jan and Sep with records; without: Feb (c gone, d not yet: a, b, e), Mar-Apr and Jun-Aug (d
        # joined: a, b, d, e) and May (an event): 2 + 3 computations
        assert len(tl) == 9 and len(calls) == 5
        assert tl["people_present"].tolist() == [4, 3, 4, 4, 4, 4, 4, 4, 4]
        assert tl["events"].tolist() == [0, 0, 0, 0, 1, 0, 0, 0, 0]
