"""`collabgraph brokers`: exact text, JSON keys, CSV, exit codes, and agreement with the Python API."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import collabgraph
import collabgraph.datasets
from collabgraph.cli.common import to_json
from collabgraph.metrics.brokerage import CONVENTION, brokers
from tests.cli.conftest import run


def test_text_explains_the_numbers(networks):
    result = run("brokers", networks, "--limit", "2")
    assert result.exit_code == 0, result.output
    # c's counts by hand: c (welzijn) has contacts a, b, f (zorg) and d (onderwijs); open pairs through c are
    # a-d, b-d, f-d (liaison, both directions: 6) and b-f (itinerant, both directions: 2); a-b and a-f are tied.
    # The expected values and z are sna's formulas (checked against R in tests/metrics/test_brokerage.py).
    assert result.output.splitlines() == [
        "Brokerage between domain groups (undirected ties, each counted as two arcs).",
        f"Convention: {CONVENTION}.",
        "1 person has no domain and is left out of the roles.",
        "Whole network, observed vs. a random graph of the same density and group sizes:",
        "- coordinator: 2 times someone links two members of their own group (random: 0.7, z = 1.46)",
        "- itinerant: 4 times someone links two members of one other group (random: 3.0, z = 0.45)",
        "- representative: 0 times someone passes a contact from their own group to another group "
        "(random: 3.0, z = -1.49)",
        "- gatekeeper: 0 times someone lets a contact from another group into their own group (random: 3.0, z = -1.49)",
        "- liaison: 6 times someone links two different groups, neither their own (random: 4.2, z = 0.85)",
        "- total: 12 times someone brokers any open two-path (random: 13.9, z = -0.40)",
        "Top 2 brokers by number of brokered two-paths (constraint: lower means more structural holes; "
        "hierarchy: 0 when all contacts constrain equally):",
        "- c (welzijn): 8 two-paths (2 itinerant, 6 liaison); betweenness 9.5, constraint 0.53, "
        "effective size 3.00, hierarchy 0.09",
        "- d (onderwijs): 2 two-paths (2 itinerant); betweenness 8.0, constraint 0.50, effective size 2.00, "
        "hierarchy 0.00",
        "Dependency: 2 coordinators and top brokers were removed one at a time from their learning network; "
        "2 of them leave members disconnected.",
        "- n1: without a (coordinator and broker) fragmentation goes from 0.00 to 1.00; 1 of the other 2 "
        "members (50%) lose their place in the largest connected group",
        "- n2: without c (broker) fragmentation goes from 0.00 to 1.00; 1 of the other 2 members (50%) "
        "lose their place in the largest connected group",
    ]


def test_json_has_the_issue_keys_and_equals_the_api(networks):
    result = run("brokers", networks, "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert list(payload)[:2] == ["by", "convention"]
    assert payload["by"] == "domain" and payload["convention"] == CONVENTION
    assert list(payload["people"][0])[:1] == ["id"]
    assert set(payload["people"][0]) >= {"id", "coordinator", "itinerant", "gatekeeper", "representative",
                                         "liaison", "total", "constraint", "effective_size", "hierarchy",
                                         "betweenness"}
    api = brokers(collabgraph.load(networks), "domain")
    assert payload == json.loads(to_json(api.to_dict()))
    g = next(p for p in payload["people"] if p["id"] == "g")
    assert g["total"] is None and g["group"] is None  # no domain: left out of the roles, counted
    assert payload["missing"] == 1


def test_csv_is_the_people_table(networks):
    result = run("brokers", networks, "--format", "csv")
    assert result.exit_code == 0
    table = pd.read_csv(io.StringIO(result.output))
    assert list(table.columns) == ["id", "group", "coordinator", "itinerant", "representative", "gatekeeper",
                                   "liaison", "total", "constraint", "effective_size", "hierarchy", "betweenness"]
    assert table.set_index("id").loc["c", "liaison"] == 6


def test_campnet_directed_numbers_equal_sna_and_ucinet(realdata):
    result = run("brokers", realdata / "campnet", "--directed", "--by", "gender", "--format", "json")
    assert result.exit_code == 0, result.output
    holly = next(p for p in json.loads(result.output)["people"] if p["id"] == "HOLLY")
    # R sna::brokerage(g, nodes$gender) raw.nli for HOLLY: w_I 1, w_O 0, b_IO 1, b_OI 6, b_O 0, t 8
    assert [holly[k] for k in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")] \
        == [1, 0, 1, 6, 0, 8]
    assert holly["betweenness"] == pytest.approx(78.3333, abs=1e-4)  # UCINET, campnet/nodes.csv


def test_pivots_are_seeded(networks):
    first = run("brokers", networks, "--pivots", "3", "--seed", "5", "--format", "json").output
    assert first == run("brokers", networks, "--pivots", "3", "--seed", "5", "--format", "json").output
    assert json.loads(first)["betweenness_pivots"] == 3


def test_unknown_attribute_exits_2(networks):
    result = run("brokers", networks, "--by", "nope")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: Unknown attribute 'nope'; people have: name, role, "
                                             "profession, organisation, domain, joined, left.")


def test_example_names_the_network_that_depends_on_its_coordinator():
    # datasets/leernetwerken/planted.json, "coordinator_dependent": the text lists it first
    planted = collabgraph.datasets.planted()["coordinator_dependent"]
    result = run("brokers", collabgraph.datasets.EXAMPLE, "--by", "domain")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    first = lines[next(i for i, line in enumerate(lines) if line.startswith("Dependency:")) + 1]
    assert first.startswith(f"- {planted['network']}: without {planted['coordinator']} (coordinator")
