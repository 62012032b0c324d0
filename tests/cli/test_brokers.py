"""`collabgraph brokers`: exact text, JSON keys, CSV, exit codes, and agreement with the Python API."""

from __future__ import annotations

import io
import itertools
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
        "- broker within their own group: 2 times someone links two members of their own group "
        "(random: 0.7, z = 1.46)",
        "- itinerant broker: 4 times someone links two members of one other group (random: 3.0, z = 0.45)",
        "- representative: 0 times someone passes a contact from their own group to another group "
        "(random: 3.0, z = -1.49)",
        "- gatekeeper: 0 times someone lets a contact from another group into their own group (random: 3.0, z = -1.49)",
        "- liaison: 6 times someone links two different groups, neither their own (random: 4.2, z = 0.85)",
        "- total: 12 times someone brokers any open two-path (random: 13.9, z = -0.40)",
        "Top 2 brokers by number of brokered two-paths (constraint: lower means more structural holes; "
        "hierarchy: 0 when all contacts constrain equally):",
        "- c (welzijn): 8 two-paths (2 itinerant broker, 6 liaison); betweenness 9.5, constraint 0.53, "
        "effective size 3.00, hierarchy 0.09",
        "- d (onderwijs): 2 two-paths (2 itinerant broker); betweenness 8.0, constraint 0.50, effective size 2.00, "
        "hierarchy 0.00",
        "Dependency: 2 coordinators and top brokers were removed one at a time from their learning network "
        "(coordinator roles: coordinator); removing 2 of them cuts members off the largest connected group of "
        "their network.",  # no "0 more ..." clause
        "- n1: without a (coordinator and broker) 1 of the other 2 members (50%) loses their place in the largest "
        "connected group; fragmentation goes from 0.00 to 1.00",
        "- n2: without c (broker) 1 of the other 2 members (50%) loses their place in the largest connected group; "
        "fragmentation goes from 0.00 to 1.00",
        # the people of conftest: a coordinator, d teacher (educator), e student, b, c, f, g professional
        "Role groups (role value and people): coordinator: 'coordinator' (1); educator: 'teacher' (1); "
        "student: 'student' (1); professional: 'professional' (4).",
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
    api = brokers(collabgraph.load(networks), by="domain")
    assert payload.pop("role_mapping") == [  # the people of conftest: one coordinator, 'teacher' an educator
        {"value": "coordinator", "group": "coordinator", "source": "built-in list", "count": 1},
        {"value": "teacher", "group": "educator", "source": "built-in list", "count": 1},
        {"value": "student", "group": "student", "source": "built-in list", "count": 1},
        {"value": "professional", "group": "professional", "source": "built-in list", "count": 4}]
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
    assert result.output.splitlines()[-1] == ("Error: by must be one of name, role, profession, "
                                             "organisation, domain, joined, left; got 'nope'.")


def test_example_names_the_network_that_depends_on_its_coordinator():
    # datasets/leernetwerken/planted.json, "coordinator_dependent": the text lists it first
    planted = collabgraph.datasets.planted()["coordinator_dependent"]
    result = run("brokers", collabgraph.datasets.EXAMPLE, "--by", "domain")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    first = lines[next(i for i, line in enumerate(lines) if line.startswith("Dependency:")) + 1]
    name = collabgraph.load(collabgraph.datasets.EXAMPLE).people.loc[planted["coordinator"], "name"]
    assert first.startswith(f"- {planted['network']}: without {name} ({planted['coordinator']}, coordinator")


def _cut_off_recomputed(folder, coordinator_ids):
    """Per (network, key person): members of the network's largest component who are no longer in the
    largest component without that person, with networkx from the CSV files (docs/brokerage.md)."""
    import networkx as nx

    people = pd.read_csv(folder / "people.csv", dtype=str)
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    out = {}
    lists = people["networks"].fillna("").str.split(";")
    for network in sorted({n for cell in lists for n in cell if n}):
        members = {pid for pid, nets in zip(people["id"], lists, strict=True) if network in nets}
        g = nx.Graph()
        g.add_nodes_from(members)
        g.add_edges_from((a, b) for a, b in zip(inter["source"], inter["target"], strict=True)
                         if a in members and b in members)
        main = max(nx.connected_components(g), key=len)
        between = nx.betweenness_centrality(g, normalized=False)
        key = {p for p in members if between[p] > 0} | (members & set(coordinator_ids))
        for person in key:
            rest = g.copy()
            rest.remove_node(person)
            left = max(map(len, nx.connected_components(rest)), default=0)
            out[network, person] = max(len(main - {person}) - left, 0)
    return out


def _pairs_recomputed(folder, coordinator_ids):
    """Per (network, key person): pairs of the other members connected with the person and not without, with
    networkx from the CSV files."""
    import networkx as nx

    people = pd.read_csv(folder / "people.csv", dtype=str)
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    out = {}
    for network, members in people.groupby("networks")["id"]:
        g = nx.Graph()
        g.add_nodes_from(members)
        g.add_edges_from((a, b) for a, b in zip(inter["source"], inter["target"], strict=True)
                         if a in set(members) and b in set(members))
        between = nx.betweenness_centrality(g, normalized=False)
        for person in {p for p in members if between[p] > 0} | (set(members) & set(coordinator_ids)):
            rest = g.copy()
            rest.remove_node(person)
            out[network, person] = sum(1 for a, b in itertools.combinations(rest, 2)
                                       if nx.has_path(g, a, b) and not nx.has_path(rest, a, b))
    return out


