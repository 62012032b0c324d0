"""`collabgraph timeline`: exact sentences, JSON keys equal to the API, CSV, waves and exit codes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import collabgraph
from collabgraph.cli.common import to_json
from collabgraph.metrics.timeline import timeline
from tests.cli.conftest import run

# Hand-made (the churn test of tests/metrics/test_timeline.py): January a-b, a-c; February empty;
# March a-b, c-d; April b-e. a, b, e zorg; c, d welzijn.
PEOPLE = "id,domain\na,zorg\nb,zorg\nc,welzijn\nd,welzijn\ne,zorg\n"
INTERACTIONS = ("source,target,date\na,b,2021-01-05\na,c,2021-01-20\na,b,2021-03-02\nc,d,2021-03-03\n"
                "b,e,2021-04-10\n")


@pytest.fixture
def small(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    return tmp_path


def test_text_by_hand(small):
    # density: ties over the 10 pairs of 5 people present; components and isolated members by hand
    r = run("timeline", small, "--freq", "month", "--no-clusters", "--programme-end", "2021-03-01")
    assert r.exit_code == 0, r.output
    # the data run from 5 January to 10 April: January and April are partial windows; no learning networks, so no
    # "0 ties between learning networks" (newuser2, finding 18)
    assert r.output.splitlines() == [
        "Timeline per month: 4 windows; 2 windows not covered completely by the data (partial: counts of the days "
        "covered, not comparable with full windows).",
        "2021-01 (2021-01-01 to 2021-01-31; partial window: the data start on 2021-01-05): 3 people with a tie, "
        "2 ties (2 new, 0 repeated, 0 dropped since the "
        "previous window); density 0.200, 3 components, 2 isolated members; cross-domain ties 50% (E-I 0.00); "
        "people with a tie: 0 stayed, 3 new, 0 returned, 0 left.",
        "2021-02 (2021-02-01 to 2021-02-28): 0 people with a tie, 0 ties (0 new, 0 repeated, 2 dropped since the "
        "previous window); density 0.000, 5 components, 5 isolated members; cross-domain ties undefined "
        "(E-I undefined); people with a tie: 0 stayed, 0 new, 0 returned, 3 left.",
        "2021-03 (2021-03-01 to 2021-03-31): 4 people with a tie, 2 ties (2 new, 0 repeated, 0 dropped since the "
        "previous window); density 0.200, 3 components, 1 isolated member; cross-domain ties 0% (E-I -1.00); "
        "people with a tie: 0 stayed, 1 new, 3 returned, 0 left.",
        "2021-04 (2021-04-01 to 2021-04-30; partial window: the data end on 2021-04-10): 2 people with a tie, "
        "1 tie (1 new, 0 repeated, 2 dropped since the "
        "previous window); density 0.100, 4 components, 3 isolated members; cross-domain ties 0% (E-I -1.00); "
        "people with a tie: 1 stayed, 1 new, 0 returned, 3 left.",
        "",
        # formed before March: a-b (within zorg), a-c (across); a-b is seen again in March
        "Of the 2 ties formed before 2021-03-01, 1 (50%) were still active on or after it (ties within one "
        "domain: 100%, across domains: 0%).",
    ]


@pytest.mark.parametrize(("args", "notes"), [
    ([], ["the data start on {first}", "the data end on {last}"]),
    (["--end", "2021-03-15"], ["the data start on {first} and the period ends on 2021-03-15 (--end), the data on "
                               "{last}"]),
    (["--end", "15-04-2021"], ["the data start on {first}", "the period ends on 2021-04-15 (--end), the data on "
                                                            "{last}"]),
    (["--start", "02-01-2021", "--end", "10-03-2021"],
     ["the period starts on 2021-01-02 (--start), the data on {first} and the period ends on 2021-03-10 (--end), "
      "the data on {last}"]),
])
def test_partial_window_says_where_the_period_given_ends(small, args, notes):
    # newuser2 finding 16: 'timeline --end 30-06-2015' said "the data end on 2015-06-30": the user's --end.
    dates = pd.to_datetime(pd.read_csv(small / "interactions.csv")["date"])
    day = {k: args[args.index(k) + 1] for k in ("--start", "--end") if k in args}  # ISO or dd-mm-yyyy
    given = {k: pd.to_datetime(v, format="%d-%m-%Y" if v[2] == "-" else "%Y-%m-%d") for k, v in day.items()}
    kept = dates[(dates >= given.get("--start", dates.min())) & (dates <= given.get("--end", dates.max()))]
    r = run("timeline", small, "--freq", "quarter", "--no-clusters", *args)
    assert r.exit_code == 0, r.output
    said = [line.split("; partial window: ")[1].split("): ")[0] for line in r.output.splitlines()[1:]]
    assert said == [n.format(first=kept.min().date(), last=kept.max().date()) for n in notes]


def test_json_equals_api_and_csv(small):
    r = run("timeline", small, "--freq", "month", "--mode", "cumulative", "--format", "json")
    assert r.exit_code == 0, r.output
    got = json.loads(r.output)
    api = timeline(collabgraph.load(small), freq="month", mode="cumulative")
    assert got == json.loads(to_json(api.to_dict()))
    assert [w["ties"] for w in got["windows"]] == [2, 2, 3, 4]
    # the keys
    assert {"freq", "mode", "windows"} <= set(got)
    assert {"start", "end", "people_active", "ties", "new_ties", "dropped_ties", "density", "components",
            "cross_share", "ei_index"} <= set(got["windows"][0])
    assert (got["windows"][0]["start"], got["windows"][0]["end"]) == ("2021-01-01", "2021-02-01")
    csv = run("timeline", small, "--freq", "quarter", "--format", "csv", "--no-clusters")
    table = pd.read_csv(io.StringIO(csv.output))
    # Q1: a-b, a-c, c-d; Q2: b-e
    assert table[["label", "ties", "partial"]].values.tolist() == [["2021Q1", 3, True], ["2021Q2", 1, True]]
    # cumulative windows all start on 1 January, before the data (5 January): every one is partial
    assert [w["partial"] for w in got["windows"]] == [True, True, True, True]
    fixed = json.loads(run("timeline", small, "--freq", "month", "--format", "json", "--no-clusters").output)
    assert [w["partial"] for w in fixed["windows"]] == [True, False, False, True]


def test_waves(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,wave\na,b,T0\nb,c,T0\na,b,T1\nc,d,T1\n")
    r = run("timeline", tmp_path, "--freq", "wave", "--by", "role", "--no-clusters", "--format", "json")
    assert r.exit_code == 0, r.output
    w = json.loads(r.output)["windows"]
    assert [(x["label"], x["start"], x["ties"], x["repeated_ties"]) for x in w] == [("T0", None, 2, 0),
                                                                                  ("T1", None, 2, 1)]
    assert [x["partial"] for x in w] == [False, False]  # a wave is complete by definition


def test_undated_data_give_no_windows_and_say_why(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,wave\na,b,T0\nb,c,T1\n")
    r = run("timeline", tmp_path)
    assert r.exit_code == 0, r.output
    assert r.stdout == ("Timeline per quarter: 0 windows: no record has a date "  # stderr: no people table
                        "(--freq wave gives a window per survey wave).\n")
    assert json.loads(run("timeline", tmp_path, "--format", "json").output)["windows"] == []


def test_usage_errors(small):
    r = run("timeline", small, "--freq", "fortnight")
    assert r.exit_code == 2 and "Invalid value for '--freq'" in r.output
    r = run("timeline", small, "--freq", "wave")
    assert r.exit_code == 2
    assert ("Error: freq must be one of day, week, month, quarter, year (the interactions have no wave "
            "column); got 'wave'.") in r.output
    r = run("timeline", small, "--programme-end", "someday")
    assert r.exit_code == 2 and "expected a date like 2021-12-31, got 'someday'." in r.output


def test_help_lists_options():
    r = run("timeline", "--help")
    assert r.exit_code == 0
    for option in ("--freq", "--mode", "--length", "--by", "--ties", "--programme-end", "--format"):
        assert option in r.output


def test_iterations_option(small):
    got = json.loads(run("timeline", small, "--freq", "month", "--iterations", "3", "--format", "json").output)
    assert {w["iterations"] for w in got["windows"]} == {3}
    default = json.loads(run("timeline", small, "--freq", "month", "--format", "json").output)
    assert {w["iterations"] for w in default["windows"]} == {-1}  # small windows: until stable


def test_community_count_says_its_minimum_size(tmp_path):
    # two separate pairs a-b and c-d, both in January: modularity 1 - 2 * (1/2)^2 = 0.5 from two
    # communities of 2 people; the window counts communities of 3 or more, so 0, and the text says so
    (tmp_path / "people.csv").write_text("id\na\nb\nc\nd\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-01\nc,d,2021-01-31\n")
    r = run("timeline", tmp_path, "--freq", "month")
    assert r.exit_code == 0, r.output
    assert "modularity 0.50, 0 communities of 3 or more people;" in r.output.splitlines()[1]
    j = json.loads(run("timeline", tmp_path, "--freq", "month", "--format", "json").output)
    assert (j["windows"][0]["modularity"], j["windows"][0]["communities"]) == (pytest.approx(0.5), 0)


def test_people_counted_are_those_with_a_tie_and_the_label_says_so(tmp_path):
    # F9: e3 in 2021Q2 has p5 alone: a record but no tie, so Q2 has 0 people with a tie (was "0 people active")
    (tmp_path / "people.csv").write_text("id,domain\np1,zorg\np2,welzijn\np3,zorg\np4,onderwijs\np5,zorg\n")
    (tmp_path / "events.csv").write_text("id,date\ne1,2021-01-10\ne2,2021-02-10\ne3,2021-05-10\n")
    (tmp_path / "attendance.csv").write_text("event,person\ne1,p1\ne1,p2\ne1,p3\ne2,p1\ne2,p4\ne3,p5\n")
    att = pd.read_csv(tmp_path / "attendance.csv").merge(pd.read_csv(tmp_path / "events.csv"), left_on="event",
                                                         right_on="id")
    att["quarter"] = pd.to_datetime(att["date"]).dt.to_period("Q").astype(str)
    size = att.groupby("event")["person"].transform("size")
    with_tie = att[size >= 2].groupby("quarter")["person"].nunique()
    lines = run("timeline", tmp_path, "--freq", "quarter", "--no-clusters").output.splitlines()
    for quarter in ("2021Q1", "2021Q2"):
        line = next(x for x in lines if x.startswith(quarter))
        n = int(with_tie.get(quarter, 0))
        assert f": {n} {'person' if n == 1 else 'people'} with a tie, " in line
    assert att.loc[att["quarter"] == "2021Q2", "person"].tolist() == ["p5"]  # a record, but no one to tie with
    compare = run("compare", tmp_path, "--before", "2021Q1", "--after", "2021Q2", "--permutations", "0",
                  "--bootstraps", "0", "--no-clusters").output
    assert f"People with a tie: {with_tie['2021Q1']} in 2021Q1, 0 in 2021Q2" in compare


def test_ties_between_networks_said_only_with_networks(small):
    # the same data with learning networks (c in N1 and N2): every window keeps its "ties between learning
    # networks" line, which data without networks leave out (test_text_by_hand)
    people = pd.read_csv(small / "people.csv").assign(networks=["N1", "N1", "N1;N2", "N2", "N1"])
    people.to_csv(small / "people.csv", index=False)
    r = run("timeline", small, "--freq", "month", "--no-clusters")
    assert r.exit_code == 0, r.output
    lines = [x for x in r.output.splitlines() if x.startswith("2021-")]
    assert len(lines) == 4 and all("between learning networks" in x for x in lines)
