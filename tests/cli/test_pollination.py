"""`collabgraph pollination`: exact text, JSON keys, CSV tables, and agreement with the Python API."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import collabgraph
import collabgraph.datasets
from collabgraph.cli.common import to_json
from collabgraph.metrics.pollination import pollination
from tests.cli.conftest import run


def test_text_explains_the_numbers(networks):
    result = run("pollination", networks)
    assert result.exit_code == 0, result.output
    # by hand (same data as tests/metrics/test_pollination.py): n1 = {a, b, f} has 5 ties touching it,
    # 3 leaving (b-c, f-c, a-c): E-I (3 - 2) / 5 = 0.2; n1-n2 ties: f-c, a-c = 2 of the 7 touching either,
    # and a-b, b-c of b (in both); n2-n3: only c-d, d-e of d (in both), so not listed
    assert result.output.splitlines() == [
        "3 learning networks; 2 people are members of two or more (boundary spanners).",
        "Network of networks: 67% of the 3 pairs of networks share a member or a tie.",
        "Openness per network (E-I of its members' ties: -1 all inside, +1 all to outsiders):",
        "- n1: 3 members (1 also elsewhere); 60% of 5 ties reach outside (E-I 0.20)",
        "- n2: 3 members (2 also elsewhere); 67% of 6 ties reach outside (E-I 0.33)",
        "- n3: 2 members (1 also elsewhere); 67% of 3 ties reach outside (E-I 0.33)",
        "Most shared members:",
        "- n2 and n3 share 1 member (Jaccard 0.25)",
        "- n1 and n2 share 1 member (Jaccard 0.20)",
        "Most ties between networks (a member of one and a member of the other, neither in both):",
        "- n1 and n2: 2 ties, 29% of the ties touching either; 2 more ties of people in both",
        "Ties of people in both networks of a pair are not ties between the networks (via_shared, per pair, "
        "in --format json and --table between_network_ties).",
        "Boundary spanners:",
        "- b: in 2 networks (n1, n2); betweenness 0.0, brokers 0 two-paths by domain",
        "- d: in 2 networks (n2, n3); betweenness 8.0, brokers 2 two-paths by domain",
    ]


def test_json_has_the_issue_keys_and_equals_the_api(networks):
    result = run("pollination", networks, "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert list(payload)[:4] == ["networks", "overlap", "spanners", "between_network_ties"]
    assert payload == json.loads(to_json(pollination(collabgraph.load(networks)).to_dict()))
    assert payload["overlap"][0] == {"network_a": "n1", "network_b": "n2", "shared": 1, "jaccard": 0.2}
    assert payload["between_network_ties"][0] == {"network_a": "n1", "network_b": "n2", "ties": 2, "share": 2 / 7,
                                                  "via_shared": 2}
    assert payload["network_of_networks"]["density"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("table", ["networks", "overlap", "spanners", "between_network_ties"])
def test_csv_writes_the_chosen_table(networks, table):
    result = run("pollination", networks, "--format", "csv", "--table", table)
    assert result.exit_code == 0
    expected = getattr(pollination(collabgraph.load(networks)), table)
    assert list(pd.read_csv(io.StringIO(result.output)).columns) == list(expected.columns)
    assert len(pd.read_csv(io.StringIO(result.output))) == len(expected)


def test_network_filter_keeps_one_network(networks):
    # --network n2 keeps n2's members and ties (b-c, c-d): both stay inside, so E-I = -1
    result = run("pollination", networks, "--network", "n2")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "1 learning network; 0 people are members of two or more (boundary spanners).",
        "Fewer than two learning networks: no pairs of networks to compare.",
        "Openness per network (E-I of its members' ties: -1 all inside, +1 all to outsiders):",
        "- n2: 3 members (0 also elsewhere); 0% of 2 ties reach outside (E-I -1.00)",
    ]


def test_one_tie_reaches_in_the_singular(tmp_path):
    # one interaction a-b in n1: 2 members, 1 tie, inside the network (E-I -1)
    (tmp_path / "interactions.csv").write_text("source,target,network\na,b,n1\n")
    result = run("pollination", tmp_path)
    assert result.exit_code == 0, result.output
    assert "- n1: 2 members (0 also elsewhere); 0% of 1 tie reaches outside (E-I -1.00)" in result.output.splitlines()


def test_example_lists_the_planted_boundary_spanners():
    # datasets/leernetwerken/planted.json, "boundary_spanners": people active in three or more networks
    planted = collabgraph.datasets.planted()["boundary_spanners"]
    result = run("pollination", collabgraph.datasets.EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    spanners = json.loads(result.output)["spanners"]
    assert sorted(s["id"] for s in spanners if s["n_networks"] >= 3) == sorted(planted)