def write_dependency_data(folder):
    """n1: coordinator "Coördinator" k tied to a and b, plus i without a tie: without k, a and b fall apart
    (1 cut off). n2: path p-q-r, broker q (1 cut off), plus s without a tie. n4: a 4-cycle c1..c4 with
    chord c1-c3 and c5 without a tie: without its top broker c1 no one is cut off and no one loses anyone;
    fragmentation rises (0.4 -> 0.5) only because the members left are fewer, while c5 was apart already
    (issue 12, point 4). n5: a 4-clique b1..b4 and a path x-y-z apart from it: without y no one is cut off
    the largest group, but x and z lose each other."""
    (folder / "people.csv").write_text(
        "id,role,networks\nk,Coördinator,n1\na,,n1\nb,,n1\ni,,n1\np,,n2\nq,,n2\nr,,n2\ns,,n2\n"
        "c1,,n4\nc2,,n4\nc3,,n4\nc4,,n4\nc5,,n4\nb1,,n5\nb2,,n5\nb3,,n5\nb4,,n5\nx,,n5\ny,,n5\nz,,n5\n")
    (folder / "interactions.csv").write_text(
        "source,target\nk,a\nk,b\np,q\nq,r\nc1,c2\nc2,c3\nc3,c4\nc4,c1\nc1,c3\n"
        "b1,b2\nb1,b3\nb1,b4\nb2,b3\nb2,b4\nb3,b4\nx,y\ny,z\n")
    return folder


def test_dependency_headline_counts_cut_off_not_fragmentation(tmp_path):
    write_dependency_data(tmp_path)
    payload = json.loads(run("brokers", tmp_path, "--format", "json", "--dependency-brokers", "1").output)
    recomputed = _cut_off_recomputed(tmp_path, ["k"])
    rows = {(d["network"], d["id"]): d for d in payload["dependency"]}
    assert {key: row["cut_off"] for key, row in rows.items()} == {key: recomputed[key] for key in rows}
    pairs = _pairs_recomputed(tmp_path, ["k"])
    assert {key: row["pairs_disconnected"] for key, row in rows.items()} == {key: pairs[key] for key in rows}
    cutting = sum(1 for key in rows if recomputed[key] > 0)
    raising = sum(1 for key in rows if recomputed[key] == 0 and pairs[key] > 0)
    assert (cutting, raising) == (2, 1)  # k and q cut someone off; y disconnects x from z; c1 neither
    assert rows["n4", "c1"]["fragmentation_increase"] > 0  # the rise from 5 members to 4 is not counted
    assert payload["dependency_counts"] == {"tested": 4, "cutting_off": cutting, "fragmentation_only": raising}
    assert payload["coordinator_roles"] == ["Coördinator"]
    output = run("brokers", tmp_path, "--dependency-brokers", "1").output
    line = next(x for x in output.splitlines() if x.startswith("Dependency"))
    assert line == ("Dependency: 4 coordinators and top brokers were removed one at a time from their learning "
                    "network (coordinator roles: Coördinator); removing 2 of them cuts members off the largest "
                    "connected group of their network; 1 more disconnect other members from each other without "
                    "cutting anyone off.")


def test_coordinator_role_option(networks):
    people = (networks / "people.csv").read_text().replace("a,coordinator,", "a,voorzitter,")
    (networks / "people.csv").write_text(people)
    default = json.loads(run("brokers", networks, "--format", "json", "--dependency-brokers", "0").output)
    assert default["dependency"] == [] and default["coordinator_roles"] == []
    named = json.loads(run("brokers", networks, "--format", "json", "--dependency-brokers", "0",
                           "--coordinator-role", "Voorzitter", "--coordinator-role", "trekker").output)
    assert [(d["network"], d["id"], d["reason"]) for d in named["dependency"]] == [("n1", "a", "coordinator")]
    assert named["coordinator_roles"] == ["voorzitter"]
    text = run("brokers", networks, "--dependency-brokers", "0", "--coordinator-role", "Voorzitter").output
    assert "(coordinator roles: voorzitter)" in text


def test_empty_network_prints_no_negative_zero(tmp_path):
    # One person and no ties: every expected count is 0 (numpy gives -0.0 for some), printed as 0.0.
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target\n")
    result = run("brokers", tmp_path)
    assert result.exit_code == 0, result.output
    assert "(random: 0.0," in result.output and "-0.0" not in result.output


def test_counts_of_one_are_singular(tmp_path):
    """A path a - b - c with a and b in one domain: the open two-paths through b, counted from the files with
    networkx (each undirected tie as two arcs), are one representative (a->b->c) and one gatekeeper (c->b->a),
    and the text says "1 time" and "1 two-path" where it said "1 times"."""
    import networkx as nx

    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,zorg\nc,welzijn\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    domain = pd.read_csv(tmp_path / "people.csv").set_index("id")["domain"]
    graph = nx.Graph(list(pd.read_csv(tmp_path / "interactions.csv").itertuples(index=False)))
    paths = [(x, b, y) for b in graph for x in graph[b] for y in graph[b] if x != y and not graph.has_edge(x, y)]
    representative = sum(domain[x] == domain[b] != domain[y] for x, b, y in paths)
    gatekeeper = sum(domain[x] != domain[b] == domain[y] for x, b, y in paths)
    assert (representative, gatekeeper, len(paths)) == (1, 1, 2)
    lines = run("brokers", tmp_path, "--by", "domain").output.splitlines()
    assert any(x.startswith("- representative: 1 time someone passes a contact") for x in lines)
    assert any(x.startswith("- gatekeeper: 1 time someone lets a contact") for x in lines)
    assert any(x.startswith("- total: 2 times someone brokers") for x in lines)
    assert "Top 1 broker by number of brokered two-paths" in "\n".join(lines)
    assert not any(" 1 times " in x for x in lines)
