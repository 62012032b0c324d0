"""`collabgraph clusters`: exact text, JSON keys, CSV, identical output per seed, and exit codes."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import run

PEOPLE = """id,name,organisation,domain,profession,networks
a,Anna,GGD,zorg,verpleegkundige,N1
b,Bram,GGD,zorg,arts,N1
c,Cor,GGD,zorg,arts,N1
d,Dirk,Politie,veiligheid,agent,N2
e,Eva,Politie,veiligheid,agent,N2
f,Fleur,School,onderwijs,leraar,N2
g,Gijs,School,onderwijs,leraar,N2
z,Zoe,GGD,zorg,arts,N1
"""
# Triangle a-b-c (all GGD), joined by c-d to d-e-f-g (d-e, d-f, e-f, e-g); z has no tie.
INTERACTIONS = """source,target,date
a,b,2021-01-04
a,c,2021-01-04
b,c,2021-01-04
d,e,2021-01-04
d,f,2021-01-04
e,f,2021-01-04
e,g,2021-01-04
c,d,2021-01-04
"""


@pytest.fixture
def small(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    return tmp_path


def test_text(small):
    result = run("clusters", small, "--compare", "organisation")
    assert result.exit_code == 0, result.output
    # Modularity by hand: m = 8; {a,b,c}: l=3, d=7; {d,e,f,g}: l=4, d=9; Q = 3/8 - (7/16)^2 + 4/8 - (9/16)^2
    # = 0.3672. Organisation partition {GGD}{Politie}{School} vs communities: NMI/ARI by scikit-learn;
    # exact p by enumerating all 420 distinct relabellings: 12/420 = 0.0286 (999 permutations give 0.029).
    assert result.output.splitlines() == [
        "2 communities of two or more people found with Leiden (resolution 1, seed 0); modularity 0.367 "
        "(0 = no more ties inside groups than chance, above 0.3 = clear groups).",
        "1 person without any tie is left out (each is a community of one).",
        "",
        "Community 0: 4 people; 67% of possible ties inside are present; 14% of its tie weight leaves the group.",
        "  organisation: Politie 2, School 2",
        "  domain: onderwijs 2, veiligheid 2",
        "  profession: agent 2, leraar 2",
        "  network: N2 4",
        "",
        "Community 1: 3 people; 100% of possible ties inside are present; 14% of its tie weight leaves the group.",
        "  organisation: GGD 3",
        "  domain: zorg 3",
        "  profession: arts 2, verpleegkundige 1",
        "  network: N1 3",
        "  Silo: mostly one domain zorg (100%) and organisation GGD (100%).",
        "",
        "Learning networks whose members are mostly one organisation or domain:",
        "  N1: 4 people; mostly one domain zorg (100%) and organisation GGD (100%).",
        "",
        "Compared with organisation (8 people; 0 without a value left out): NMI 0.688, ARI 0.410, p = 0.029: "
        "the communities follow this grouping more than chance would.",
    ]


@pytest.mark.parametrize("method", ["leiden", "louvain", "lpa"])
def test_json_keys_and_same_seed_same_bytes(small, method):
    args = ("clusters", small, "--method", method, "--seed", "3", "--compare", "domain", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0
    assert first.output == second.output
    payload = json.loads(first.output)
    assert list(payload)[:4] == ["method", "seed", "resolution", "weighted"]
    assert {"modularity", "communities", "compare"} <= set(payload)
    assert {"id", "size", "members", "composition"} <= set(payload["communities"][0])
    assert set(payload["compare"]) >= {"attribute", "nmi", "ari", "p_value"}
    assert payload["method"] == method and payload["seed"] == 3
    # the text's counts: communities of two or more people (the triangle and d-e-f-g), and z without a tie
    assert (payload["n_communities"], payload["n_communities_of_two_or_more"], payload["people_without_ties"]) \
        == (3, 2, 1)


def test_compare_by_learning_network_stability_and_roles(small):
    result = run("clusters", small, "--compare", "network", "--stability", "3", "--roles", "--format", "json")
    payload = json.loads(result.output)
    # The communities are exactly N1 minus z, and N2: NMI 1 (z is its own community and in N1 -> not 1).
    assert payload["compare"]["attribute"] == "network"
    assert payload["compare"]["people"] == 8
    assert payload["stability"]["seeds"] == [0, 1, 2]
    assert payload["roles"]["people"]["z"] == "isolated"


def test_iterations_recorded(small):
    default = json.loads(run("clusters", small, "--format", "json").output)
    assert default["iterations"] == -1  # a small graph: Leiden until stable
    two = json.loads(run("clusters", small, "--iterations", "2", "--format", "json").output)
    assert two["iterations"] == 2
    assert json.loads(run("clusters", small, "--method", "louvain", "--format", "json").output)["iterations"] is None
    result = run("clusters", small, "--iterations", "0")
    assert result.exit_code == 2 and "iterations must be" in result.output


def test_csv_one_row_per_person(small):
    result = run("clusters", small, "--format", "csv")
    assert result.output.splitlines() == ["id,community", "a,1", "b,1", "c,1", "d,0", "e,0", "f,0", "g,0", "z,2"]


def test_usage_errors_exit_2(small):
    assert run("clusters", small, "--method", "walktrap").exit_code == 2
    result = run("clusters", small, "--resolution", "0")
    assert result.exit_code == 2
    assert "resolution must be a number > 0; got 0.0." in result.output
    result = run("clusters", small, "--compare", "hobby")
    assert result.exit_code == 2
    assert "compare_with must be one of " in result.output and "; got 'hobby'." in result.output


@pytest.mark.parametrize("with_domain", [False, True])
def test_silos_that_cannot_be_judged_are_said(tmp_path, with_domain):
    """Two triangles, no tie between them: each is a community (the connected groups, counted here with networkx).
    Without any organisation or domain the text says silos cannot be judged, in the report's sentence; with a
    domain known in one triangle only, it says for how many clusters (those whose members all lack one)."""
    import networkx as nx
    import pandas as pd

    domains = "zorg,zorg,welzijn,,," if with_domain else ",,,,,"
    people = pd.DataFrame({"id": list("abcdef"), "domain": domains.split(",")})
    people.to_csv(tmp_path / "people.csv", index=False)
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\na,c\nd,e\ne,f\nd,f\n")
    inter = pd.read_csv(tmp_path / "interactions.csv")
    known = pd.read_csv(tmp_path / "people.csv").set_index("id")["domain"].notna()
    groups = list(nx.connected_components(nx.from_pandas_edgelist(inter)))
    unjudged = sum(1 for g in groups if not known[list(g)].any())
    lines = run("clusters", tmp_path).output.splitlines()
    if with_domain:
        assert unjudged == 1
        assert lines[1] == ("None of them is dominated by one organisation or domain. For 1 cluster it cannot be "
                            "judged: none of its members has a known organisation or domain.")
        assert lines.count("  Silo: cannot be judged (no member's organisation or domain is known).") == unjudged
    else:
        assert unjudged == 2
        assert lines[1] == ("Whether one organisation or domain dominates them cannot be judged: the data give no "
                            "one's organisation or domain.")
