"""`collabgraph compare`: sentences with the change and its uncertainty, JSON keys equal to the API, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

import collabgraph
from collabgraph.cli.common import to_json
from collabgraph.datasets import planted
from collabgraph.metrics.periods import compare_periods
from tests.cli.conftest import run

EXAMPLE = Path(collabgraph.datasets.__file__).parent / "leernetwerken"


def test_example_growth_text_and_json():
    args = ["compare", EXAMPLE, "--before", "2020", "--after", "2021", "--by", "domain",
            "--permutations", "200", "--bootstraps", "200", "--no-clusters"]
    r = run(*args)
    assert r.exit_code == 0, r.output
    c = compare_periods(collabgraph.load(EXAMPLE), "2020", "2021", permutations=200, bootstraps=200, clusters=False)
    share = c.metrics.loc["cross_share"]
    lo, hi = c.cross_interval
    lines = r.output.splitlines()
    assert lines[0] == ("Comparing 2020 (2020-01-01 to 2020-12-31) with 2021 (2021-01-01 to 2021-12-31); "
                        "ties from interactions and shared events.")
    # the planted growth (datasets/leernetwerken/planted.json), with its bootstrap interval
    growth = planted()["growth"]["cross_domain_share"]
    assert (share["before"], share["after"]) == pytest.approx((growth["2020"], growth["2021"]), abs=5e-4)
    assert lines[1] == (f"Cross-domain ties: {share['before']:.0%} in 2020, {share['after']:.0%} in 2021 "
                        f"(+{100 * share['difference']:.0f} points, 95% interval +{100 * lo:.0f} to +{100 * hi:.0f}; "
                        f"bootstrap over {c.people_resampled} people).")
    assert lines[2].startswith("E-I index by domain: ")
    assert lines[2].endswith("; p = 0.005 when the period of each tie is shuffled 200 times).")  # 1/201
    networks = next(x for x in lines if x.startswith("- top learning networks: "))
    first_three = [part.rsplit(" ", 1)[0] for part in networks.split(": ", 1)[1].split(", ")[:3]]
    assert set(first_three) == set(planted()["growth"]["networks"])

    got = json.loads(run(*args, "--format", "json").output)
    assert got == json.loads(to_json(c.to_dict()))
    assert {"before", "after", "change", "attribution"} <= set(got)
    assert set(got["change"]["cross_share"]) == {"before", "after", "difference", "interval"}
    assert set(got["change"]["ei_index"]) == {"before", "after", "difference", "p_value", "interval"}
    assert got["before"]["cross_share"] == got["change"]["cross_share"]["before"]
    assert got["before"]["period"] == {"label": "2020", "start": "2020-01-01", "end": "2020-12-31", "waves": None,
                                       "partial": False}
    levels = {a["level"] for a in got["attribution"]}
    assert levels == {"tie_status", "network", "group", "group_pair", "new_tie_pair", "person"}


def test_connectors_with_direct_interactions():
    r = run("compare", EXAMPLE, "--before", "2020", "--after", "2021", "--ties", "interactions",
            "--permutations", "0", "--bootstraps", "0", "--no-clusters", "--format", "csv")
    assert r.exit_code == 0, r.output
    table = pd.read_csv(io.StringIO(r.output))
    people = table[table["level"] == "person"].sort_values("contribution", ascending=False).head(10)
    assert people["name"].isin(planted()["growth"]["connectors"]).sum() >= 7


def test_waves_and_errors(tmp_path):
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,welzijn\nc,zorg\nd,welzijn\n")
    (tmp_path / "interactions.csv").write_text(
        "source,target,wave\na,c,meting 1\nb,d,meting 1\na,b,meting 1\na,b,meting 2\nc,d,meting 2\nb,c,meting 2\n")
    r = run("compare", tmp_path, "--before", "meting 1", "--after", "meting 2", "--permutations", "99",
            "--bootstraps", "99", "--no-clusters")
    assert r.exit_code == 0, r.output
    # meting 1: a-b crosses (1 of 3); meting 2: a-b, c-d, b-c cross (3 of 3)
    assert r.output.splitlines()[0] == ("Comparing wave meting 1 with wave meting 2; ties from interactions and "
                                        "shared events.")
    assert r.output.splitlines()[1].startswith("Cross-domain ties: 33% in meting 1, 100% in meting 2 (+67 points, ")
    r = run("compare", tmp_path, "--before", "2020", "--after", "meting 2")
    assert r.exit_code == 2
    assert "Error: period must be a wave label (meting 1, meting 2); got '2020'." in r.output
    r = run("compare", tmp_path, "--before", "meting 1")
    assert r.exit_code == 2 and "Missing option '--after'" in r.output


def test_no_change_lists_both_directions_and_json_holds_every_part(tmp_path):
    # F14: two cross ties in 2021Q1 (a-b zorg-welzijn, c-d zorg-onderwijs), one in 2021Q2 (a-b): the share stays
    # 100%, but onderwijs and c, d pulled it down as much as welzijn and a, b pushed it up.
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,welzijn\nc,zorg\nd,onderwijs\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-05\nc,d,2021-02-05\n"
                                               "a,b,2021-06-01\n")
    # Recount from the files: a person gets half of each tie's change in the share of cross ties,
    # 1/T_after for a cross tie after and -1/T_before for one before; a domain the sum of its people.
    inter = pd.read_csv(tmp_path / "interactions.csv", parse_dates=["date"])
    domain = pd.read_csv(tmp_path / "people.csv").set_index("id")["domain"]
    parts = []
    for quarter, sign in (("2021Q1", -1), ("2021Q2", 1)):
        ties = inter[inter["date"].dt.to_period("Q").astype(str) == quarter].drop_duplicates(["source", "target"])
        cross = ties[ties["source"].map(domain) != ties["target"].map(domain)]
        ends = pd.concat([cross["source"], cross["target"]])
        parts.append(sign * ends.value_counts() / (2 * len(ties)))
    person = parts[0].add(parts[1], fill_value=0)
    group = person.groupby(person.index.map(domain)).sum()
    assert group.sum() == 0 and (group < 0).any() and (group > 0).any()

    args = ["compare", tmp_path, "--before", "2021Q1", "--after", "2021Q2", "--permutations", "0",
            "--bootstraps", "0", "--no-clusters"]
    got = json.loads(run(*args, "--format", "json").output)
    rows = pd.DataFrame(got["attribution"])
    for level, expected in (("person", person), ("group", group)):
        listed = rows[rows["level"] == level].set_index("name")["contribution"]
        assert listed.sort_index().to_dict() == pytest.approx(expected.sort_index().to_dict())
    for level in ("tie_status", "group", "group_pair", "person"):
        assert rows.loc[rows["level"] == level, "contribution"].sum() == pytest.approx(0)

    text = run(*args).output.splitlines()
    assert "The cross-domain share did not change; the largest parts in either direction, " in "\n".join(text)
    people = next(x for x in text if x.startswith("- top people: ")).split(": ", 1)[1].split(", ")
    assert sorted(people) == sorted(f"{p} ({domain[p]}) {100 * v:+.0f}" for p, v in person.items())
    domains = next(x for x in text if x.startswith("- top domains: ")).split(": ", 1)[1].split(", ")
    assert sorted(domains) == sorted(f"{g} {100 * v:+.0f}" for g, v in group[group != 0].items())


def test_confidence_sets_the_interval_and_level_is_its_deprecated_alias():
    """Issue 15, "--level means one thing": metrics --level is network/group/person; compare's confidence
    level is --confidence. The old --level still works (same output), hidden, with a note on stderr."""
    args = ["compare", EXAMPLE, "--before", "2020", "--after", "2021", "--permutations", "0", "--bootstraps", "50",
            "--no-clusters", "--format", "json"]
    new = run(*args, "--confidence", "0.8")
    assert new.exit_code == 0 and new.stderr == ""
    data = json.loads(new.stdout)
    c = compare_periods(collabgraph.load(EXAMPLE), "2020", "2021", permutations=0, bootstraps=50, confidence=0.8,
                        clusters=False)
    assert data["uncertainty"]["level"] == 0.8 and data == json.loads(to_json(c.to_dict()))
    old = run(*args, "--level", "0.8")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert old.stderr == "Note: compare's --level is deprecated; use --confidence (the same confidence level).\n"
    assert json.loads(run(*args).stdout)["uncertainty"]["level"] == 0.95
    text = run(*args[:-2], "--confidence", "0.8").stdout
    assert "80% interval" in text
    shown = " ".join(run("compare", "--help").stdout.split())
    assert "--confidence FLOAT RANGE" in shown and "--level" not in shown


def _span(folder) -> str:
    """First to last day of the dated interactions and events, read with pandas."""
    dates = pd.concat([pd.to_datetime(pd.read_csv(folder / f"{table}.csv", dtype=str)["date"], format="ISO8601")
                       for table in ("interactions", "events")])
    return f"{dates.min().date()} to {dates.max().date()}"


@pytest.mark.parametrize("before, after, wrong", [
    ("2030", "2031", "'2030' (2030-01-01 to 2030-12-31)"),
    ("2020", "2030Q2", "'2030Q2' (2030-04-01 to 2030-06-30)"),
    ("2010-01-01..2019-12-31", "2021", "'2010-01-01..2019-12-31'"),
])
def test_a_period_outside_the_data_is_a_parameter_error(before, after, wrong):
    """Issue 15 audit: 'compare --before 2030 --after 2031' exited 0 with "partial: the data cover only part of it"
    and a table of zeros. A period without any overlap with the data is refused (exit 2, as a wrong value), naming
    the data's period; one that overlaps in part is still compared, with its note."""
    result = run("compare", EXAMPLE, "--before", before, "--after", after, "--permutations", "0", "--bootstraps", "0",
                 "--no-clusters")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"Error: Period {wrong} has no records: the data cover {_span(EXAMPLE)}. Choose a period "
                             "that overlaps them.\n")
    partial = run("compare", EXAMPLE, "--before", "2019-12-01..2020-12-31", "--after", "2022", "--permutations", "0",
                  "--bootstraps", "0", "--no-clusters")
    assert partial.exit_code == 0
    assert partial.stdout.count("partial: the data cover only part of it") == 2
