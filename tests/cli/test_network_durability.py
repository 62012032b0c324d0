"""`collabgraph networks --durability`: doorwerking per network as text, JSON and CSV, on the hand-made
five-network dataset of tests/metrics/test_durability.py (its figures are worked out there by hand)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from collabgraph.groups import PROGRAMME
from collabgraph.metrics.durability import COLUMNS
from tests.cli.conftest import run
from tests.metrics.test_durability import ATTENDANCE, EVENTS, INTERACTIONS, PEOPLE


@pytest.fixture
def five(tmp_path):
    for name, frame in (("people", PEOPLE), ("interactions", INTERACTIONS), ("events", EVENTS),
                        ("attendance", ATTENDANCE)):
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    return tmp_path


def test_text(five):
    r = run("networks", five, "--durability")
    assert r.exit_code == 0, r.output
    lines = [line for line in r.output.splitlines() if line]
    assert "(the data end on 2021-10-01; docs/time.md)" in lines[0]
    assert lines[1:] == [
        "n1 (end 2021-03-31, its last event; 184 days of data after it): of the 5 ties formed, 2 (40%) had a record "
        "after its end (within one domain: 100% of 1; across domains: 25% of 4).",
        "n2 (end 2021-06-01, its last event; 122 days of data after it): of the 4 ties formed, 1 (25%) had a record "
        "after its end (within one domain: 33% of 3; across domains: 0% of 1).",
        "n3 (end 2021-07-15, its last record, no dated event; 78 days of data after it): of the 2 ties formed, 1 "
        "(50%) had a record after its end (within one domain: 100% of 1).",
        "n4 (end 2021-04-10, its last event; 174 days of data after it): 0 ties formed; no ties were formed in the "
        "network up to its end.",
        "n5 (end 2021-10-01, its last record, no dated event): 1 tie formed; the data end on 2021-10-01, on the "
        "network's end: no record after it can be seen yet.",
        "All networks (each tie once, followed from the latest end of the networks it was formed in): of the 9 ties "
        "formed that can be followed, 2 (22%) had a record after their end (within one domain: 50% of 4; across "
        "domains: 0% of 4); 1 tie was formed in networks that had not ended before the data's last day "
        "(2021-10-01): no record after their end can be seen yet, so it is left out of the share.",
    ]


def test_json_and_dutch_by(five):
    r = run("networks", five, "--durability", "--by", "Domein", "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["by"] == "domain" and [row["network"] for row in out["networks"]] == ["n1", "n2", "n3", "n4", "n5"]
    n1, n5, prog = out["networks"][0], out["networks"][4], out["programme"]
    assert (n1["end"], n1["end_source"], n1["formed"], n1["active_after"], n1["share"]) == (
        "2021-03-31", "last event", 5, 2, 0.4)
    assert n1["within"] == {"formed": 1, "unobserved": 0, "active_after": 1, "share": 1.0}
    assert n1["across"] == {"formed": 4, "unobserved": 0, "active_after": 1, "share": 0.25}
    # nothing after n5's end yet: no share, not 0%
    assert (n5["formed"], n5["unobserved"], n5["active_after"], n5["share"]) == (1, 1, None, None)
    assert n5["note"].endswith("no record after it can be seen yet")
    assert (prog["network"], prog["level"], prog["formed"], prog["unobserved"], prog["active_after"]) == (
        PROGRAMME, "programme", 10, 1, 2)


def test_csv(five):
    r = run("networks", five, "--durability", "--format", "csv")
    assert r.exit_code == 0, r.output
    table = pd.read_csv(io.StringIO(r.output))
    assert table.columns.tolist() == COLUMNS
    assert table["network"].tolist() == ["n1", "n2", "n3", "n4", "n5", PROGRAMME]
    assert table["end"].tolist()[:2] == ["2021-03-31", "2021-06-01"]
    assert table["formed"].tolist() == [5, 4, 2, 0, 1, 10]
    assert table["share"].iloc[:3].tolist() == [0.4, 0.25, 0.5] and table["share"].iloc[3:5].isna().all()


def test_scorecard_has_the_share(five):
    out = json.loads(run("networks", five, "--format", "json").output)
    assert [row["durability"] for row in out["networks"]] == [0.4, 0.25, 0.5, None, None]
    assert out["programme"]["durability"] == 2 / 9
    lines = run("networks", five).output.splitlines()
    assert [line for line in lines if "lasting ties" in line] == [
        "  lasting ties: 40% of the ties formed in it up to its end had a record after it (networks --durability)",
        "  lasting ties: 25% of the ties formed in it up to its end had a record after it (networks --durability)",
        "  lasting ties: 50% of the ties formed in it up to its end had a record after it (networks --durability)",
        *["  lasting ties undefined: no tie formed in it can be followed after its end (networks --durability)"] * 2,
        "  lasting ties: 22% of the ties formed in a network up to that network's end had a record after it "
        "(networks --durability)"]


def test_without_networks_and_with_an_unknown_attribute(tmp_path, five):
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "interactions.csv").write_text("source,target,date\na,b,2021-01-01\n")
    r = run("networks", tmp_path / "plain", "--durability")
    assert r.exit_code == 0 and "\nNo learning networks in the data (no networks column" in r.output, r.output
    r = run("networks", five, "--durability", "--by", "hobby")
    assert r.exit_code == 2 and "; got 'hobby'." in r.output, r.output
